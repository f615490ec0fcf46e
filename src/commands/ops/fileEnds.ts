// copy and verify when an end is a backup file (`file:PATH`): backup (tree → file), restore
// (file → tree, through copy's own target writer), re-writing a backup (file → file, e.g. to add
// or drop gzip), and verify of a tree or a backup against a backup. Loaded with the first such
// command: other commands' starts do not pay for gzip, crypto and the file code.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFileError, withoutCredentials, type BackupHeader } from '../../ops/backupFormat.js';
import { checkBackup, fileStamp, openBackup, type OpenedBackup } from '../../ops/backupRead.js';
import { checkBackupTarget, writeBackup, type BackupWriteResult } from '../../ops/backupWrite.js';
import { emptyCopyCounts, type CopyResult } from '../../ops/copyTree.js';
import type { ProgressSnapshot } from '../../ops/progressMeter.js';
import { readTreeOrdered, type SourceStats } from '../../ops/orderedSource.js';
import { restoreTree } from '../../ops/restoreTree.js';
import type { TreeNode } from '../../ops/sourceNode.js';
import type { TreeEstimate } from '../../ops/treeEstimate.js';
import { verifyMerged } from '../../ops/verifyMerge.js';
import type { VerifyResult } from '../../ops/verifyLog.js';
import { appVersion } from '../../util/projectRoot.js';
import type { ClientFactory } from '../../zk/types.js';
import { meteredRun, withEnd, type KnownTotal } from './bulkRun.js';
import { commandProgress } from './progress.js';
import { describeEndpoint, describeFileEnd, type End, type Endpoint, type FileEnd } from './endpoint.js';
import { humanSize } from '../../util/humanSize.js';

export interface FileCopyOptions {
  window: number;
  maxBatchBytes: number;
  acls: boolean;
  overwrite: boolean;
  dryRun: boolean;
  seqCounters: boolean;
  withAuth: boolean;
  factory: ClientFactory;
}

/** What a copy with a file end did, for copy's one-line summary. */
export interface FileCopyOutcome {
  result: CopyResult;
  final: ProgressSnapshot;
  /** Set for a backup: the file written (null for --dry-run) and what went into it. */
  written?: { file: BackupWriteResult | null; nodes: number; bytes: number };
}

/** copy with at least one file end. A bad backup is one line naming the file (exit 1). */
export async function copyWithFile(ctx: CommandContext, src: End, dst: End, o: FileCopyOptions, label: string): Promise<FileCopyOutcome> {
  try {
    if (dst.kind === 'file') return await backup(ctx, src, dst.file, o, label);
    if (src.kind === 'file') return await restore(ctx, src.file, dst.zk, o, label);
    throw new Error('copyWithFile without a file end');
  } catch (e) {
    throw asCliError(e, ctx, 1);
  }
}

/** verify with at least one file end; the caller prints the verdict. Errors exit 2. */
export async function verifyWithFile(ctx: CommandContext, src: End, dst: End, o: { window: number; acls: boolean; limit: number; withAuth: boolean; factory: ClientFactory }, label: string): Promise<{ result: VerifyResult; final: ProgressSnapshot }> {
  const stats: SourceStats[] = [];
  try {
    return await withStream(ctx, src, true, o, stats, (left) =>
      withStream(ctx, dst, false, o, stats, async (right) => {
        const known = left.total ?? right.total ?? undefined;
        const run = await meteredRun(ctx, label, (onNode) => verifyMerged(left, right, { acls: o.acls, sampleLimit: o.limit, signal: ctx.signal, onNode }), known);
        run.result.counts.ephemeralsSkipped = stats.reduce((n, s) => n + s.ephemeralsSkipped, 0);
        return run;
      }),
    );
  } catch (e) {
    throw asCliError(e, ctx, 2);
  }
}

function asCliError(e: unknown, ctx: CommandContext, code: number): unknown {
  if (e instanceof BackupFileError) {
    if (ctx.signal.aborted && e.message.includes('cancelled')) return new CancelledError(e.message);
    return new CliError(e.message, code);
  }
  return e;
}

interface Stream {
  nodes: AsyncIterable<TreeNode>;
  root: string;
  total: KnownTotal | null;
}

/** One end of a verify as a sorted stream: a backup file, or a tree read in the same order. */
async function withStream<T>(ctx: CommandContext, end: End, source: boolean, o: { window: number; acls: boolean; withAuth: boolean; factory: ClientFactory }, stats: SourceStats[], body: (s: Stream) => Promise<T>): Promise<T> {
  if (end.kind === 'file') {
    const opened = await openBackup(end.file.file, describeFileEnd(end.file));
    try {
      return await body({ nodes: opened.nodes(), root: opened.header.source.root, total: fileTotal(opened) });
    } finally {
      await opened.close();
    }
  }
  const missing = source ? (text: string): CliError => new CliError(text, 2) : null;
  return withEnd(ctx, { end: end.zk, factory: o.factory, withAuth: o.withAuth, missing }, (client) => {
    const s: SourceStats = { ephemeralsSkipped: 0, vanished: 0 };
    stats.push(s);
    return body({ nodes: readTreeOrdered(client, end.zk.path, { window: o.window, acls: o.acls, stats: s }), root: end.zk.path, total: null });
  });
}

/** A plain file's count from its trailer; a gzipped one's estimated from how far into the file we are. */
function fileTotal(opened: OpenedBackup): KnownTotal {
  if (opened.knownNodes !== null) return { exact: opened.knownNodes };
  return { estimate: () => (opened.bytesRead() > 0 ? Math.round((opened.nodesRead() * opened.size) / opened.bytesRead()) : 0) };
}

async function backup(ctx: CommandContext, src: End, file: FileEnd, o: FileCopyOptions, label: string): Promise<FileCopyOutcome> {
  const name = describeFileEnd(file);
  // Before dialling anything: a missing directory or a file --no-overwrite keeps is refused at once.
  await checkBackupTarget(file.file, name, o.overwrite);
  if (src.kind === 'file') {
    const opened = await openBackup(src.file.file, describeFileEnd(src.file));
    try {
      const header: BackupHeader = { ...opened.header, version: BACKUP_VERSION, zkpilot: appVersion() };
      const skipped = (): { ephemeralsSkipped: number; vanished: number } => ({ ephemeralsSkipped: opened.trailer()?.ephemeralsSkipped ?? 0, vanished: opened.trailer()?.vanished ?? 0 });
      const total = fileTotal(opened);
      return await toFile(ctx, opened.nodes(), header, file, o, label, skipped, total);
    } finally {
      await opened.close();
    }
  }
  return withEnd(ctx, { end: src.zk, factory: o.factory, withAuth: o.withAuth, missing: (text) => new CliError(text) }, (client) => {
    const stats: SourceStats = { ephemeralsSkipped: 0, vanished: 0 };
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      source: { typed: describeEndpoint(src.zk), connectString: withoutCredentials(src.zk.connectString ?? ctx.conn.connectString), root: src.zk.path },
      time: new Date().toISOString(),
      zkpilot: appVersion(),
    };
    const nodes = (estimate: TreeEstimate): AsyncIterable<TreeNode> => readTreeOrdered(client, src.zk.path, { window: o.window, acls: o.acls, stats, estimate });
    return toFile(ctx, nodes, header, file, o, label, () => stats, null);
  });
}

/** Writes the nodes to the file (or, --dry-run, only reads them through), under a progress meter. */
async function toFile(
  ctx: CommandContext,
  source: AsyncIterable<TreeNode> | ((estimate: TreeEstimate) => AsyncIterable<TreeNode>),
  header: BackupHeader,
  file: FileEnd,
  o: FileCopyOptions,
  label: string,
  skipped: () => { ephemeralsSkipped: number; vanished: number },
  total: KnownTotal | null,
): Promise<FileCopyOutcome> {
  let written: NonNullable<FileCopyOutcome['written']> = { file: null, nodes: 0, bytes: 0 };
  const { result, final } = await meteredRun(ctx, label, async (onNode, estimate): Promise<CopyResult> => {
    const nodes = typeof source === 'function' ? source(estimate) : source;
    const counts = emptyCopyCounts();
    const outcome = (cancelled: boolean): CopyResult => ({ counts: { ...counts, ...skipped() }, cancelled, counterWarnings: [] });
    if (o.dryRun) {
      for await (const node of nodes) {
        if (ctx.signal.aborted) return outcome(true);
        counts.scanned += 1;
        written.nodes += 1;
        written.bytes += node.data?.length ?? 0;
        onNode();
      }
      return outcome(false);
    }
    const count = (): void => {
      counts.scanned += 1;
      onNode();
    };
    try {
      const w = await writeBackup(file.file, describeFileEnd(file), header, nodes, { signal: ctx.signal, onNode: count, skipped, overwrite: o.overwrite });
      written = { file: w, nodes: w.trailer.nodes, bytes: w.trailer.bytes };
      return outcome(false);
    } catch (e) {
      if (ctx.signal.aborted) return outcome(true);
      throw e;
    }
  }, total ?? undefined);
  return { result, final, written };
}

async function restore(ctx: CommandContext, file: FileEnd, dst: Endpoint, o: FileCopyOptions, label: string): Promise<FileCopyOutcome> {
  const name = describeFileEnd(file);
  // The whole file is checked before anything is written: a cut or damaged backup must not be
  // half restored. It also gives the progress bar its total.
  const checked = await fileStamp(file.file);
  const checking = commandProgress(ctx, `${label}: checking the file`);
  const trailer = await checkBackup(file.file, name, { signal: ctx.signal, onNode: () => checking.add() }).catch((e: unknown) => {
    checking.end('failed');
    throw e;
  });
  checking.end(trailer === null ? 'cancelled' : 'done');
  if (trailer === null) throw new CancelledError(`copy cancelled while checking ${name}: nothing written`);
  return withEnd(ctx, { end: dst, factory: o.factory, withAuth: o.withAuth, missing: null }, async (client) => {
    const opened = await openBackup(file.file, name);
    try {
      // What is written must be what was checked.
      if (opened.stamp !== checked) throw new BackupFileError(`${name}: changed while it was being checked: nothing written`);
      const run = await meteredRun(ctx, label, (onNode) => restoreTree(opened.nodes(), client, dst.path, { ...o, signal: ctx.signal, onNode }), { exact: trailer.nodes });
      // Ephemerals never reach a backup: the trailer says how many the backup skipped.
      run.result.counts.ephemeralsSkipped = trailer.ephemeralsSkipped;
      run.result.counts.vanished = trailer.vanished;
      return run;
    } finally {
      await opened.close();
    }
  });
}

/** `wrote file:x.jsonl.gz (1.2 MiB, 10102 nodes, 1.0 MiB of data)`, the tail of a backup's summary. */
export function writtenText(name: string, w: NonNullable<FileCopyOutcome['written']>, dryRun: boolean): string {
  if (dryRun || w.file === null) return `would write ${name} (${w.nodes} nodes, ${humanSize(w.bytes)} of data)`;
  return `wrote ${name} (${humanSize(w.file.size)}, ${w.nodes} nodes, ${humanSize(w.bytes)} of data${w.file.replaced ? ', replacing the older file' : ''})`;
}
