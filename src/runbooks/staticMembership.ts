// Static membership changes (RUNBOOKS Z2/Z3): the server lists a roll writes, the `node config`
// line that writes one, what an operator without a config template is told to type by hand, and
// checks that read each server's own `conf` (its zoo.cfg) rather than the session's getConfig,
// which with static configs is only the file of whichever server the session is connected to.
import type { EnsembleSnapshot, NodeView } from '../ensemble/types.js';
import { formatServerSpec, parseServerLine, type ServerSpec } from '../zk/dynamicConfig.js';
import { allInSync, fail, leaderOf, name, nodeById, pass } from './checks.js';
import { ownMemberIds, servingIds } from './guards/staticQuorum.js';
import type { CheckResult, StepContext } from './types.js';

/** `server.1=…,server.2=…` (a spec has no comma of its own) → specs sorted by id; throws DynamicConfigError. */
export function parseLines(text: string): ServerSpec[] {
  return text
    .split(',')
    .filter((t) => t.trim() !== '')
    .map((t) => parseServerLine(t.includes('=') && !t.startsWith('server.') ? `server.${t}` : t))
    .sort((a, b) => a.id - b.id);
}

export function joinLines(specs: readonly ServerSpec[]): string {
  return specs.map(formatServerSpec).join(',');
}

export const idsOf = (specs: readonly ServerSpec[]): number[] => specs.map((s) => s.id).sort((a, b) => a - b);

/** The suggested action: write exactly these server lines into the node's zoo.cfg. */
export function configCommand(id: number, specs: readonly ServerSpec[]): string {
  return `node config ${id} ${specs.map(formatServerSpec).join(' ')}`;
}

/** What to do by hand when the profile has no `config` template. */
export function configInstructions(id: number, host: string | null, specs: readonly ServerSpec[]): string[] {
  return [
    `on ${host ?? `server.${id}'s host`}: make these the only server.N= lines of the zoo.cfg server.${id} starts with (reconfigEnabled=false, no dynamicConfigFile), then \`step done\`:`,
    ...specs.map(formatServerSpec),
  ];
}

/**
 * The highest id in use or seen: the committed config, every server's own list and every row,
 * except the row of `candidate` itself (a new server already running with the members plus itself).
 */
export function highestKnownId(s: EnsembleSnapshot, candidate: number): number {
  const others = s.nodes.filter((n) => n.id !== candidate);
  const ids = [
    ...(s.committed?.servers ?? []).map((x) => x.id),
    ...others.flatMap((n) => [n.id ?? 0, ...(n.membership ?? []).map((x) => x.id)]),
  ];
  return Math.max(0, ...ids);
}

/** The server's own `conf` lists exactly `want` as participants. */
export function listsMembership(n: NodeView | null, want: readonly number[]): CheckResult {
  if (!n) return fail('server not in view');
  if (n.allowed.conf === 'no') return pass(`${name(n)}: conf not whitelisted, its membership cannot be read (trap 9)`);
  const ids = ownMemberIds(n);
  if (ids === null) return fail(`${name(n)}: its membership (conf) is not read yet`);
  if (ids.join(',') !== [...want].join(',')) return fail(`${name(n)}'s zoo.cfg lists ${ids.join(',')}, want ${want.join(',')}: write it and restart it`);
  return pass(`${name(n)}'s zoo.cfg lists ${ids.join(',')}`);
}

/** What a static postflight first needs: every one of `ids` lists exactly `ids`, and all are in sync; null when so. */
export function membershipSettled(c: StepContext, ids: readonly number[]): CheckResult | null {
  for (const id of ids) {
    const lists = listsMembership(nodeById(c.snapshot, id), ids);
    if (!lists.ok) return lists;
  }
  const sync = allInSync(c, ids);
  return sync.ok ? null : sync;
}

/** A leader, and a majority of the leader's own list serving (the committed config is one server's file). */
export function leaderServing(s: EnsembleSnapshot): CheckResult {
  const leader = leaderOf(s);
  if (!leader) return fail('no leader: election in progress or quorum lost');
  const ids = ownMemberIds(leader) ?? (s.committed?.servers ?? []).map((x) => x.id);
  const up = servingIds(s);
  const serving = ids.filter((id) => up.has(id)).length;
  return pass(`leader server.${leader.id}, ${serving} of its ${ids.length} voters serving`);
}

/** ZOOKEEPER-3829 (membership changes by rolling restart) is fixed in 3.5.9, 3.6.2 and 3.7.0+. */
export function rollSafeVersion(v: string | null): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v ?? '');
  if (!m) return true; // unknown: the preflight's own checks say so
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 3) return major > 3;
  if (minor === 5) return patch >= 9;
  if (minor === 6) return patch >= 2;
  return minor >= 7;
}
