// getAcl [-s] path and setAcl [-s] [-v version] [-R] path acl (GetAclCommand/SetAclCommand, 3.8).
// getAcl prints Java's two-line jute text per entry (`'world,'anyone` then `: cdrwa`); setAcl is
// silent, -s prints the stat, -R applies the ACL along ZKUtil.visitSubTreeDFS (asks first).
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { formatAclLines, parseAcl } from '../../zk/acl.js';
import { formatStat } from '../../zk/statFormat.js';
import { ZkError, type Acl, type ZkClient } from '../../zk/types.js';
import { requireArgs, versionOption } from './common.js';
import { checkCancelled, childPath, isNoNode } from './walk.js';
import { checkPath } from './zkPath.js';

export const getAclCommand: CommandSpec = {
  name: 'getAcl',
  usage: '[-s] path',
  summary: 'Print the ACL of a znode (-s adds its stat)',
  options: [{ flag: 's', description: 'stats' }],
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(getAclCommand, parsed, 2);
    const client = ctx.conn.require();
    const { acl, stat } = await client.getAcl(checkPath(parsed.args[1]!));
    if (acl.length > 0) ctx.out(formatAclLines(acl).join('\n'));
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};

const SET_OPTIONS: OptionSpec[] = [
  { flag: 's', description: 'stats' },
  { flag: 'v', arg: 'version', description: 'version' },
  { flag: 'R', description: 'recursive' },
];

/** The Java client refuses an empty ACL list itself, so the exception carries no path. */
function checkAclNotEmpty(acl: readonly Acl[]): void {
  if (acl.length === 0) throw new CliError('Acl is not valid : null');
}

/**
 * setAcl -R, as ZKUtil.visitSubTreeDFS drives it (the caller has read the root already): each
 * node gets its ACL before its children are listed, so an ACL that takes away
 * our READ stops the walk right there, as it does in zkCli. Per-node setACL failures are printed
 * on stdout (zkCli uses out.print, without even a newline) and the walk goes on.
 */
async function setAclRecursive(ctx: CommandContext, client: ZkClient, root: string, acl: Acl[], version: number): Promise<void> {
  const apply = async (path: string): Promise<void> => {
    try {
      checkAclNotEmpty(acl);
      await client.setAcl(path, acl, version);
    } catch (e) {
      if (e instanceof ZkError) ctx.out(e.message);
      else if (e instanceof CliError) ctx.out('KeeperErrorCode = InvalidACL');
      else throw e;
    }
  };
  const descend = async (path: string): Promise<void> => {
    checkCancelled(ctx.signal, 'setAcl -R');
    let children: string[];
    try {
      children = (await client.getChildren(path)).children.sort();
    } catch (e) {
      if (isNoNode(e)) return;
      throw e;
    }
    const paths = children.map((c) => childPath(path, c));
    for (const p of paths) await apply(p);
    for (const p of paths) await descend(p);
  };
  await apply(root);
  await descend(root);
}

export const setAclCommand: CommandSpec = {
  name: 'setAcl',
  usage: '[-s] [-v version] [-R] path acl',
  summary: 'Set the ACL of a znode (-v only at this ACL version, -R whole subtree, -s print stat)',
  options: SET_OPTIONS,
  args: ['path', 'acl'],
  zkcli: true,
  destructive: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(setAclCommand, parsed, 3);
    const client = ctx.conn.require();
    const path = parsed.args[1]!;
    const { acl, errors } = parseAcl(parsed.args[2]!);
    for (const line of errors) ctx.err(line);
    const version = versionOption(parsed);
    if (parsed.flags.has('R')) {
      // zkCli reads the root first: a missing root is an error, before anything is asked.
      await client.get(checkPath(path));
      if (!(await ctx.confirm(`Set ACL ${parsed.args[2]} on ${path} and every znode below it?`))) {
        throw new CancelledError('setAcl -R cancelled: no ACL was changed');
      }
      await setAclRecursive(ctx, client, path, acl, version);
      return;
    }
    checkPath(path);
    checkAclNotEmpty(acl);
    await client.setAcl(path, acl, version);
    if (parsed.flags.has('s')) {
      // The native client's setAcl returns no stat: read it back right after.
      const stat = await client.exists(path);
      if (stat) ctx.out(formatStat(stat).join('\n'));
    }
  },
};
