// The big-tree path of `deleteall`/`rmr`: count the subtree (streamed), ask with the exact
// number (with --yes no one is asked: no count, the total is estimated as the delete walks), then delete it leaves-first in multi batches, with a progress bar and Ctrl-C.
// deleteall (src/commands/zk/deleteall.ts) calls this instead of listing the whole tree first.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import { countTree } from '../../ops/countTree.js';
import { deleteTree } from '../../ops/deleteTree.js';
import { duration } from '../../ops/progressMeter.js';
import { TreeEstimate } from '../../ops/treeEstimate.js';
import type { ZkClient } from '../../zk/types.js';
import { commandProgress } from './progress.js';

export interface DeleteSubtreeOptions {
  window?: number;
  /** Deletes per multi (`-b`). */
  batchOps?: number;
  /** The command name in messages (`deleteall`, `rmr`). */
  what?: string;
}

/**
 * Deletes `root` and everything below it (for `/`: everything but /zookeeper, never `/` itself).
 * Asks first (ctx.confirm); zkCli's messages for a missing root and for a partial failure.
 */
export async function deleteSubtree(ctx: CommandContext, client: ZkClient, root: string, opts: DeleteSubtreeOptions = {}): Promise<void> {
  const what = opts.what ?? 'deleteall';
  const window = opts.window ?? 256;
  if ((await client.exists(root)) === null) throw new CliError(`Node does not exist: ${root}`);
  const roots = root === '/' ? (await client.getChildren('/')).children.filter((c) => c !== 'zookeeper').map((c) => `/${c}`) : [root];
  // The count is there to ask with the exact number; with --yes nobody is asked, so the walk of
  // the delete itself estimates the total instead of a second walk.
  const total = ctx.preapproved ? null : await countAll(ctx, client, roots, what, root, window);
  if (!(await ctx.confirm(question(root, total)))) throw new CancelledError(`${what} cancelled: nothing was deleted`);

  const meter = commandProgress(ctx, `${what} ${root}`);
  meter.setTotal(total);
  const estimate = total === null ? new TreeEstimate() : null;
  if (estimate) meter.setEstimator(() => estimate.total());
  let deleted = 0;
  const of = (): string => (total === null ? `${deleted}` : `${deleted} of ${total}`);
  try {
    const result = await deleteTree(client, roots, {
      window,
      signal: ctx.signal,
      onDeleted: () => {
        deleted += 1;
        meter.add();
      },
      ...(estimate ? { estimate } : {}),
      ...(opts.batchOps ? { maxBatchOps: opts.batchOps } : {}),
    });
    if (result.cancelled) {
      meter.end('cancelled');
      throw new CancelledError(`${what} cancelled: deleted ${of()} znodes`);
    }
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    meter.end('failed');
    // zkCli's one line and exit code 0 for scripts; the console also says what stopped it.
    if (ctx.interactive) ctx.err(`${what}: ${e instanceof Error ? e.message : String(e)} (deleted ${of()} znodes)`);
    ctx.err('Failed to delete some node(s) in the subtree!');
    return;
  }
  const final = meter.end('done');
  // Scripts get zkCli's silence on success; an operator at the console gets the count.
  if (ctx.interactive) ctx.err(`${what}: deleted ${deleted} znodes in ${duration(final.elapsedMs)}`, 'info');
}

/** Nodes under every root, with a "counting" meter; throws CancelledError on Ctrl-C. */
async function countAll(ctx: CommandContext, client: ZkClient, roots: string[], what: string, root: string, window: number): Promise<number> {
  const counting = commandProgress(ctx, `${what} ${root}: counting`);
  let total = 0;
  for (const r of roots) {
    const n = await countTree(client, r, { window, signal: ctx.signal, onCount: () => counting.add() });
    if (n === null) {
      counting.end('cancelled');
      throw new CancelledError(`${what} cancelled: nothing was deleted`);
    }
    total += n;
  }
  counting.end('done');
  return total;
}

function question(root: string, total: number | null): string {
  if (total === null) return root === '/' ? 'Delete everything under / (/zookeeper excepted)?' : `Delete ${root} and its whole subtree?`;
  if (root === '/') return `Delete everything under / (${total} znodes, /zookeeper excepted)?`;
  return total > 1 ? `Delete ${root} and its ${total - 1} descendant(s), ${total} znodes in all?` : `Delete ${root}?`;
}
