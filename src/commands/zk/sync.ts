// sync path (SyncCommand, 3.8): `Sync is OK`, or `Sync has failed. rc=<code>` on stdout (exit 0).
import type { CommandSpec } from '../../shell/registry.js';
import { ZkError } from '../../zk/types.js';
import { requireArgs } from './common.js';
import { checkPath } from './zkPath.js';

export const syncCommand: CommandSpec = {
  name: 'sync',
  usage: 'path',
  summary: 'Make the connected server catch up with the leader',
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(syncCommand, parsed, 2);
    const client = ctx.conn.require();
    try {
      await client.sync(checkPath(parsed.args[1]!));
      ctx.out('Sync is OK');
    } catch (e) {
      // zkCli reports the callback's return code rather than throwing.
      if (e instanceof ZkError) ctx.out(`Sync has failed. rc=${e.rc}`);
      else throw e;
    }
  },
};
