// create [-s] [-e] [-c] [-t ttl] path [data] [acl] (CreateCommand, 3.8). Prints
// `Created <actual path>` on STDERR; flag checks and their messages in zkCli's order.
// Containers and TTLs need 3.5: an older server gets one line naming its release.
import { CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { parseAcl } from '../../zk/acl.js';
import { ZkError, type Acl, type CreateMode } from '../../zk/types.js';
import { requireArgs } from './common.js';
import { JavaNumberFormatError, parseJavaLong } from './javaNumbers.js';
import { requireFeature } from './sessionServer.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [
  { flag: 'e', description: 'ephemeral' },
  { flag: 's', description: 'sequential' },
  { flag: 'c', description: 'container' },
  { flag: 't', arg: 'ttl', description: 'ttl' },
];

/** EphemeralType.MAX_EXTENDED_SERVER_ID-bounded TTL: 40 bits of milliseconds. */
const MAX_TTL = 0xffffffffffn;

function createMode(e: boolean, s: boolean, c: boolean, t: boolean): CreateMode {
  if (e && s) return 'ephemeral_sequential';
  if (e) return 'ephemeral';
  if (s) return t ? 'persistent_sequential_with_ttl' : 'persistent_sequential';
  if (c) return 'container';
  return t ? 'persistent_with_ttl' : 'persistent';
}

function ttlValue(text: string | undefined): bigint {
  try {
    return text === undefined ? 0n : parseJavaLong(text);
  } catch (e) {
    if (e instanceof JavaNumberFormatError) throw new CliError('-t argument must be a long value');
    throw e;
  }
}

export const createCommand: CommandSpec = {
  name: 'create',
  usage: '[-s] [-e] [-c] [-t ttl] path [data] [acl]',
  summary: 'Create a znode (-s sequential, -e ephemeral, -c container, -t TTL in ms), with data and ACL',
  options: OPTIONS,
  args: ['path', 'data', 'acl'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(createCommand, parsed, 2);
    const client = ctx.conn.require();
    const [e, s, c, t] = ['e', 's', 'c', 't'].map((f) => parsed.flags.has(f)) as [boolean, boolean, boolean, boolean];
    if (c && (e || s)) throw new CliError('-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.');
    const ttl = ttlValue(t ? parsed.values.get('t') : undefined);
    if (t && e) throw new CliError('TTLs cannot be used with Ephemeral znodes');
    if (t && c) throw new CliError('TTLs cannot be used with Container znodes');
    if (t && (ttl <= 0n || ttl > MAX_TTL)) throw new CliError(`ttl must be positive and cannot be larger than: ${MAX_TTL}`);
    const mode = createMode(e, s, c, t);

    const path = parsed.args[1]!;
    const data = parsed.args.length > 2 ? Buffer.from(parsed.args[2]!, 'utf8') : null;
    let acl: Acl[] | undefined;
    if (parsed.args.length > 3) {
      const result = parseAcl(parsed.args[3]!);
      // AclParser prints its complaints and goes on with the entries it could read.
      for (const line of result.errors) ctx.err(line);
      acl = result.acl;
    }
    checkPath(path, s);
    // 3.4 drops the connection on a TTL create and answers Unimplemented to a container.
    if (t) await requireFeature(ctx, 'create', 'a TTL node');
    if (c) await requireFeature(ctx, 'create', 'a container node');
    if (acl !== undefined && acl.length === 0) {
      // The Java client refuses an empty ACL before sending anything (no path in the exception).
      ctx.err('KeeperErrorCode = InvalidACL');
      throw new CliError('Acl is not valid : null');
    }
    try {
      const created = await client.create(path, data, { mode, ...(t ? { ttlMs: Number(ttl) } : {}), ...(acl ? { acl } : {}) });
      ctx.err(`Created ${created}`, 'ok');
    } catch (err) {
      // zkCli prints the raw KeeperException text before its own wording for a bad ACL.
      if (err instanceof ZkError && err.code === 'InvalidACL') ctx.err(err.message);
      throw err;
    }
  },
};
