// Z3 Partial / full migration to new hosts with static configs (seed 003 §5): each old server is
// replaced by a new one with a new id, one round per old server, followers first, the leader last.
//
// Order within a round, observed on 3.8.0 (staticMembership.ts in src/sandbox): the seed's "stop
// the old server first" leaves a 3-server ensemble at exactly its quorum, so the next restart of
// a remaining server loses it (the leader's list still counts the old server, the new server is
// not counted by anyone yet). So the old server keeps running until only the leader is left:
//   the old server must not lead (else it is restarted once: a new server cannot follow a leader
//   its list does not name) → the new server: down, data cleaned, myid, zoo.cfg = the list with
//   the old line replaced → started, follows (non-voting), caught up → each remaining follower
//   gets the new list and is restarted → the old server is stopped → the leader gets the new list
//   and is restarted last: the one election runs on the new lists.
// The guards refuse the unsafe orders: stopping an old server before its round reaches that
// point, and wiping a server whose data the quorum depends on.
import { formatServerSpec, type ServerSpec } from '../../zk/dynamicConfig.js';
import { caughtUp, committedIds, fail, isDead, leaderOf, name, nodeById, pass, waitingJoiners } from '../checks.js';
import { nodeActionGuard } from '../guards/nodeActionGuard.js';
import { rollMemory, rollSteps } from '../rolling.js';
import { configCommand, configInstructions, idsOf, joinLines, leaderServing, listsMembership, membershipSettled, parseLines } from '../staticMembership.js';
import type { RunbookDef, RunbookGuard, StepContext, StepDef } from '../types.js';
import { parseReplacements, type Replacement, validateReplacements, connectStringOf } from './z3Params.js';
import { staticPreflight } from './z2CapacityExpansion.js';

const replacements = (c: StepContext): Replacement[] => parseReplacements(c.params.replace ?? '');
const replaced = (c: StepContext): [number, number][] => (c.memory.replaced as [number, number][] | undefined) ?? [];
const roundKey = (k: number) => `r${k}`;
const pinnedOld = (c: StepContext, k: number): number | null => (c.memory[`${roundKey(k)}.old`] as number | undefined) ?? null;

/** The membership now: the initial one with the finished rounds applied. */
function currentSpecs(c: StepContext): ServerSpec[] {
  let specs = parseLines(c.params.members ?? '');
  for (const [oldId, newId] of replaced(c)) {
    const r = replacements(c).find((x) => x.old === oldId && x.spec.id === newId)!;
    specs = [...specs.filter((s) => s.id !== oldId), r.spec];
  }
  return specs.sort((a, b) => a.id - b.id);
}

function pairOf(c: StepContext, oldId: number | null): Replacement | null {
  return oldId === null ? null : (replacements(c).find((r) => r.old === oldId) ?? null);
}

/** The round's target list: the current one with the old server's line replaced by the new one's. */
function targetSpecs(c: StepContext, k: number): ServerSpec[] {
  const pair = pairOf(c, pinnedOld(c, k));
  if (!pair) return currentSpecs(c);
  return [...currentSpecs(c).filter((s) => s.id !== pair.old && s.id !== pair.spec.id), pair.spec].sort((a, b) => a.id - b.id);
}

/** The next old server to replace: a follower first (lowest id), the leader last. */
function nextOld(c: StepContext): number | null {
  const done = new Set(replaced(c).map(([o]) => o));
  const todo = replacements(c).map((r) => r.old).filter((id) => !done.has(id)).sort((a, b) => a - b);
  const leader = leaderOf(c.snapshot)?.id;
  return todo.find((id) => id !== leader) ?? todo[0] ?? null;
}

function roundSteps(k: number, serverCount: number): StepDef[] {
  const key = roundKey(k);
  const old = (c: StepContext) => pinnedOld(c, k) ?? nextOld(c);
  const newId = (c: StepContext) => pairOf(c, old(c))?.spec.id ?? null;
  const newNode = (c: StepContext) => nodeById(c.snapshot, newId(c));
  const newName = (c: StepContext) => `server.${newId(c) ?? '?'}`;
  const steps: StepDef[] = [
    {
      id: `${key}-pick`,
      title: (c, t) => (t ? `round ${k}: replace ${name(t)} by ${newName(c)}${t.role === 'leader' ? ` — ${name(t)} leads: restart it first` : ''}` : `round ${k}: the next old server`),
      why: 'Followers first, the leader last. The new server cannot follow a leader its zoo.cfg does not name: the old server must not lead.',
      target: (c) => nodeById(c.snapshot, old(c)),
      commands: (_c, t) => (t?.role === 'leader' ? [`node restart ${t.id}`] : []),
      check: (c, t) => {
        if (!t) return fail(`server.${old(c) ?? '?'} is not in view`);
        if (t.role === 'leader') {
          // A quick restart can rejoin while the others still elect, and with equal zxids the
          // highest id wins: the same server may lead again. Say so, rather than look stuck.
          const restarted = c.facts.journal?.last((e) => e.command === 'node' && e.args[0] === 'restart' && e.args[1] === String(t.id) && e.exitCode === 0, c.stepStartedAt);
          // It leads again only if the model saw it go (its role changed since the restart began).
          if (restarted && t.roleSince >= restarted.startedAt) return fail(`${name(t)} leads again after its restart (with equal zxids the highest id wins the election): restart it once more`);
          return fail(`${name(t)} leads: restart it so another server leads (one election)`);
        }
        if (t.role !== 'follower') return fail(`${name(t)} is ${t.role}: it must serve as a follower until its replacement has joined`);
        const r = caughtUp(c, t);
        return r.ok ? pass(`${name(t)} follows server.${leaderOf(c.snapshot)?.id}: ${newName(c)} can join`) : r;
      },
      onDone: (c, t) => {
        if (t?.id != null) c.memory[`${key}.old`] = t.id;
        c.memory.round = k;
      },
    },
    {
      id: `${key}-new-down`,
      marker: 'stop',
      title: (c) => `${newName(c)} is down before it is prepared`,
      why: 'Its data dir and zoo.cfg are only rewritten while it is stopped.',
      target: newNode,
      commands: (_c, t) => (t && !isDead(t) ? [`node stop ${t.id}`] : []),
      check: (c, t) => {
        if (!t) return fail(`${newName(c)} is not in view: watch its address (profile watchHosts)`);
        return isDead(t) ? pass(`${name(t)} is down`) : fail(`${name(t)} is ${t.role}: stop it`);
      },
    },
    {
      id: `${key}-new-clean`,
      marker: 'wipe',
      title: (c) => `clean ${newName(c)}'s data dir (version-2, zookeeper_server.pid) and write myid ${newId(c) ?? '?'}`,
      why: 'A new id starts empty and takes a snapshot from the leader; one server at a time, while a quorum with data serves (trap 6).',
      target: newNode,
      commands: (c) => (newId(c) !== null ? [`node wipe ${newId(c)}`] : []),
      instructions: (c, t) => [
        `on ${t?.host ?? `${newName(c)}'s host`}: rm -rf DATADIR/version-2 DATADIR/zookeeper_server.pid; echo ${newId(c) ?? '?'} > DATADIR/myid`,
        'start it with -Dzookeeper.db.autocreate=false: an empty server then never leads with an empty tree (trap 6)',
      ],
      guard: (c) => (newId(c) !== null ? nodeActionGuard(c.snapshot, 'wipe', newId(c)!).refuse : null),
    },
    {
      id: `${key}-new-config`,
      marker: 'config',
      title: (c) => `write ${newName(c)}'s zoo.cfg: the list with server.${old(c) ?? '?'}'s line replaced`,
      why: 'Its list names the remaining servers and itself, never the server it replaces.',
      target: newNode,
      commands: (c) => (newId(c) !== null ? [configCommand(newId(c)!, targetSpecs(c, k))] : []),
      instructions: (c, t) => (newId(c) !== null ? configInstructions(newId(c)!, t?.host ?? null, targetSpecs(c, k)) : []),
    },
    {
      id: `${key}-new-start`,
      marker: 'start',
      title: (c) => `start ${newName(c)}: it follows and catches up`,
      why: 'Nobody counts it yet (non-voting follower, trap 1): it must hold the data before the others are restarted onto the new list.',
      target: newNode,
      commands: (c, t) => (t === null || isDead(t) ? [`node start ${newId(c)}`] : []),
      check: (c, t) => {
        if (!t) return fail(`${newName(c)} is not in view`);
        if (!['follower', 'non-voting'].includes(t.role)) return fail(`${name(t)} is ${t.role}, not following`);
        const r = caughtUp(c, t);
        if (!r.ok) return r;
        const lists = listsMembership(t, idsOf(targetSpecs(c, k)));
        return lists.ok ? pass(`${name(t)} ${t.role}, ${r.text}; ${lists.text}`) : lists;
      },
    },
  ];
  // The remaining servers: every server of the current list but the old one.
  const roll = rollSteps(
    { count: serverCount - 1, ids: (c) => (pinnedOld(c, k) === null ? [] : idsOf(currentSpecs(c)).filter((id) => id !== pinnedOld(c, k))) },
    key,
    {
      startWhy: 'Restarted on the new list it must rejoin, catch up and list the new server before the next one goes.',
      stopWhy: 'One server at a time, followers first, the leader last: the one election then runs on the new lists.',
      configure: { why: 'Replace the old server\'s line by the new one\'s; the running server keeps its old list until its restart.', specs: (c) => targetSpecs(c, k) },
      quorum: leaderServing,
    },
  );
  const stopOld: StepDef = {
    id: `${key}-old-stop`,
    marker: 'stop',
    title: (c, t) => `stop the old ${t ? name(t) : `server.${pinnedOld(c, k) ?? '?'}`}: its host leaves the ensemble`,
    why: 'Only the leader still counts it; with the followers on the new list, the leader keeps a majority without it.',
    target: (c) => nodeById(c.snapshot, pinnedOld(c, k)),
    commands: (_c, t) => (t?.id != null && !isDead(t) ? [`node stop ${t.id}`] : []),
    guard: (c, t) => (t?.id != null && !isDead(t) ? nodeActionGuard(c.snapshot, 'stop', t.id).refuse : null),
    check: (c, t) => {
      if (t && !isDead(t)) return fail(`${name(t)} is ${t.role}: stop it`);
      const q = leaderServing(c.snapshot);
      return q.ok ? pass(`server.${pinnedOld(c, k)} is down; ${q.text}`) : fail(`server.${pinnedOld(c, k)} is down; ${q.text}`);
    },
  };
  const last = roll.at(-1)!;
  const finish: StepDef = {
    ...last,
    onDone: (c, t) => {
      last.onDone?.(c, t);
      const pair = pairOf(c, pinnedOld(c, k));
      if (pair) c.memory.replaced = [...replaced(c), [pair.old, pair.spec.id]];
    },
  };
  return [...steps, ...roll.slice(0, -3), stopOld, ...roll.slice(-3, -1), finish];
}

/** Stopping an old server early, and cleaning a server with data, are what lose a quorum or data here. */
const z3Guards: RunbookGuard[] = [
  (req, c) => {
    if (req.kind !== 'node' || req.action !== 'stop') return null;
    const pair = replacements(c).find((r) => r.old === req.id);
    if (!pair || replaced(c).some(([o]) => o === req.id)) return null;
    const k = c.memory.round as number | undefined;
    const inRound = k !== undefined && pinnedOld(c, k) === req.id;
    const restartsLeft = inRound ? idsOf(currentSpecs(c)).length - 1 - rollMemory(c, roundKey(k!)).done.length : Infinity;
    const joined = ['follower', 'non-voting'].includes(nodeById(c.snapshot, pair.spec.id)?.role ?? '');
    if (inRound && joined && restartsLeft <= 1) return null;
    return `stop server.${req.id} only once server.${pair.spec.id} follows and every other server but the leader runs the new list: stopped now, the next restart would leave fewer than a majority serving`;
  },
  (req, c) => {
    if (req.kind !== 'node' || req.action !== 'wipe') return null;
    if (!idsOf(currentSpecs(c)).includes(req.id)) return null;
    return `server.${req.id} holds data the quorum depends on: Z3 cleans only the new servers, before they start (trap 6)`;
  },
];

export const z3StaticMigration: RunbookDef = {
  id: 'Z3',
  title: 'Migration to new hosts, static config',
  source: 'seed 003 §5',
  params: [
    {
      name: 'replace',
      description: 'OLD:server.NEW=host:quorumPort:electionPort:participant;host:clientPort[,…] — each new id above every id ever used',
      kind: 'text',
      required: true,
      validate: validateReplacements,
      // Each voter with each waiting joiner: the operator picks which old server it replaces.
      suggest: (snapshot) =>
        waitingJoiners(snapshot).flatMap((j) => committedIds(snapshot, 'participant').map((old) => `${old}:${formatServerSpec(j)}`)),
    },
  ],
  prepare(params, snapshot) {
    const members = (snapshot.committed?.servers ?? []).filter((s) => s.role === 'participant');
    const pairs = parseReplacements(params.replace!);
    const target = members.map((m) => pairs.find((p) => p.old === m.id)?.spec ?? m).sort((a, b) => a.id - b.id);
    return { ...params, members: joinLines(members), targetConnect: connectStringOf(target) };
  },
  guards: z3Guards,
  steps(params) {
    const members = parseLines(params.members ?? '');
    const pairs = parseReplacements(params.replace!);
    const finalIds = idsOf(members.map((m) => pairs.find((p) => p.old === m.id)?.spec ?? m));
    const rounds = pairs.flatMap((_, i) => roundSteps(i + 1, members.length));
    return [
      {
        id: 'preflight',
        title: 'preflight: every server answers, one leader, zxids equal, static membership',
        why: 'Start only from a healthy ensemble whose members all list the same servers (reconfigEnabled=false).',
        check: (c) => staticPreflight(c, idsOf(members)),
      },
      ...rounds,
      {
        id: 'postflight',
        title: `postflight: every server lists ${finalIds.join(',')}, one leader, zxids and znode counts equal`,
        why: 'The target membership everywhere, and the data present on every server.',
        check: (c) => {
          const unsettled = membershipSettled(c, finalIds);
          if (unsettled) return unsettled;
          const counts = finalIds.map((id) => nodeById(c.snapshot, id)?.znodes ?? null);
          if (counts.some((n) => n === null) || new Set(counts).size !== 1) return fail(`znode counts differ: ${finalIds.map((id, i) => `${id}=${counts[i] ?? '?'}`).join(' ')}`);
          return pass(`${finalIds.length} servers list ${finalIds.join(',')}; leader server.${leaderOf(c.snapshot)?.id}; zxids equal; ${counts[0]} znodes on each`);
        },
      },
      {
        id: 'clients',
        title: `give clients the new connect string: ${params.targetConnect}`,
        why: 'The old hosts are gone from the ensemble: clients that still name only them cannot reconnect (update, then restart or reconfigure them).',
      },
    ];
  },
};
