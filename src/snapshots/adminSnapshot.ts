// `snapshot fetch`: a snapshot taken by the source server itself through its AdminServer (3.9+),
// for when zkpilot cannot read the source's disk. The stream lands as `snapshot.<last_zxid>` in a
// private (0700) directory beside the archive, is checked whole (size, ZooKeeper's seal), then
// packed by the same code as `snapshot pack`: atomic, mode 0600, entries under version-2/, so
// `snapshot restore` takes it as it is. Nothing is left behind on failure or Ctrl-C.
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseZxid, type Zxid } from '../zk/fourLetterParsers.js';
import { AdminSnapshotError, formatAdminAddress, requestSnapshot, type AdminAddress, type DigestCredential, type RequestOptions } from './adminHttp.js';
import { PackError } from './archiveErrors.js';
import { packSelection } from './packArchive.js';
import { selectSnapshot } from './selection.js';
import { listDataDir } from './zxidFiles.js';

export interface FetchOptions extends RequestOptions {
  /** Called once the server said how big the snapshot is, then with each chunk's size. */
  onSize?: (bytes: number) => void;
  onBytes?: (n: number) => void;
}

export interface FetchResult {
  file: string;
  /** Size of the archive. */
  bytes: number;
  entries: string[];
  replaced: boolean;
  /** The snapshot's name in the archive (`snapshot.200000003`) and its zxid. */
  snapshot: string;
  zxid: Zxid;
  snapshotBytes: number;
  server: string;
}

/** Where the archive goes: its directory must exist, the name must not be a directory. Checked before the server is asked. */
async function checkOutput(outFile: string): Promise<string> {
  const target = path.resolve(outFile);
  const dirStat = await fs.stat(path.dirname(target)).catch(() => null);
  if (!dirStat?.isDirectory()) throw new PackError(`${path.dirname(target)}: no such directory for the archive`);
  if ((await fs.stat(target).catch(() => null))?.isDirectory()) throw new PackError(`${target}: is a directory (give a file name with -o)`);
  return target;
}

export async function fetchAdminSnapshot(address: AdminAddress, credential: DigestCredential, outFile: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const target = await checkOutput(outFile);
  const where = formatAdminAddress(address);
  const stream = await requestSnapshot(address, credential, opts);
  const zxid = parseZxid(stream.lastZxid)!;
  const name = `snapshot.${zxid.hex.slice(2)}`;
  opts.onSize?.(stream.size);
  let staging: string | null = null;
  try {
    staging = await fs.mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.fetch-`));
    const file = path.join(staging, name);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        opts.onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    await pipeline(stream.body, counter, createWriteStream(file, { mode: 0o600, flags: 'wx' }), { signal: opts.signal });
    if (received !== stream.size) throw new AdminSnapshotError(`${where} sent ${received} of the ${stream.size} bytes of ${name}: fetch again`);
    const selection = await selectSnapshot(await listDataDir(staging));
    if (selection.skipped.length > 0) throw new AdminSnapshotError(`${where} sent ${name} without ZooKeeper's end seal (cut short?): fetch again`);
    const packed = await packSelection(selection, target, { signal: opts.signal });
    return { ...packed, snapshot: name, zxid, snapshotBytes: stream.size, server: where };
  } catch (e) {
    stream.body.destroy();
    if (opts.signal?.aborted) throw new AdminSnapshotError('cancelled: no archive written');
    if (e instanceof AdminSnapshotError || e instanceof PackError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES') throw new PackError(`${err.path ?? path.dirname(target)}: permission denied`);
    if (err.code === 'ENOSPC') throw new PackError(`${path.dirname(target)}: no space left on device`);
    throw new AdminSnapshotError(`${where}: ${err.message}`);
  } finally {
    if (staging) await fs.rm(staging, { recursive: true, force: true });
  }
}
