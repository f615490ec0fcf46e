// Which files restore a server's data: the newest complete snapshot, the last log that starts at
// or before its zxid (snapshots are fuzzy: replay starts there) and every later log. A snapshot
// alone loses every transaction after it (RUNBOOKS trap 7); this is ZooKeeper's own rule
// (FileTxnLog.getLogFiles).
import { open } from 'node:fs/promises';
import { SnapshotDirError, type DataDirListing, type ZxidFile } from './zxidFiles.js';

export interface IncludedFile {
  file: ZxidFile;
  /** Why it is in the archive (or why a newer snapshot is not). */
  why: string;
}

export interface SnapshotSelection {
  snapshot: ZxidFile;
  /** The snapshot, then the logs, in zxid order, each with why. */
  included: IncludedFile[];
  logs: ZxidFile[];
  /** Newer snapshots passed over (still being written), with why. */
  skipped: IncludedFile[];
  /** One line when the logs may not cover what follows the snapshot, else null. */
  gap: string | null;
}

export class NoSnapshotError extends Error {}

/** The logs needed after a snapshot at `zxid`, each with why (ZooKeeper's FileTxnLog.getLogFiles). */
export function logsAfter(zxid: bigint, logs: readonly ZxidFile[]): IncludedFile[] {
  const sorted = [...logs].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const startsBefore = sorted.filter((l) => l.order <= zxid).at(-1) ?? null;
  return sorted
    .filter((l) => startsBefore === null || l.order >= startsBefore.order)
    .map((file) => ({
      file,
      why: file === startsBefore
        ? `last log starting at or before the snapshot (${file.zxid.hex} <= ${hex(zxid)}): its transactions after the snapshot`
        : 'starts after the snapshot: later transactions',
    }));
}

/**
 * Whether a plain snapshot is complete: ZooKeeper seals it with the int 1 and '/' as its last
 * five bytes (SnapStream.isValidSnapshot) and ignores one without them. Compressed snapshots are
 * not checked here (null).
 */
export async function snapshotComplete(file: ZxidFile): Promise<boolean | null> {
  if (file.name.endsWith('.gz') || file.name.endsWith('.snappy')) return null;
  if (file.size < 10) return false;
  const handle = await open(file.path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new SnapshotDirError(`${file.path}: cannot read (${e.code === 'EACCES' ? 'permission denied: run as the ZooKeeper user or with sudo' : (e.code ?? e.message)})`);
  });
  try {
    const tail = Buffer.alloc(5);
    const { bytesRead } = await handle.read(tail, 0, 5, file.size - 5);
    return bytesRead === 5 && tail.readInt32BE(0) === 1 && tail[4] === 0x2f;
  } finally {
    await handle.close();
  }
}

/** The newest complete snapshot of a listing and the logs it needs. */
export async function selectSnapshot(listing: DataDirListing, complete: (f: ZxidFile) => Promise<boolean | null> = snapshotComplete): Promise<SnapshotSelection> {
  const skipped: IncludedFile[] = [];
  let snapshot: ZxidFile | null = null;
  for (const candidate of [...listing.snapshots].reverse()) {
    if ((await complete(candidate)) === false) {
      skipped.push({ file: candidate, why: 'incomplete (being written, or cut short): ZooKeeper would skip it too' });
      continue;
    }
    snapshot = candidate;
    break;
  }
  if (!snapshot) {
    const why = listing.snapshots.length === 0 ? 'no snapshot.* file' : `no complete snapshot among ${listing.snapshots.length}`;
    throw new NoSnapshotError(`${listing.snapDir}: ${why}`);
  }
  const logs = logsAfter(snapshot.order, listing.logs);
  const first = logs[0]?.file ?? null;
  let gap: string | null = null;
  // The transaction after the snapshot is its zxid + 1, or counter 1 of a later epoch.
  if (first && first.zxid.epoch === snapshot.zxid.epoch && first.order > snapshot.order + 1n) {
    gap = `the oldest log kept starts at ${first.zxid.hex}, after the snapshot's ${snapshot.zxid.hex} + 1: transactions in between may be missing (purged?)`;
  }
  return {
    snapshot,
    included: [{ file: snapshot, why: 'newest complete snapshot (highest zxid)' }, ...logs],
    logs: logs.map((l) => l.file),
    skipped: skipped.reverse(),
    gap,
  };
}

function hex(n: bigint): string {
  return `0x${n.toString(16)}`;
}
