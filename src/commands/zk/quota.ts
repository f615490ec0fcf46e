// setquota / listquota / delquota (3.8). Quotas are client-side bookkeeping under
// /zookeeper/quota/<path>/{zookeeper_limits,zookeeper_stats}; the server keeps the stats node
// current. We do zkCli's calls in zkCli's order, with its texts and its streams.
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';
import type { ParsedArgs } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { ZkError, type ZkClient } from '../../zk/types.js';
import { usageError } from './common.js';
import { parseJavaInt, parseJavaLong } from './javaNumbers.js';
import { QUOTA_ROOT, LIMIT_NODE, StatsTrack, limitPath, quotaPath, statPath } from './statsTrack.js';
import { childPath, isNoNode } from './walk.js';
import { checkPath } from './zkPath.js';

const GROUP = ['n', 'b', 'N', 'B'] as const;
const DESCRIPTIONS: Record<(typeof GROUP)[number], string> = {
  n: 'num soft quota',
  b: 'bytes soft quota',
  N: 'num hard quota',
  B: 'bytes hard quota',
};

/** commons-cli OptionGroup: a second member is AlreadySelectedException; a required group, Missing. */
function checkGroup(parsed: ParsedArgs, required: boolean): void {
  const chosen = [...parsed.flags].filter((f) => (GROUP as readonly string[]).includes(f));
  if (chosen.length > 1) {
    throw new CliError(
      `org.apache.commons.cli.AlreadySelectedException: The option '${chosen[1]}' was specified but an option from this group has already been selected: '${chosen[0]}'`,
    );
  }
  if (required && chosen.length === 0) {
    const list = GROUP.map((f) => `-${f} ${DESCRIPTIONS[f]}`).join(', ');
    throw new CliError(`org.apache.commons.cli.MissingOptionException: Missing required option: [${list}]`);
  }
}

/** SetQuotaCommand.checkOptionValue: complaints go to stderr and end the command with exit 0. */
function requestedQuota(ctx: CommandContext, parsed: ParsedArgs): StatsTrack | null {
  const quota = new StatsTrack();
  quota.count = -1n;
  quota.bytes = -1n;
  quota.countHardLimit = -1n;
  quota.byteHardLimit = -1n;
  const value = (f: string): string => parsed.values.get(f) ?? '';
  try {
    for (const [flag, isCount] of [['n', true], ['b', false], ['N', true], ['B', false]] as const) {
      if (!parsed.flags.has(flag)) continue;
      const v = isCount ? BigInt(parseJavaInt(value(flag))) : parseJavaLong(value(flag));
      if (isCount ? v <= 0n : v < 0n) {
        ctx.err(isCount ? 'the num quota must be greater than zero' : 'the bytes quota must be greater than or equal to zero');
        return null;
      }
      if (flag === 'n') quota.count = v;
      else if (flag === 'b') quota.bytes = v;
      else if (flag === 'N') quota.countHardLimit = v;
      else quota.byteHardLimit = v;
    }
  } catch {
    ctx.err('NumberFormatException happens when parsing the option value');
    return null;
  }
  return quota;
}

/** SetQuotaCommand.checkQuota: System.out warnings when the existing tree is already over. */
function warnIfOver(ctx: CommandContext, quota: StatsTrack, stats: StatsTrack): void {
  const over = (soft: bigint, hard: bigint, actual: bigint): boolean => (soft > -1n && soft < actual) || (hard > -1n && hard < actual);
  if (over(quota.count, quota.countHardLimit, stats.count)) ctx.out(`[Warning]: the count quota you create is less than the existing count:${stats.count}`);
  if (over(quota.bytes, quota.byteHardLimit, stats.bytes)) ctx.out(`[Warning]: the bytes quota you create is less than the existing bytes:${stats.bytes}`);
}

async function readTrack(client: ZkClient, path: string): Promise<StatsTrack> {
  const { data } = await client.get(path);
  return new StatsTrack(data === null ? '' : data.toString('utf8'));
}

/** checkIfChildQuota: a quota anywhere below `path` (visitSubTreeDFS order) forbids one here. */
async function refuseChildQuota(client: ZkClient, path: string): Promise<void> {
  const root = checkPath(quotaPath(path));
  if ((await client.exists(root)) === null) return;
  const visit = async (node: string, children: string[]): Promise<void> => {
    if (node !== root && children.includes(LIMIT_NODE)) {
      throw new CliError(`${path} has a child ${node.slice(QUOTA_ROOT.length)} which has a quota`);
    }
  };
  const listing = async (node: string): Promise<string[] | null> => {
    try {
      return (await client.getChildren(node)).children.sort();
    } catch (e) {
      if (isNoNode(e)) return null;
      throw e;
    }
  };
  const descend = async (node: string, children: string[]): Promise<void> => {
    const paths = children.map((c) => childPath(node, c));
    const lists: (string[] | null)[] = [];
    for (const p of paths) {
      const list = await listing(p);
      lists.push(list);
      if (list !== null) await visit(p, list);
    }
    for (let i = 0; i < paths.length; i++) if (lists[i]) await descend(paths[i]!, lists[i]!);
  };
  const top = await listing(root);
  if (top === null) return;
  await visit(root, top);
  await descend(root, top);
}

/** checkIfParentQuota: a quota on an ancestor forbids one here. */
async function refuseParentQuota(client: ZkClient, path: string): Promise<void> {
  const parts = path.split('/');
  let node = QUOTA_ROOT;
  for (let i = 1; i < parts.length - 1; i++) {
    node += `/${parts[i]}`;
    let children: string[];
    try {
      children = (await client.getChildren(node)).children;
    } catch (e) {
      if (isNoNode(e)) return;
      throw e;
    }
    if (children.length === 0) return;
    if (node !== quotaPath(path) && children.includes(LIMIT_NODE)) {
      throw new CliError(`${path} has a parent ${node.slice(QUOTA_ROOT.length)} which has a quota`);
    }
  }
}

async function createIfMissing(client: ZkClient, path: string, data: Buffer | null): Promise<void> {
  if ((await client.exists(path)) !== null) return;
  try {
    await client.create(path, data);
  } catch (e) {
    if (!(e instanceof ZkError && e.code === 'NodeExists')) throw e;
  }
}

/** SetQuotaCommand.createQuota. */
async function createQuota(ctx: CommandContext, client: ZkClient, path: string, quota: StatsTrack): Promise<void> {
  if ((await client.exists(checkPath(path))) === null) throw new CliError(`${path} does not exist.`);
  await refuseChildQuota(client, path);
  await refuseParentQuota(client, path);
  let node = QUOTA_ROOT;
  for (const part of path.split('/').slice(1)) {
    if (part === '') continue;
    node += `/${part}`;
    await createIfMissing(client, node, null);
  }
  const limits = limitPath(path);
  const stats = statPath(path);
  if ((await client.exists(limits)) === null) {
    await client.create(limits, Buffer.from(quota.toString()));
    const zero = new StatsTrack();
    zero.count = 0n;
    zero.bytes = 0n;
    await client.create(stats, Buffer.from(zero.toString()));
    warnIfOver(ctx, await readTrack(client, limits), await readTrack(client, stats));
    return;
  }
  const merged = await readTrack(client, limits);
  if (quota.count > -1n) merged.count = quota.count;
  if (quota.bytes > -1n) merged.bytes = quota.bytes;
  if (quota.countHardLimit > -1n) merged.countHardLimit = quota.countHardLimit;
  if (quota.byteHardLimit > -1n) merged.byteHardLimit = quota.byteHardLimit;
  warnIfOver(ctx, merged, await readTrack(client, stats));
  await client.set(limits, Buffer.from(merged.toString()), -1);
}

export const setquotaCommand: CommandSpec = {
  name: 'setquota',
  usage: '-n|-b|-N|-B val path',
  summary: 'Set a quota on a znode (-n/-b soft count/bytes, -N/-B hard count/bytes)',
  options: GROUP.map((flag) => ({ flag, arg: 'val', description: DESCRIPTIONS[flag] })),
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    checkGroup(parsed, true);
    if (parsed.args.length < 2) throw usageError(setquotaCommand);
    const client = ctx.conn.require();
    const path = parsed.args[1]!;
    if (path.startsWith(QUOTA_ROOT)) {
      ctx.err(`cannot set a quota under the path: ${QUOTA_ROOT}`);
      return;
    }
    const quota = requestedQuota(ctx, parsed);
    if (quota === null) return;
    await createQuota(ctx, client, path, quota);
  },
};

export const listquotaCommand: CommandSpec = {
  name: 'listquota',
  usage: 'path',
  summary: 'Print the quota and usage of a znode',
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length < 2) throw usageError(listquotaCommand);
    const client = ctx.conn.require();
    const path = parsed.args[1]!;
    ctx.err(`absolute path is ${limitPath(path)}`, 'plain');
    try {
      const limits = await readTrack(client, checkPath(limitPath(path)));
      ctx.out(`Output quota for ${path} ${limits.toString()}`);
      const stats = await readTrack(client, checkPath(statPath(path)));
      ctx.out(`Output stat for ${path} ${stats.toString()}`);
    } catch (e) {
      if (!isNoNode(e)) throw e;
      ctx.err(`quota for ${path} does not exist.`);
    }
  },
};

/** DelQuotaCommand.trimProcQuotas: removes now-empty quota nodes upwards. */
async function trimQuotaTree(client: ZkClient, path: string): Promise<void> {
  for (let node = path; node !== QUOTA_ROOT; node = node.slice(0, node.lastIndexOf('/'))) {
    if ((await client.getChildren(node)).children.length > 0) return;
    await client.delete(node, -1);
  }
}

export const delquotaCommand: CommandSpec = {
  name: 'delquota',
  usage: '[-n|-b|-N|-B] path',
  summary: 'Remove a quota (all of it, or only -n/-b/-N/-B)',
  options: GROUP.map((flag) => ({ flag, description: DESCRIPTIONS[flag] })),
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    checkGroup(parsed, false);
    if (parsed.args.length < 2) throw usageError(delquotaCommand);
    const client = ctx.conn.require();
    const path = parsed.args[1]!;
    try {
      const limits = checkPath(limitPath(path));
      if ((await client.exists(limits)) === null) {
        ctx.out(`Quota does not exist for ${path}`);
        return;
      }
      const track = await readTrack(client, limits);
      const flagged = GROUP.filter((f) => parsed.flags.has(f));
      if (flagged.length === 0) {
        const parent = checkPath(quotaPath(path));
        for (const child of (await client.getChildren(parent)).children) await client.delete(childPath(parent, child), -1);
        await trimQuotaTree(client, parent);
        return;
      }
      if (parsed.flags.has('n')) track.count = -1n;
      if (parsed.flags.has('b')) track.bytes = -1n;
      if (parsed.flags.has('N')) track.countHardLimit = -1n;
      if (parsed.flags.has('B')) track.byteHardLimit = -1n;
      await client.set(limits, Buffer.from(track.toString()), -1);
    } catch (e) {
      if (!isNoNode(e)) throw e;
      ctx.err(`quota for ${path} does not exist.`);
    }
  },
};
