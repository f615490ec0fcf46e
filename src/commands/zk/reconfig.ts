// reconfig [-s] [-v version] [[-file path] | [-members ...]] | [-add ...]* [-remove ...]
// (ReconfigCommand, 3.8). Prints `Committed new configuration:` and the new config. Removing the
// leader usually commits while the issuing client sees ConnectionLoss: after zkCli's line we
// re-read the config once the session is back and say whether the change was in fact committed.
// A server before 3.5 gets one line naming its release instead of the request.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import type { OptionSpec, ParsedArgs } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { zkCliMessage } from '../../shell/zkMessages.js';
import { parseDynamicConfig } from '../../zk/dynamicConfig.js';
import { formatStat } from '../../zk/statFormat.js';
import { ZkError, type Stat, type ZkClient } from '../../zk/types.js';
import { dataText, usageError } from './common.js';
import { JavaNumberFormatError, parseJavaLong } from './javaNumbers.js';
import { membersFromFile } from './reconfigFile.js';
import { requireFeature } from './sessionServer.js';

const OPTIONS: OptionSpec[] = [
  { flag: 's', description: 'stats' },
  { flag: 'v', arg: 'version', description: 'required current config version' },
  { flag: 'file', arg: 'path', description: 'path of config file to parse for membership' },
  { flag: 'members', arg: 'members', description: 'comma-separated list of config strings for non-incremental reconfig' },
  { flag: 'add', arg: 'servers', description: 'comma-separated list of config strings for new servers' },
  { flag: 'remove', arg: 'ids', description: 'comma-separated list of server IDs to remove' },
];

interface ReconfigRequest {
  joining: string | null;
  leaving: string | null;
  members: string | null;
  version: number;
}

/** ReconfigCommand.parse: its checks and messages, in its order. */
function parseRequest(parsed: ParsedArgs): ReconfigRequest {
  const has = (flag: string): boolean => parsed.flags.has(flag);
  const value = (flag: string): string | null => parsed.values.get(flag) ?? null;
  const nonIncremental = has('file') || has('members');
  const incremental = has('add') || has('remove');
  if (!nonIncremental && !incremental) throw usageError(reconfigCommand);
  let version = -1;
  if (has('v')) {
    try {
      version = Number(parseJavaLong(value('v')!, 16));
    } catch (e) {
      if (e instanceof JavaNumberFormatError) throw new CliError('-v must be followed by a long (configuration version)');
      throw e;
    }
  }
  if (nonIncremental && incremental) {
    throw new CliError("Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)");
  }
  if (has('file') && has('members')) throw new CliError("Can't use -file and -members together (conflicting non-incremental modes)");
  return {
    joining: value('add')?.toLowerCase() ?? null,
    leaving: value('remove')?.toLowerCase() ?? null,
    members: has('file') ? membersFromFile(value('file')!) : (value('members')?.toLowerCase() ?? null),
    version,
  };
}

function describeConfig(text: string): { version: string; members: string } {
  try {
    const config = parseDynamicConfig(text);
    const members = config.servers.map((s) => (s.role === 'observer' ? `${s.id} (observer)` : String(s.id))).join(', ');
    return { version: config.version ?? 'none', members: members || 'none' };
  } catch {
    return { version: 'unreadable', members: 'unreadable' };
  }
}

/** Resolves when the session is usable again; rejects on Ctrl-C or after `timeoutMs`. */
async function sessionBack(ctx: CommandContext, client: ZkClient, timeoutMs: number): Promise<void> {
  const stopped = (): CancelledError => new CancelledError('reconfig: stopped waiting for the session');
  // An abort event that fired before we listened would never reach us.
  if (ctx.signal.aborted) throw stopped();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(stopped());
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([client.waitConnected(timeoutMs), aborted]);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * After a ConnectionLoss: waits for the session, syncs, reads the config again and compares its
 * version with the one read before the call. One `info` line on stderr says what happened.
 */
async function reportOutcome(ctx: CommandContext, client: ZkClient, before: string | null): Promise<void> {
  try {
    await sessionBack(ctx, client, 2 * client.sessionTimeoutMs);
    await client.sync('/zookeeper/config');
    const now = describeConfig(dataText((await client.getConfig()).data));
    if (before === null) {
      ctx.err(`zkpilot: after the ConnectionLoss the config is version ${now.version}, members ${now.members}; compare with what you asked for`, 'info');
    } else if (now.version !== describeConfig(before).version) {
      ctx.err(`zkpilot: the reconfig WAS committed: config version is now ${now.version} (was ${describeConfig(before).version}), members ${now.members}`, 'info');
    } else {
      ctx.err(`zkpilot: the reconfig was NOT committed: config version is still ${now.version}, members ${now.members}`, 'info');
    }
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    const why = e instanceof ZkError ? zkCliMessage(e) : e instanceof Error ? e.message : String(e);
    ctx.err(`zkpilot: could not re-read the config after the ConnectionLoss (${why}); run 'config' before retrying`, 'info');
  }
}

export const reconfigCommand: CommandSpec = {
  name: 'reconfig',
  usage:
    '[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  summary: 'Change the ensemble membership (-add/-remove, or -members/-file); asks before -remove',
  options: OPTIONS,
  args: ['server'],
  zkcli: true,
  destructive: true,
  needsSession: true,
  async run(ctx, parsed) {
    const client = ctx.conn.require();
    const request = parseRequest(parsed);
    // Before sending: a 3.4 server does not know the request at all.
    await requireFeature(ctx, 'reconfig', 'dynamic reconfig', ' (membership is static there; upgrade first: runbook Z1)');
    // Ctrl-C while the server's release was being read: nothing has been sent yet.
    if (ctx.signal.aborted) throw new CancelledError('reconfig cancelled: the ensemble was not changed');
    if (request.leaving !== null && !(await ctx.confirm(`Remove server(s) ${request.leaving} from the ensemble?`))) {
      throw new CancelledError('reconfig cancelled: the ensemble was not changed');
    }
    let before: string | null = null;
    try {
      before = dataText((await client.getConfig()).data);
    } catch {
      // Only used to tell a committed change after a ConnectionLoss; zkCli does not read it.
    }
    let result: { data: Buffer | null; stat: Stat };
    try {
      result = await client.reconfig(request);
    } catch (e) {
      if (!(e instanceof ZkError) || e.code !== 'ConnectionLoss') throw e;
      ctx.err(zkCliMessage(e));
      await reportOutcome(ctx, client, before);
      return 1;
    }
    ctx.out(`Committed new configuration:\n${dataText(result.data)}`);
    if (parsed.flags.has('s')) ctx.out(formatStat(result.stat).join('\n'));
  },
};
