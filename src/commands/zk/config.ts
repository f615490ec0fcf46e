// config [-c] [-w] [-s] (GetConfigCommand, 3.8): the /zookeeper/config data (`null` if none),
// `-c` the client string `<version> host:port,...` in Java's Properties order, `-s` the stat.
import type { CommandSpec } from '../../shell/registry.js';
import { formatClientConfig } from '../../zk/dynamicConfig.js';
import { formatStat } from '../../zk/statFormat.js';
import { dataText } from './common.js';

export const configCommand: CommandSpec = {
  name: 'config',
  usage: '[-c] [-w] [-s]',
  summary: 'Print the ensemble configuration (-c client connect string, -w watch, -s stat)',
  options: [
    { flag: 's', description: 'stats' },
    { flag: 'w', description: 'watch' },
    { flag: 'c', description: 'client connection string' },
  ],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    const client = ctx.conn.require();
    const { data, stat } = await client.getConfig({ watch: parsed.flags.has('w') });
    const text = dataText(data);
    ctx.out(parsed.flags.has('c') ? formatClientConfig(text) : text);
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};
