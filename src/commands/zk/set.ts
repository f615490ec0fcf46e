// set [-s] [-v version] path data (SetCommand, 3.8): silent, or the new stat with -s.
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { formatStat } from '../../zk/statFormat.js';
import { requireArgs, versionOption } from './common.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [
  { flag: 's', description: 'stats' },
  { flag: 'v', arg: 'version', description: 'version' },
];

export const setCommand: CommandSpec = {
  name: 'set',
  usage: '[-s] [-v version] path data',
  summary: 'Set the data of a znode (-v only if at this version, -s print the new stat)',
  options: OPTIONS,
  args: ['path', 'data'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(setCommand, parsed, 3);
    const client = ctx.conn.require();
    const path = parsed.args[1]!;
    const data = Buffer.from(parsed.args[2]!, 'utf8');
    const version = versionOption(parsed);
    const stat = await client.set(checkPath(path), data, version);
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};
