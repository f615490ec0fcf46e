// verify: both ends (trees, backup files, or one of each) as streams in sorted depth-first
// order (a file is stored that way, a tree is read that way by readTreeOrdered), merged like two
// sorted lists. A path only the source stream has is missing, one only the target has is extra,
// one both have is compared. Nothing is held but the current node of each stream, so a backup
// compares with a tree or another backup in the memory of a copy's window, whatever its size.
import { readTreeOrdered, type SourceStats } from './orderedSource.js';
import type { BulkClient } from './remote/protocol.js';
import { compareRel, joinRel, type TreeNode } from './sourceNode.js';
import type { TreeEstimate } from './treeEstimate.js';
import { DifferenceLog, type VerifyResult } from './verifyLog.js';

export interface MergeOptions {
  /** Compare ACLs too (where both ends hold them). */
  acls: boolean;
  sampleLimit: number;
  signal?: AbortSignal;
  onNode?: () => void;
}

/** A stream and the root its relative paths are shown under in the report. */
export interface MergeEnd {
  nodes: AsyncIterable<TreeNode>;
  root: string;
}

export async function verifyMerged(source: MergeEnd, target: MergeEnd, opts: MergeOptions): Promise<VerifyResult> {
  const log = new DifferenceLog(opts.sampleLimit);
  const left = source.nodes[Symbol.asyncIterator]();
  const right = target.nodes[Symbol.asyncIterator]();
  let cancelled = false;
  try {
    let [a, b] = await Promise.all([left.next(), right.next()]);
    while (!a.done || !b.done) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      const order = a.done ? 1 : b.done ? -1 : compareRel(a.value.rel, b.value.rel);
      if (order === 0 && !a.done && !b.done) {
        log.compare(joinRel(source.root, a.value.rel), a.value, b.value, opts.acls);
        [a, b] = await Promise.all([left.next(), right.next()]);
      } else if (order < 0 && !a.done) {
        log.note('missing', joinRel(source.root, a.value.rel));
        a = await left.next();
      } else if (!b.done) {
        log.note('extra', joinRel(target.root, b.value.rel));
        b = await right.next();
      }
      opts.onNode?.();
    }
  } finally {
    await Promise.allSettled([left.return?.(undefined), right.return?.(undefined)]);
  }
  return log.result(cancelled);
}

/**
 * Two trees compared the same way: each read in sorted depth-first order where its session lives
 * (a session worker walks its tree itself and streams it), then merged.
 */
export async function verifyTrees(
  source: { client: BulkClient; root: string },
  target: { client: BulkClient; root: string },
  opts: MergeOptions & { window: number; estimate?: TreeEstimate },
): Promise<VerifyResult> {
  const stats: SourceStats[] = [
    { ephemeralsSkipped: 0, vanished: 0 },
    { ephemeralsSkipped: 0, vanished: 0 },
  ];
  const read = (end: { client: BulkClient; root: string }, i: number, estimate?: TreeEstimate): MergeEnd => ({
    nodes: readTreeOrdered(end.client, end.root, { window: opts.window, acls: opts.acls, stats: stats[i]!, ...(estimate ? { estimate } : {}) }),
    root: end.root,
  });
  // The source's shape is the progress total: the target is expected to be its copy.
  const result = await verifyMerged(read(source, 0, opts.estimate), read(target, 1), opts);
  result.counts.ephemeralsSkipped = stats[0]!.ephemeralsSkipped + stats[1]!.ephemeralsSkipped;
  return result;
}
