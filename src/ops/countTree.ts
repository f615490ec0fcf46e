// Counts the nodes of a subtree (the total behind a progress bar's ETA, and the number a
// destructive command asks about), streamed with a bounded window like every bulk walk.
import type { BulkClient } from './remote/protocol.js';
import { walkTree } from './streamingWalk.js';
import { childPath, isZkCode, WindowedClient } from './windowedClient.js';

export interface CountOptions {
  window: number;
  signal?: AbortSignal;
  /** Running total, for a "counting…" line. */
  onCount?: (count: number) => void;
}

/** Nodes in the subtree, root included (0 when the root does not exist); null when cancelled. */
export async function countTree(client: BulkClient, root: string, opts: CountOptions): Promise<number | null> {
  const zk = new WindowedClient(client, opts.window);
  let count = 0;
  const outcome = await walkTree<string>([root], {
    async visit(path, expose) {
      let children: string[];
      try {
        children = (await zk.getChildren(path)).children;
      } catch (e) {
        if (isZkCode(e, 'NoNode')) return;
        throw e;
      }
      count += 1;
      opts.onCount?.(count);
      if (path === '/') children = children.filter((c) => c !== 'zookeeper');
      expose(children.map((name) => childPath(path, name)));
    },
  }, { maxActive: opts.window, signal: opts.signal });
  return outcome.cancelled ? null : count;
}
