// ls [-s] [-w] [-R] path (LsCommand, 3.8): sorted `[a, b]`, `-s` adds the stat block, `-R`
// prints full paths in ZKUtil.visitSubTreeDFS order (a node, ALL its children, then each child's
// subtree), `-?` prints commons-cli help, and `ls path watch` is the deprecated watch form.
import type { CommandContext } from '../../shell/context.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { formatStat } from '../../zk/statFormat.js';
import type { ZkClient } from '../../zk/types.js';
import { javaList, retainCompatibility, usageError } from './common.js';
import { Limiter } from '../../util/limiter.js';
import { WALK_WINDOW, checkCancelled, childPath, isNoNode, settle, type Settled } from './walk.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [
  { flag: '?', description: 'help' },
  { flag: 's', description: 'stat' },
  { flag: 'w', description: 'watch' },
  { flag: 'R', description: 'recurse' },
];

/** commons-cli HelpFormatter.printHelp("ls [options] path", options), options sorted by key. */
const HELP = ['usage: ls [options] path', ' -?   help', ' -R   recurse', ' -s   stat', ' -w   watch'].join('\n');

export const lsCommand: CommandSpec = {
  name: 'ls',
  usage: '[-s] [-w] [-R] path',
  summary: 'List the children of a znode (-s stat, -w watch, -R whole subtree)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, first) {
    if (first.flags.has('?')) ctx.out(HELP);
    const parsed = retainCompatibility(ctx, first, OPTIONS, "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.", true);
    if (parsed.args.length < 2) throw usageError(lsCommand);
    const client = ctx.conn.require();
    const path = checkPath(parsed.args[1]!);
    const watch = parsed.flags.has('w');
    if (parsed.flags.has('R')) {
      await listRecursive(ctx, client, path, watch);
      return;
    }
    const { children, stat } = await client.getChildren(path, { watch });
    ctx.out(javaList([...children].sort()));
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};

type Listing = Settled<string[] | null>;

/**
 * ZKUtil.visitSubTreeDFS with prefetch: the children of every listed sibling are fetched
 * concurrently (bounded), but printed in zkCli's order, and the first error in that order ends
 * the listing as it does in zkCli (`ls -R /` stops at the first node we may not read).
 */
async function listRecursive(ctx: CommandContext, client: ZkClient, root: string, watch: boolean): Promise<void> {
  // zkCli reads the root's data first (with the watch): a missing root is an error, not a no-op.
  await client.get(root, { watch });
  ctx.out(root);
  const limiter = new Limiter(WALK_WINDOW);
  const fetch = (path: string): Promise<Listing> =>
    settle(
      limiter.run(async () => {
        try {
          return (await client.getChildren(path, { watch })).children.sort();
        } catch (e) {
          if (isNoNode(e)) return null; // deleted under us: skipped, as ZKUtil does
          throw e;
        }
      }),
    );
  const visit = async (path: string, listing: Promise<Listing>): Promise<void> => {
    checkCancelled(ctx.signal, 'ls -R');
    const result = await listing;
    if (!result.ok) throw result.error;
    if (result.value === null) return;
    const paths = result.value.map((c) => childPath(path, c));
    if (paths.length > 0) ctx.out(paths.join('\n'));
    const prefetched = paths.map((p) => fetch(p));
    for (let i = 0; i < paths.length; i++) await visit(paths[i]!, prefetched[i]!);
  };
  await visit(root, fetch(root));
}
