// delete [-v version] path (DeleteCommand, 3.8). Its deprecated form `delete path version`
// prints the deprecation line and parses the same tokens again, so the version is IGNORED and
// the delete is unconditional: zkCli 3.8 does exactly that, and so do we.
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { requireArgs, retainCompatibility, versionOption } from './common.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [{ flag: 'v', arg: 'version', description: 'version' }];

export const deleteCommand: CommandSpec = {
  name: 'delete',
  usage: '[-v version] path',
  summary: 'Delete a znode without children (-v only if at this version)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, first) {
    requireArgs(deleteCommand, first, 2);
    const parsed = retainCompatibility(ctx, first, OPTIONS, "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.", false);
    const client = ctx.conn.require();
    const version = versionOption(parsed);
    await client.delete(checkPath(parsed.args[1]!), version);
  },
};
