// get [-s] [-w] path (GetCommand, 3.8): the data as UTF-8 (`null` when the znode has none), then
// the stat block with -s; `get path watch` is the deprecated watch form.
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { formatStat } from '../../zk/statFormat.js';
import { dataText, requireArgs, retainCompatibility } from './common.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [
  { flag: 's', description: 'stats' },
  { flag: 'w', description: 'watch' },
];

export const getCommand: CommandSpec = {
  name: 'get',
  usage: '[-s] [-w] path',
  summary: 'Print the data of a znode (-s stat, -w watch)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, first) {
    requireArgs(getCommand, first, 2);
    const parsed = retainCompatibility(ctx, first, OPTIONS, "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.", true);
    const client = ctx.conn.require();
    const path = checkPath(parsed.args[1]!);
    const { data, stat } = await client.get(path, { watch: parsed.flags.has('w') });
    ctx.out(dataText(data));
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};
