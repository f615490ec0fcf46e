// The files ZooKeeper keeps in `version-2`: `snapshot.<hex zxid>` (optionally `.gz`/`.snappy`) and
// `log.<hex zxid>` (the zxid of the first transaction in it). Sorted by zxid as a number: names
// of different lengths (`snapshot.ffffffff` before `snapshot.100000000`) sort wrongly as text,
// and mtimes lie after a copy.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseZxid, type Zxid } from '../zk/fourLetterParsers.js';

export type ZxidFileKind = 'snapshot' | 'log';

export interface ZxidFile {
  kind: ZxidFileKind;
  name: string;
  /** Absolute path. */
  path: string;
  zxid: Zxid;
  /** The zxid as an exact 64-bit number, for ordering. */
  order: bigint;
  size: number;
}

export const VERSION_DIR = 'version-2';

const NAME = /^(snapshot|log)\.([0-9a-fA-F]{1,16})(\.gz|\.snappy)?$/;

/** `snapshot.1a` → kind and zxid; null for any other file (`currentEpoch`, `acceptedEpoch`, temp files). */
export function parseZxidFileName(name: string): { kind: ZxidFileKind; zxid: Zxid; order: bigint } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  // Compressed logs do not exist: only snapshots may carry a compression suffix.
  if (m[1] === 'log' && m[3] !== undefined) return null;
  const zxid = parseZxid(m[2]!);
  if (!zxid) return null;
  return { kind: m[1] as ZxidFileKind, zxid, order: BigInt(`0x${m[2]}`) };
}

export function byZxid(a: { order: bigint; name: string }, b: { order: bigint; name: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export class SnapshotDirError extends Error {}

/**
 * The `version-2` directory for what the operator gave: a dataDir, or its `version-2` itself
 * (`conf` prints the latter as `dataDir=`).
 */
export async function versionDir(dir: string): Promise<string> {
  const resolved = path.resolve(dir);
  const stat = await fs.stat(resolved).catch((e: NodeJS.ErrnoException) => {
    throw new SnapshotDirError(e.code === 'ENOENT' ? `${resolved}: no such directory` : `${resolved}: ${e.code ?? e.message}`);
  });
  if (!stat.isDirectory()) throw new SnapshotDirError(`${resolved}: not a directory`);
  if (path.basename(resolved) === VERSION_DIR) return resolved;
  const inner = path.join(resolved, VERSION_DIR);
  const innerStat = await fs.stat(inner).catch(() => null);
  if (innerStat?.isDirectory()) return inner;
  // A dataDir that holds the files directly (copied by hand) is still readable.
  const names = await readNames(resolved);
  if (names.some((n) => parseZxidFileName(n))) return resolved;
  throw new SnapshotDirError(`${resolved}: no ${VERSION_DIR} directory and no snapshot or log files (is it the dataDir?)`);
}

async function readNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SnapshotDirError(`${dir}: cannot read (${code === 'EACCES' ? 'permission denied: run as the ZooKeeper user or with sudo' : (code ?? String(e))})`);
  }
}

/** The snapshot and log files of one `version-2` directory, sorted by zxid. */
export async function listZxidFiles(dir: string): Promise<ZxidFile[]> {
  const files: ZxidFile[] = [];
  for (const name of await readNames(dir)) {
    const parsed = parseZxidFileName(name);
    if (!parsed) continue;
    const full = path.join(dir, name);
    const stat = await fs.stat(full).catch(() => null);
    if (!stat?.isFile()) continue; // removed meanwhile (ZooKeeper purges old files) or not a file
    files.push({ ...parsed, name, path: full, size: stat.size });
  }
  return files.sort(byZxid);
}

export interface DataDirListing {
  /** The `version-2` directory of the snapshots. */
  snapDir: string;
  /** The `version-2` directory of the logs (dataLogDir; the same as snapDir unless separate). */
  logDir: string;
  snapshots: ZxidFile[];
  logs: ZxidFile[];
}

/** Lists a dataDir (and a separate dataLogDir when given). */
export async function listDataDir(dataDir: string, dataLogDir?: string | null): Promise<DataDirListing> {
  const snapDir = await versionDir(dataDir);
  const logDir = dataLogDir ? await versionDir(dataLogDir) : snapDir;
  const inSnapDir = await listZxidFiles(snapDir);
  const inLogDir = logDir === snapDir ? inSnapDir : await listZxidFiles(logDir);
  return {
    snapDir,
    logDir,
    snapshots: inSnapDir.filter((f) => f.kind === 'snapshot'),
    logs: inLogDir.filter((f) => f.kind === 'log'),
  };
}
