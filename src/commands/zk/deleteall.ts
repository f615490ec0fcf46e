// deleteall path [-b batch size] (DeleteAllCommand / ZKUtil.deleteRecursive, 3.8), and the
// old `rmr` name. zkCli lists the subtree breadth-first and deletes it leaves-first in `multi`
// batches; the native client has no multi, so we delete level by level, deepest first, with a
// bounded window of async deletes, stopping between requests on Ctrl-C. It asks first.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import type { ZkClient } from '../../zk/types.js';
import { requireArgs } from './common.js';
import { JavaNumberFormatError, parseJavaInt } from './javaNumbers.js';
import { Limiter, WALK_WINDOW, isNoNode, walkSubtrees } from './walk.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [{ flag: 'b', arg: 'batch size', description: 'batch size' }];

function batchSize(text: string | undefined): number {
  try {
    return text === undefined ? 1000 : parseJavaInt(text);
  } catch (e) {
    if (e instanceof JavaNumberFormatError) throw new CliError('-b argument must be an int value');
    throw e;
  }
}

/** The subtree grouped by depth, root at index 0 (ZKUtil.listSubTreeBFS, as levels). */
async function listLevels(ctx: CommandContext, client: ZkClient, root: string): Promise<string[][]> {
  // zkCli's listing starts with getChildren(root): a missing root is an error.
  if ((await client.exists(root)) === null) throw new CliError(`Node does not exist: ${root}`);
  const levels: string[][] = [];
  await walkSubtrees(client, [root], (node) => (levels[node.depth] ??= []).push(node.path), {
    signal: ctx.signal,
    what: 'deleteall',
  });
  return levels;
}

interface DeleteOutcome {
  deleted: number;
  failed: boolean;
}

/**
 * Deletes the deepest level first; a level starts when the one below is done, so a parent is
 * never deleted before its children. The first failure stops further deletes (zkCli's "fail
 * fast"); a node already gone counts as deleted.
 */
async function deleteLevels(ctx: CommandContext, client: ZkClient, levels: string[][], total: number): Promise<DeleteOutcome> {
  const limiter = new Limiter(WALK_WINDOW);
  const outcome: DeleteOutcome = { deleted: 0, failed: false };
  let cancelled = false;
  for (let depth = levels.length - 1; depth >= 0 && !outcome.failed && !cancelled; depth--) {
    await Promise.all(
      levels[depth]!.map((path) =>
        limiter.run(async () => {
          if (outcome.failed || cancelled) return;
          if (ctx.signal.aborted) {
            cancelled = true;
            return;
          }
          try {
            await client.delete(path, -1);
            outcome.deleted += 1;
          } catch (e) {
            if (isNoNode(e)) outcome.deleted += 1;
            else outcome.failed = true;
          }
        }),
      ),
    );
  }
  if (cancelled) throw new CancelledError(`deleteall cancelled: deleted ${outcome.deleted} of ${total} znodes`);
  return outcome;
}

export const deleteallCommand: CommandSpec = {
  name: 'deleteall',
  aliases: ['rmr'],
  usage: 'path [-b batch size]',
  summary: 'Delete a znode and its whole subtree (asks first)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  destructive: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(deleteallCommand, parsed, 2);
    if (parsed.args[0] === 'rmr') ctx.err("The command 'rmr' has been deprecated. Please use 'deleteall' instead.", 'warn');
    const client = ctx.conn.require();
    // Parsed for zkCli's validation only: without multi there are no batches to size.
    batchSize(parsed.values.get('b'));
    const root = checkPath(parsed.args[1]!);
    const levels = await listLevels(ctx, client, root);
    const total = levels.reduce((n, level) => n + level.length, 0);
    const question =
      total > 1 ? `Delete ${root} and its ${total - 1} descendant(s), ${total} znodes in all?` : `Delete ${root}?`;
    if (!(await ctx.confirm(question))) throw new CancelledError('deleteall cancelled: nothing was deleted');
    const outcome = await deleteLevels(ctx, client, levels, total);
    if (outcome.failed) ctx.err('Failed to delete some node(s) in the subtree!');
  },
};
