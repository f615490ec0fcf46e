// The "one server at a time, followers first, leader last" round shared by Z1 (rolling upgrade)
// and Z2/Z3 (config roll): [write its zoo.cfg →] stop the target → quorum still serving → start it
// → it serves and has caught up [and its conf lists the new membership]. The target is picked
// live: the server being worked on (down, or pinned) first, then the next follower not yet done,
// the leader only once every other server is done.
import { caughtUp, isDead, leaderOf, name, nodeById, pass, fail, quorumServing } from './checks.js';
import { nodeActionGuard } from './guards/nodeActionGuard.js';
import type { EnsembleSnapshot, NodeView } from '../ensemble/types.js';
import type { ServerSpec } from '../zk/dynamicConfig.js';
import { configCommand, configInstructions, idsOf, listsMembership } from './staticMembership.js';
import type { CheckResult, StepContext, StepDef } from './types.js';

/** The servers of a roll: fixed at start (Z1, Z2), or chosen live (Z3: the old server being replaced is not rolled). */
export type RollIds = readonly number[] | { count: number; ids: (c: StepContext) => readonly number[] };

export interface RollOptions {
  startWhy: string;
  stopWhy?: string;
  /** Static membership: a manual step writes these server lines into the target's zoo.cfg first; its conf must list them after the start. */
  configure?: { why: string; specs: (c: StepContext) => ServerSpec[] };
  /** Quorum still serving after a stop (default: the committed config's health). */
  quorum?: (s: EnsembleSnapshot) => CheckResult;
}

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

/** Two steps per server (three with `configure`): stop, then start and verify. `key` separates rounds of several rolls. */
export function rollSteps(roll: RollIds, key: string, opts: RollOptions): StepDef[] {
  const steps: StepDef[] = [];
  const count = 'count' in roll ? roll.count : roll.length;
  const rollIds = (c: StepContext): readonly number[] => ('count' in roll ? roll.ids(c) : roll);
  const target = (c: StepContext) => nextRollTarget(c, rollIds(c), key);
  const quorum = opts.quorum ?? quorumServing;
  const wasLeader = `${key}.wasLeader`;
  // The role a server had before it was stopped (the stop check keeps it), so the step still reads
  // "stop server.1 (follower)" once it is down: the checklist keeps a done step's title.
  const roleBefore = (t: NodeView) => `${key}.role.${t.id}`;
  const leaderNote = (c: StepContext, t: NodeView) => {
    if (t.role === 'leader' || c.memory[wasLeader] === t.id) return 'leader, last';
    return isDead(t) ? ((c.memory[roleBefore(t)] as string | undefined) ?? t.role) : t.role;
  };
  for (let i = 0; i < count; i++) {
    const configure = opts.configure;
    if (configure) {
      steps.push({
        id: `${key}-config-${i + 1}`,
        marker: 'config',
        title: (c, t) => (t ? `write the new membership into ${name(t)}'s zoo.cfg (${leaderNote(c, t)})` : `write the next server's zoo.cfg (${i + 1} of ${count})`),
        why: configure.why,
        target,
        commands: (c, t) => (t?.id != null ? [configCommand(t.id, configure.specs(c))] : []),
        instructions: (c, t) => (t?.id != null ? configInstructions(t.id, t.host, configure.specs(c)) : []),
        onDone: (c, t) => {
          if (t?.role === 'leader') c.memory[wasLeader] = t.id;
          rollMemory(c, key).current = t?.id ?? null;
        },
      });
    }
    steps.push({
      id: `${key}-stop-${i + 1}`,
      marker: 'stop',
      title: (c, t) => (t ? `stop ${name(t)} (${leaderNote(c, t)})` : `stop the next server (${i + 1} of ${count})`),
      why: opts.stopWhy ?? 'One server at a time, followers first, the leader last: exactly one election.',
      target,
      commands: (_c, t) => (t?.id != null ? [`node stop ${t.id}`] : []),
      guard: (c, t) => (t?.id != null && !isDead(t) ? nodeActionGuard(c.snapshot, 'stop', t.id).refuse : null),
      check: (c, t) => {
        if (!t) return fail('no server left to stop');
        if (!isDead(t)) {
          if (t.role === 'leader') c.memory[wasLeader] = t.id;
          c.memory[roleBefore(t)] = t.role;
          return fail(`${name(t)} is ${t.role}: stop it`);
        }
        const q = quorum(c.snapshot);
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
      title: (c, t) => (t ? `start ${name(t)} and verify it caught up` : 'start it again and verify it caught up'),
      why: opts.startWhy,
      target: (c) => nodeById(c.snapshot, rollMemory(c, key).current),
      commands: (_c, t) => (t?.id != null && isDead(t) ? [`node start ${t.id}`] : []),
      check: (c, t) => {
        if (!t) return fail('server not in view');
        if (isDead(t) || t.role === 'not-serving' || t.role === 'unknown') return fail(`${name(t)} is ${t.role}`);
        // With static configs the session's getConfig is one server's file: the server's own conf decides.
        if (t.role === 'non-voting' && !opts.configure) return fail(`${name(t)} serves but is not a voter of the committed config`);
        const r = caughtUp(c, t);
        if (!r.ok) return r;
        if (opts.configure) {
          const lists = listsMembership(t, idsOf(opts.configure.specs(c)));
          if (!lists.ok) return lists;
          return pass(`${name(t)} ${t.role}, ${r.text}; ${lists.text}`);
        }
        return pass(`${name(t)} ${t.role}, ${r.text}`);
      },
      onDone: (c) => {
        const m = rollMemory(c, key);
        if (m.current !== null) m.done.push(m.current);
        m.current = null;
      },
    });
  }
  return steps;
}
