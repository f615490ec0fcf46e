// The big-tree path of `deleteall`/`rmr`: count the subtree (streamed), ask with the exact
// number, then delete it leaves-first in multi batches, with a progress bar and Ctrl-C.
// deleteall (src/commands/zk/deleteall.ts) calls this instead of listing the whole tree first.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import { countTree } from '../../ops/countTree.js';
import { deleteTree } from '../../ops/deleteTree.js';
import { duration } from '../../ops/progressMeter.js';
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
  const counting = commandProgress(ctx, `${what} ${root}: counting`);
  const roots = root === '/' ? (await client.getChildren('/')).children.filter((c) => c !== 'zookeeper').map((c) => `/${c}`) : [root];
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
  const question = root === '/' ? `Delete everything under / (${total} znodes, /zookeeper excepted)?` : total > 1 ? `Delete ${root} and its ${total - 1} descendant(s), ${total} znodes in all?` : `Delete ${root}?`;
  if (!(await ctx.confirm(question))) throw new CancelledError(`${what} cancelled: nothing was deleted`);

  const meter = commandProgress(ctx, `${what} ${root}`);
  meter.setTotal(total);
  let deleted = 0;
  try {
    for (const r of roots) {
      const result = await deleteTree(client, r, { window, signal: ctx.signal, onDeleted: () => meter.add(), ...(opts.batchOps ? { maxBatchOps: opts.batchOps } : {}) });
      deleted += result.deleted;
      if (result.cancelled) {
        meter.end('cancelled');
        throw new CancelledError(`${what} cancelled: deleted ${deleted} of ${total} znodes`);
      }
    }
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    meter.end('failed');
    // zkCli's one line and exit code 0 for scripts; the console also says what stopped it.
    if (ctx.interactive) ctx.err(`${what}: ${e instanceof Error ? e.message : String(e)} (deleted ${deleted} of ${total} znodes)`);
    ctx.err('Failed to delete some node(s) in the subtree!');
    return;
  }
  const final = meter.end('done');
  // Scripts get zkCli's silence on success; an operator at the console gets the count.
  if (ctx.interactive) ctx.err(`${what}: deleted ${deleted} znodes in ${duration(final.elapsedMs)}`, 'info');
}
