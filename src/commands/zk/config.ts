// config [-c] [-w] [-s] (GetConfigCommand, 3.8): the /zookeeper/config data (`null` if none),
// `-c` the client string `<version> host:port,...` in Java's Properties order, `-s` the stat.
// 3.4 has no /zookeeper/config: its NoNode becomes one line naming the server's release.
import type { CommandSpec } from '../../shell/registry.js';
import { formatClientConfig } from '../../zk/dynamicConfig.js';
import { formatStat } from '../../zk/statFormat.js';
import { ZkError } from '../../zk/types.js';
import { dataText } from './common.js';
import { requireFeature } from './sessionServer.js';

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
    let reply: Awaited<ReturnType<typeof client.getConfig>>;
    try {
      reply = await client.getConfig({ watch: parsed.flags.has('w') });
    } catch (e) {
      // Asked only after a NoNode: a 3.5+ server never pays for the srvr round.
      if (e instanceof ZkError && e.code === 'NoNode') await requireFeature(ctx, 'config', 'dynamic config');
      throw e;
    }
    const { data, stat } = reply;
    const text = dataText(data);
    ctx.out(parsed.flags.has('c') ? formatClientConfig(text) : text);
    if (parsed.flags.has('s')) ctx.out(formatStat(stat).join('\n'));
  },
};
