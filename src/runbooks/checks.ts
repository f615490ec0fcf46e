// Predicates over the live ensemble snapshot that steps are verified with: serving, down, caught
// up with the leader, config membership, same version everywhere. Each returns a one-line status
// an operator can read ("zxid 0x50000012 vs leader 0x50000014: behind by 2").
import { DEAD_ROLES, type EnsembleSnapshot, type NodeView } from '../ensemble/types.js';
import type { ServerSpec } from '../zk/dynamicConfig.js';
import type { CheckResult, StepContext } from './types.js';

export const pass = (text: string): CheckResult => ({ ok: true, text });
export const fail = (text: string): CheckResult => ({ ok: false, text });

export function nodeById(s: EnsembleSnapshot, id: number | null | undefined): NodeView | null {
  if (id === null || id === undefined) return null;
  return s.nodes.find((n) => n.id === id) ?? null;
}

export function leaderOf(s: EnsembleSnapshot): NodeView | null {
  const leaders = s.nodes.filter((n) => n.role === 'leader');
  return leaders.length === 1 ? leaders[0]! : null;
}

export function committedIds(s: EnsembleSnapshot, role: 'participant' | 'observer' | 'any' = 'any'): number[] {
  return (s.committed?.servers ?? []).filter((x) => role === 'any' || x.role === role).map((x) => x.id).sort((a, b) => a - b);
}

export function isDead(n: NodeView | null): boolean {
  return n === null || DEAD_ROLES.has(n.role);
}

export function name(n: NodeView | null, id?: number): string {
  if (n?.id !== null && n?.id !== undefined) return `server.${n.id}`;
  return n ? n.key : `server.${id ?? '?'}`;
}

/**
 * Has the server caught up with the leader? Within one epoch: zxid counters equal. Right after an
 * election followers report the old epoch until the next write (trap 5): ask for a canary write
 * and judge on the next poll.
 */
export function caughtUp(c: StepContext, n: NodeView | null): CheckResult {
  if (n === null) return fail('server not in view');
  const leader = leaderOf(c.snapshot);
  if (!leader) return fail('no leader: election in progress or quorum lost');
  if (n.role === 'leader') return pass(`${name(n)} is the leader, zxid ${n.zxid?.hex ?? '?'}`);
  if (!['follower', 'observer', 'non-voting'].includes(n.role)) return fail(`${name(n)} is ${n.role}`);
  const lag = n.lag;
  const versus = `zxid ${n.zxid?.hex ?? '?'} vs leader ${leader.zxid?.hex ?? '?'}`;
  if (lag?.kind === 'txns') {
    if (lag.behind === 0) return pass(`${versus}: caught up`);
    return fail(`${versus}: behind by ${lag.behind}`);
  }
  c.requestCanary();
  if (lag?.kind === 'not-comparable') return fail(`${versus}: not comparable yet (canary write asked)`);
  if (lag?.kind === 'behind-epoch') return fail(`${versus}: ${lag.epochs} epoch(s) behind`);
  return fail(`${versus}: lag unknown`);
}

/** Every server in view that is a member answers, one leader, every member caught up. */
export function allInSync(c: StepContext, ids?: readonly number[]): CheckResult {
  const s = c.snapshot;
  const wanted = ids ?? committedIds(s);
  const leaders = s.nodes.filter((n) => n.role === 'leader');
  if (leaders.length !== 1) return fail(leaders.length === 0 ? 'no leader' : `${leaders.length} servers say leader`);
  for (const id of wanted) {
    const n = nodeById(s, id);
    if (!n) return fail(`server.${id} is not in view`);
    const r = caughtUp(c, n);
    if (!r.ok) return fail(`${name(n)}: ${r.text}`);
  }
  return pass(`${wanted.length} servers serving, leader server.${leaders[0]!.id}, zxids equal`);
}

/** The same version string on every listed server (and equal to `expected` when given). */
export function sameVersion(s: EnsembleSnapshot, ids: readonly number[], expected?: string): CheckResult {
  const versions = ids.map((id) => [id, nodeById(s, id)?.version ?? null] as const);
  const unknown = versions.find(([, v]) => v === null);
  if (unknown) return fail(`server.${unknown[0]} has not reported its version yet`);
  const distinct = [...new Set(versions.map(([, v]) => v))];
  if (expected && distinct.some((v) => v !== expected)) {
    return fail(`not all on ${expected}: ${versions.map(([id, v]) => `${id}=${v}`).join(' ')}`);
  }
  if (distinct.length > 1) return fail(`mixed versions: ${versions.map(([id, v]) => `${id}=${v}`).join(' ')}`);
  return pass(`all on ${distinct[0]}`);
}

/** Quorum serving: a voter leads. */
export function quorumServing(s: EnsembleSnapshot): CheckResult {
  const h = s.health;
  if (!h.quorumServing) return fail(`quorum not serving (voters ${h.votersUp}/${h.votersTotal} up, quorum ${h.quorumSize})`);
  // A standalone server leads nobody: say what it is instead of naming a leader it has not got.
  if (h.standaloneKey !== null) return pass(`standalone: ${h.standaloneKey} serves alone`);
  return pass(`quorum serving: voters ${h.votersUp}/${h.votersTotal} up, leader ${h.leaderId === null ? 'not in view' : `server.${h.leaderId}`}`);
}

export function parseIds(text: string | undefined): number[] {
  if (!text) return [];
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map(Number);
}

/**
 * The servers already running as non-voting followers (started with the members plus themselves,
 * as Z2, Z3 and Z4 want them), each with its own ports from its `conf`: what an operator would
 * type as a runbook's new servers (offered on Tab).
 */
export function waitingJoiners(snapshot: EnsembleSnapshot): ServerSpec[] {
  return snapshot.nodes
    .filter((n) => n.role === 'non-voting')
    .flatMap((n) => (n.ownSpec ? [n.ownSpec] : []))
    .sort((a, b) => a.id - b.id);
}
