// Recursive copy of a subtree between two sessions (two ensembles, or two places in one): the
// source read as a stream in sorted depth-first order (orderedSource.ts; a session worker walks
// it itself and sends hundreds of nodes per message), written by the same target writer as a
// restore from a backup (restoreTree.ts, treeWriter.ts): parents first, in full multis, a
// restrictive ACL after its subtree, resumable. The reads run ahead of the writes by a bounded
// number of nodes, so both sides stay busy and memory stays bounded.
//
// Ephemeral nodes are skipped (they belong to a live session on the source); a node deleted on the
// source while we walk counts as vanished.
import { readTreeOrdered } from './orderedSource.js';
import type { BulkClient } from './remote/protocol.js';
import { restoreTree } from './restoreTree.js';
import type { TreeEstimate } from './treeEstimate.js';
import type { CopyCounts, WriterOptions } from './treeWriter.js';

export { emptyCopyCounts, type CopyCounts } from './treeWriter.js';
export { nextSequence } from './sourceNode.js';

export interface CopyOptions extends WriterOptions {
  /** Copy ACLs (default); false creates everything world:anyone:cdrwa. */
  acls: boolean;
  /** Fed with the source tree's shape as it is read (a progress total without a second walk). */
  estimate?: TreeEstimate;
  signal?: AbortSignal;
  /** Called once per source node handled (progress). */
  onNode?: () => void;
}

export interface CopyResult {
  counts: CopyCounts;
  cancelled: boolean;
  /** Sequence counters too far behind to raise (more than MAX_COUNTER_BUMP): path and gap. */
  counterWarnings: string[];
}

export async function copyTree(source: BulkClient, srcRoot: string, target: BulkClient, dstRoot: string, opts: CopyOptions): Promise<CopyResult> {
  const stats = { ephemeralsSkipped: 0, vanished: 0 };
  const nodes = readTreeOrdered(source, srcRoot, { window: opts.window, acls: opts.acls, stats, ...(opts.estimate ? { estimate: opts.estimate } : {}) });
  const result = await restoreTree(nodes, target, dstRoot, opts);
  const counts = result.counts;
  counts.vanished += stats.vanished;
  counts.ephemeralsSkipped += stats.ephemeralsSkipped;
  // Every source node handled counts as scanned, the skipped ones too.
  counts.scanned += stats.vanished + stats.ephemeralsSkipped;
  return result;
}
