// `data.tar.gz`: the selected snapshot and logs under `version-2/`, so it unpacks straight into a
// target dataDir. Written to a temp file beside the target name, synced, then renamed: whoever
// finds the archive finds a whole one. Mode 0600: it holds every znode's data.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { PackError } from './archiveErrors.js';
import type { SnapshotSelection } from './selection.js';

export { PackError };
import { VERSION_DIR } from './zxidFiles.js';

export interface PackResult {
  file: string;
  /** Size of the archive. */
  bytes: number;
  /** Entry names, in archive order. */
  entries: string[];
  /** An older file of that name was replaced. */
  replaced: boolean;
}


export interface PackOptions {
  signal?: AbortSignal;
  /** Called with each chunk's size as the files are read (progress; the total is about the files' sizes). */
  onBytes?: (n: number) => void;
}

/** Packs the selection into `outFile` atomically. Nothing is left behind on failure or cancel. */
export async function packSelection(selection: SnapshotSelection, outFile: string, opts: PackOptions = {}): Promise<PackResult> {
  const { signal, onBytes } = opts;
  const target = path.resolve(outFile);
  const dir = path.dirname(target);
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new PackError(`${dir}: no such directory for the archive`);
  const replaced = await fs.stat(target).then((s) => {
    if (s.isDirectory()) throw new PackError(`${target}: is a directory (give a file name with -o)`);
    return true;
  }, () => false);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const files = selection.included.map((i) => i.file.path);
  try {
    const { create } = await import('tar');
    const stream = create(
      {
        portable: true,
        cwd: '/',
        // Snapshots and logs may sit in two directories (dataDir, dataLogDir): both go to version-2/.
        onWriteEntry: (entry) => {
          entry.path = `${VERSION_DIR}/${path.basename(entry.absolute)}`;
        },
      },
      files.map((f) => path.relative('/', f)),
    );
    // Counted before gzip: progress in the files' own bytes.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    await pipeline(stream, counter, createGzip(), createWriteStream(tmp, { mode: 0o600, flags: 'wx' }), { signal });
    const handle = await fs.open(tmp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    if (signal?.aborted) throw new PackError('cancelled: no archive written');
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' && typeof err.path === 'string' && files.includes(err.path)) {
      throw new PackError(`${err.path} vanished while packing (purged by ZooKeeper?): pack again`);
    }
    if (err.code === 'EACCES') throw new PackError(`${err.path ?? dir}: permission denied`);
    if (err.code === 'ENOSPC') throw new PackError(`${dir}: no space left on device`);
    throw new PackError(err.message);
  }
  const { size } = await fs.stat(target);
  return { file: target, bytes: size, entries: await archiveEntries(target), replaced };
}

/**
 * Logs are preallocated (64 MiB, mostly zeros), which deflate squeezes near its limit (~1030:1):
 * node-tar's zip-bomb guard (1000:1) would refuse a plain ZooKeeper log. Entries are checked by
 * name and kind before anything is extracted.
 */
export const NO_RATIO_LIMIT = { maxDecompressionRatio: Number.POSITIVE_INFINITY };

export interface ArchiveEntry {
  path: string;
  type: string;
  size: number;
}

/** The entries of a .tar.gz (names, types, sizes), without extracting anything. */
export async function readArchiveEntries(file: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const { list } = await import('tar');
  await list({ file, strict: true, ...NO_RATIO_LIMIT, onReadEntry: (e) => entries.push({ path: e.path, type: e.type, size: e.size ?? 0 }) });
  return entries;
}

export async function archiveEntries(file: string): Promise<string[]> {
  return (await readArchiveEntries(file)).map((e) => e.path);
}
