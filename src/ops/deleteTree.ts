// Streaming recursive delete (deleteall/rmr of big trees): depth-first, leaves first, never more
// than the window of requests in flight and never the whole tree in memory (zkCli's deleteall
// lists the whole subtree first). Most nodes of a big tree are leaves, so each node is simply
// deleted first; only a NotEmpty answer makes us list its children and come back to it after them.
// The deletes travel in multis (writeBatcher.ts): a NotEmpty in a batch sends the rest again one
// by one, so each node still gets its own answer.
import type { BulkClient } from './remote/protocol.js';
import { walkTree } from './streamingWalk.js';
import type { TreeEstimate } from './treeEstimate.js';
import { childPath, isZkCode, WindowedClient } from './windowedClient.js';
import { DEFAULT_MAX_BATCH_BYTES } from './writeBatcher.js';

export interface DeleteOptions {
  window: number;
  /** Bytes per multi (0: one request per node). */
  maxBatchBytes?: number;
  /** Deletes per multi at most (zkCli's `deleteall -b`, default 1000). */
  maxBatchOps?: number;
  /** Fed with the tree's shape as it is read (a progress total when none was counted). */
  estimate?: TreeEstimate;
  signal?: AbortSignal;
  /** Called once per node deleted (or found already gone). */
  onDeleted?: () => void;
}

export interface DeleteResult {
  deleted: number;
  cancelled: boolean;
}

interface DeleteNode {
  path: string;
  /** Deleted during its visit (it was a leaf): nothing left for the post-order step. */
  gone: boolean;
}

/** Deletes each root with its subtree (several roots: `/`'s children, one walk). */
export async function deleteTree(client: BulkClient, root: string | readonly string[], opts: DeleteOptions): Promise<DeleteResult> {
  const maxBytes = opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const zk = new WindowedClient(client, opts.window, maxBytes > 0 ? { maxBytes, ...(opts.maxBatchOps ? { maxOps: opts.maxBatchOps } : {}) } : null);
  let deleted = 0;
  const count = (): void => {
    deleted += 1;
    opts.onDeleted?.();
  };
  const remove = async (node: DeleteNode): Promise<boolean> => {
    try {
      await zk.delete(node.path);
    } catch (e) {
      if (isZkCode(e, 'NotEmpty')) return false;
      if (!isZkCode(e, 'NoNode')) throw e;
    }
    node.gone = true;
    count();
    return true;
  };
  const roots = typeof root === 'string' ? [root] : root;
  const outcome = await walkTree<DeleteNode>(roots.map((path) => ({ path, gone: false })), {
    async visit(node, expose) {
      if (await remove(node)) return;
      let children: string[];
      try {
        children = (await zk.getChildren(node.path)).children;
      } catch (e) {
        if (!isZkCode(e, 'NoNode')) throw e;
        children = [];
      }
      expose(children.map((name) => ({ path: childPath(node.path, name), gone: false })));
    },
    async finish(node) {
      if (node.gone) return;
      // A child created meanwhile makes this NotEmpty again: say which node, zkCli-style.
      if (!(await remove(node))) throw new Error(`Node not empty: ${node.path} (a child was created while deleting)`);
    },
  }, { maxActive: opts.window * 2, signal: opts.signal, ...(opts.estimate ? { estimate: opts.estimate } : {}) });
  return { deleted, cancelled: outcome.cancelled };
}
