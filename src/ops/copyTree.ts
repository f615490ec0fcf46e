// Recursive copy of a subtree between two sessions (two ensembles, or two places in one), streamed
// through walkTree: reads are pipelined on the source, writes on the target, each behind its own
// bounded window. This is the source side: each node is read, its children are handed to the walk
// at once (their reads can start), and the node goes to the target writer (treeWriter.ts), which
// creates it right after its parent (in multis) and applies a restrictive ACL after its subtree.
//
// Ephemeral nodes are skipped (they belong to a live session on the source); a node deleted on the
// source while we walk counts as vanished. Re-running resumes (see treeWriter.ts).
import type { BulkClient } from './remote/protocol.js';
import { highestSequence, readSourceNode } from './sourceNode.js';
import { walkTree } from './streamingWalk.js';
import type { TreeEstimate } from './treeEstimate.js';
import { ZkTreeWriter, type CopyCounts, type TargetNode, type WriterOptions } from './treeWriter.js';
import { childPath, WindowedClient } from './windowedClient.js';

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

/**
 * A source node to copy. Exposed children wait on the walk's stack in their thousands (512 groups
 * of 100 leaves at once on a wide tree): they hold only their parent and name; the target node,
 * with its promise, is made when the node is visited.
 */
interface CopyNode {
  src: string;
  parent: TargetNode | null;
  name: string;
  target: TargetNode | null;
}

export async function copyTree(source: BulkClient, srcRoot: string, target: BulkClient, dstRoot: string, opts: CopyOptions): Promise<CopyResult> {
  return new TreeCopy(source, target, opts).run(srcRoot, dstRoot);
}

class TreeCopy {
  private readonly src: WindowedClient;
  private readonly writer: ZkTreeWriter;

  constructor(
    source: BulkClient,
    target: BulkClient,
    private readonly opts: CopyOptions,
  ) {
    this.src = new WindowedClient(source, opts.window);
    this.writer = new ZkTreeWriter(target, opts);
  }

  async run(srcRoot: string, dstRoot: string): Promise<CopyResult> {
    const root: CopyNode = { src: srcRoot, parent: null, name: '', target: this.writer.root(dstRoot) };
    const outcome = await walkTree([root], {
      visit: (node, expose) => this.visit(node, expose),
      finish: (node) => this.writer.close(this.targetOf(node)),
      abandon: async (node) => {
        if (node.target) await this.writer.abandon(node.target);
      },
    }, {
      // Nodes in progress hold their data: twice the window keeps both sides busy, no more.
      maxActive: this.opts.window * 2,
      signal: this.opts.signal,
      ...(this.opts.estimate ? { estimate: this.opts.estimate } : {}),
    });
    return { counts: this.writer.counts, cancelled: outcome.cancelled, counterWarnings: this.writer.counterWarnings };
  }

  private targetOf(node: CopyNode): TargetNode {
    node.target ??= this.writer.child(node.parent!, node.name);
    return node.target;
  }

  private async visit(node: CopyNode, expose: (children: CopyNode[]) => void): Promise<void> {
    const counts = this.writer.counts;
    const target = this.targetOf(node);
    try {
      const read = await readSourceNode(this.src, node.src, this.opts.acls);
      if (read === null) {
        counts.vanished += 1;
        return;
      }
      if (read.ephemeral) {
        counts.ephemeralsSkipped += 1;
        return;
      }
      const hasChildren = read.children.length > 0;
      if (hasChildren) expose(read.children.map((name) => ({ src: childPath(node.src, name), parent: target, name, target: null })));
      await this.writer.write(target, { data: read.data, acl: read.acl, stat: read.stat, hasChildren, maxSeq: highestSequence(read.children) });
    } catch (e) {
      this.writer.fail(target, e);
      throw e;
    } finally {
      counts.scanned += 1;
      this.opts.onNode?.();
    }
  }
}
