// stat [-w] path (StatCommand, 3.8): the stat block, `Node does not exist: <path>` when missing;
// `stat path watch` is the deprecated watch form.
import { CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { formatStat } from '../../zk/statFormat.js';
import { requireArgs, retainCompatibility } from './common.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [{ flag: 'w', description: 'watch' }];

export const statCommand: CommandSpec = {
  name: 'stat',
  usage: '[-w] path',
  summary: 'Print the stat of a znode (-w sets an exists watch)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, first) {
    requireArgs(statCommand, first, 2);
    const parsed = retainCompatibility(ctx, first, OPTIONS, "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.", true);
    const client = ctx.conn.require();
    const path = checkPath(parsed.args[1]!);
    const stat = await client.exists(path, { watch: parsed.flags.has('w') });
    if (stat === null) throw new CliError(`Node does not exist: ${path}`);
    ctx.out(formatStat(stat).join('\n'));
  },
};
