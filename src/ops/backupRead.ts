// Reads a backup file back as a stream of nodes, checking as it goes what could make a restore or
// a comparison quietly wrong: a file that is not ours or from a newer format (refused on its first
// line), one cut short (no trailer, a gzip stream that ends early, a last line without its end),
// one damaged (a line that is not JSON, a child before its parent, nodes out of order, counts or
// checksum not matching the trailer). Each is one line naming the file. The file is read as it is
// consumed (gzip recognised by its magic bytes, whatever the name), one line at a time.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BackupFileError, isTrailer, parseHeader, parseNode, parseTrailer, type BackupHeader, type BackupTrailer } from './backupFormat.js';
import type { TreeNode } from './sourceNode.js';
import { counted } from '../util/counted.js';

/** A header longer than this is not ours (a binary file without newlines must not be buffered whole). */
const MAX_HEADER = 64 * 1024;
/** ZooKeeper's data limit is about 1 MiB by default; base64 and the rest fit well below this. */
const MAX_LINE = 64 * 1024 * 1024;

export interface OpenedBackup {
  header: BackupHeader;
  compressed: boolean;
  /** Size on disk. */
  size: number;
  /** Which file, at which size and mtime: equal stamps mean the same, unchanged file. */
  stamp: string;
  /** The trailer's node count when it can be read without reading the file (not gzipped); else null. */
  knownNodes: number | null;
  /** Bytes of the file read so far (compressed bytes for a gzipped one): progress for a size estimate. */
  bytesRead(): number;
  /** Nodes handed out so far. */
  nodesRead(): number;
  /** The nodes, in file order; throws BackupFileError on anything wrong, the trailer included. Once only. */
  nodes(): AsyncGenerator<TreeNode>;
  /** The trailer, once nodes() has run to its end. */
  trailer(): BackupTrailer | null;
  close(): Promise<void>;
}

export async function openBackup(file: string, name: string): Promise<OpenedBackup> {
  const handle = await fs.open(file, 'r').catch((e: unknown) => {
    throw new BackupFileError(`${name}: ${openProblem(e)}`);
  });
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new BackupFileError(`${name}: is a directory`);
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    const compressed = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    const knownNodes = compressed ? null : await tailNodeCount(handle, st.size);
    const raw = handle.createReadStream({ start: 0, autoClose: false });
    const text: Readable = compressed ? raw.pipe(createGunzip()) : raw;
    // pipe() does not pass a read error on; the gunzip stream must fail with it.
    if (compressed) raw.on('error', (e) => text.destroy(e));
    const lines = splitLines(text, name, compressed);
    const first = await lines.next();
    if (first.done) throw new BackupFileError(`${name}: empty file, not a zkpilot backup`);
    const header = parseHeader(first.value.toString('utf8'), name);
    let trailer: BackupTrailer | null = null;
    let started = false;
    let handedOut = 0;
    return {
      header,
      compressed,
      size: st.size,
      stamp: stampOf(st),
      knownNodes,
      bytesRead: () => raw.bytesRead,
      nodesRead: () => handedOut,
      trailer: () => trailer,
      async *nodes() {
        if (started) throw new Error('backup nodes read twice');
        started = true;
        const hash = createHash('sha256').update(first.value).update('\n');
        for await (const node of readNodes(lines, hash, name, (t) => (trailer = t))) {
          handedOut += 1;
          yield node;
        }
      },
      close: async () => {
        await lines.return(undefined);
        text.destroy();
        raw.destroy();
        await handle.close().catch(() => {});
      },
    };
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
}

function stampOf(st: { dev: number; ino: number; size: number; mtimeMs: number }): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

/** The file's stamp now (see OpenedBackup.stamp), null when it cannot be read. */
export async function fileStamp(file: string): Promise<string | null> {
  const st = await fs.stat(file).catch(() => null);
  return st ? stampOf(st) : null;
}

/** Checks the whole file (structure, counts, checksum) without using its nodes; returns its trailer. */
export async function checkBackup(file: string, name: string, opts: { signal?: AbortSignal; onNode?: () => void } = {}): Promise<BackupTrailer | null> {
  const opened = await openBackup(file, name);
  try {
    for await (const _node of opened.nodes()) {
      if (opts.signal?.aborted) return null;
      opts.onNode?.();
    }
    return opened.trailer();
  } finally {
    await opened.close();
  }
}

async function* readNodes(lines: AsyncGenerator<Buffer>, hash: ReturnType<typeof createHash>, name: string, setTrailer: (t: BackupTrailer) => void): AsyncGenerator<TreeNode> {
  let lineNo = 1;
  let nodes = 0;
  let bytes = 0;
  /** The open path's components: the last node and its ancestors below the root. */
  const open: string[] = [];
  let pending: TreeNode | null = null;
  for await (const line of lines) {
    lineNo += 1;
    const where = `${name}: corrupt at line ${lineNo}`;
    let obj: unknown;
    try {
      obj = JSON.parse(line.toString('utf8'));
    } catch {
      throw new BackupFileError(`${where}: not JSON`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new BackupFileError(`${where}: not a node`);
    const record = obj as Record<string, unknown>;
    if (isTrailer(record)) {
      const trailer = parseTrailer(record, where);
      const digest = hash.digest('hex');
      if ((await lines.next()).done !== true) throw new BackupFileError(`${name}: corrupt: lines after the trailer (line ${lineNo})`);
      if (trailer.nodes !== nodes || trailer.bytes !== bytes) {
        throw new BackupFileError(`${name}: corrupt: the trailer counts ${trailer.nodes} nodes and ${trailer.bytes} data bytes, the file holds ${nodes} and ${bytes}`);
      }
      if (trailer.sha256 !== digest) throw new BackupFileError(`${name}: corrupt: checksum mismatch (sha256 ${digest.slice(0, 12)}…, the trailer says ${trailer.sha256.slice(0, 12)}…)`);
      setTrailer(trailer);
      if (pending) yield pending;
      return;
    }
    hash.update(line).update('\n');
    const node = parseNode(record, where);
    const childOfPending = place(open, node.rel, nodes === 0, where);
    if (pending) {
      pending.hasChildren = childOfPending;
      yield pending;
    }
    pending = node;
    nodes += 1;
    bytes += node.data?.length ?? 0;
  }
  throw new BackupFileError(`${name}: truncated: no trailer after ${counted(nodes, 'node')} (an interrupted backup, or a partial copy of the file)`);
}

/**
 * Fits a node into the open path, or says why the file is not in sorted depth-first order.
 * Returns whether the node is a child of the node before it.
 */
function place(open: string[], rel: string, first: boolean, where: string): boolean {
  if (rel === '') {
    if (!first) throw new BackupFileError(`${where}: a second root node`);
    return false;
  }
  if (first) throw new BackupFileError(`${where}: ${rel} comes before its parent (the root)`);
  const parts = rel.split('/');
  const depth = parts.length;
  for (let i = 0; i < depth - 1; i++) {
    if (open[i] !== parts[i]) throw new BackupFileError(`${where}: ${rel} comes before its parent`);
  }
  const childOfLast = open.length === depth - 1;
  if (open.length >= depth && !(parts[depth - 1]! > open[depth - 1]!)) {
    throw new BackupFileError(`${where}: ${rel} is out of order (after ${open.slice(0, depth).join('/')})`);
  }
  open.length = depth - 1;
  open.push(parts[depth - 1]!);
  return childOfLast;
}

/** Lines without their '\n'; a last line without one means the file was cut. */
async function* splitLines(stream: Readable, name: string, compressed: boolean): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(0x0a)) >= 0) {
        yield buf.subarray(0, nl);
        first = false;
        buf = buf.subarray(nl + 1);
      }
      rest = buf;
      if (first && rest.length > MAX_HEADER) throw new BackupFileError(`${name}: not a zkpilot backup (no header line)`);
      if (rest.length > MAX_LINE) throw new BackupFileError(`${name}: corrupt: a line longer than ${MAX_LINE / 1024 / 1024} MiB`);
    }
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw new BackupFileError(`${name}: truncated: the gzip stream ends early`);
    if (compressed && typeof code === 'string' && code.startsWith('Z_')) throw new BackupFileError(`${name}: corrupt: bad gzip data`);
    throw new BackupFileError(`${name}: ${openProblem(e)}`);
  }
  if (rest.length > 0) {
    if (first) throw new BackupFileError(`${name}: not a zkpilot backup (no header line)`);
    throw new BackupFileError(`${name}: truncated: the last line is cut off`);
  }
}

/** A plain file's node count from its last line, for a progress total before reading it all. */
async function tailNodeCount(handle: fs.FileHandle, size: number): Promise<number | null> {
  const len = Math.min(size, 4096);
  const buf = Buffer.alloc(len);
  await handle.read(buf, 0, len, size - len);
  const lines = buf.toString('utf8').trimEnd().split('\n');
  try {
    const last = JSON.parse(lines[lines.length - 1]!) as { trailer?: unknown; nodes?: unknown };
    return last.trailer !== undefined && typeof last.nodes === 'number' ? last.nodes : null;
  } catch {
    return null;
  }
}

function openProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return (err.message ?? String(e)).split('\n')[0]!;
}
