// The "one server at a time, followers first, leader last" round shared by Z1 (rolling upgrade)
// and Z2/Z3 (config roll): stop the target → quorum still serving → start it → it serves and has
// caught up. The target is picked live: the server being worked on (down, or pinned) first, then
// the next follower not yet done, the leader only once every other server is done.
import { caughtUp, isDead, leaderOf, name, nodeById, pass, fail, quorumServing } from './checks.js';
import { nodeActionGuard } from './guards/nodeActionGuard.js';
import type { NodeView } from '../ensemble/types.js';
import type { StepContext, StepDef } from './types.js';

export interface RollMemory {
  done: number[];
  current: number | null;
}

export function rollMemory(c: StepContext, key: string): RollMemory {
  const m = (c.memory[key] ??= { done: [], current: null }) as RollMemory;
  return m;
}

/** Next server of `ids` to restart: followers (lowest lag, then id) first, the leader last. */
export function nextRollTarget(c: StepContext, ids: readonly number[], key: string): NodeView | null {
  const m = rollMemory(c, key);
  const s = c.snapshot;
  if (m.current !== null) return nodeById(s, m.current);
  const todo = ids.filter((id) => !m.done.includes(id));
  // A server of the list already down is the one being worked on (stopped by hand, or crashed).
  const down = todo.map((id) => nodeById(s, id)).find((n) => n !== null && isDead(n));
  if (down) return down;
  const leader = leaderOf(s);
  const others = todo
    .filter((id) => id !== leader?.id)
    .map((id) => nodeById(s, id))
    .filter((n): n is NodeView => n !== null)
    .sort((a, b) => lagRank(a) - lagRank(b) || (a.id ?? 0) - (b.id ?? 0));
  if (others.length > 0) return others[0]!;
  return todo.includes(leader?.id ?? -1) ? leader : null;
}

function lagRank(n: NodeView): number {
  // Observers before followers (they do not vote); then the most caught-up first.
  const observer = n.role === 'observer' ? 0 : 1000;
  return observer + (n.lag?.kind === 'txns' ? n.lag.behind : 500);
}

/** Two steps per server: stop, then start and verify. `key` separates rounds of several rolls. */
export function rollSteps(ids: readonly number[], key: string, opts: { startWhy: string; stopWhy?: string }): StepDef[] {
  const steps: StepDef[] = [];
  ids.forEach((_, i) => {
    const wasLeader = `${key}.wasLeader`;
    steps.push({
      id: `${key}-stop-${i + 1}`,
      marker: 'stop',
      title: (c, t) => (t ? `stop ${name(t)} (${t.role === 'leader' || c.memory[wasLeader] === t.id ? 'leader, last' : t.role})` : 'stop the next server'),
      why: opts.stopWhy ?? 'One server at a time, followers first, the leader last: exactly one election.',
      target: (c) => nextRollTarget(c, ids, key),
      commands: (_c, t) => (t?.id != null ? [`node stop ${t.id}`] : []),
      guard: (c, t) => (t?.id != null && !isDead(t) ? nodeActionGuard(c.snapshot, 'stop', t.id).refuse : null),
      check: (c, t) => {
        if (!t) return fail('no server left to stop');
        if (!isDead(t)) {
          if (t.role === 'leader') c.memory[wasLeader] = t.id;
          return fail(`${name(t)} is ${t.role}: stop it`);
        }
        const q = quorumServing(c.snapshot);
        if (!q.ok) return fail(`${name(t)} is down; ${q.text} (election in progress?)`);
        return pass(`${name(t)} is down; ${q.text}`);
      },
      onDone: (c, t) => {
        rollMemory(c, key).current = t?.id ?? null;
      },
    });
    steps.push({
      id: `${key}-start-${i + 1}`,
      marker: 'start',
      title: (c, t) => (t ? `start ${name(t)} and verify it caught up` : 'start it and verify'),
      why: opts.startWhy,
      target: (c) => nodeById(c.snapshot, rollMemory(c, key).current),
      commands: (_c, t) => (t?.id != null && isDead(t) ? [`node start ${t.id}`] : []),
      check: (c, t) => {
        if (!t) return fail('server not in view');
        if (isDead(t) || t.role === 'not-serving' || t.role === 'unknown') return fail(`${name(t)} is ${t.role}`);
        if (t.role === 'non-voting') return fail(`${name(t)} serves but is not a voter of the committed config`);
        const r = caughtUp(c, t);
        return r.ok ? pass(`${name(t)} ${t.role}, ${r.text}`) : r;
      },
      onDone: (c) => {
        const m = rollMemory(c, key);
        if (m.current !== null) m.done.push(m.current);
        m.current = null;
      },
    });
  });
  return steps;
}
