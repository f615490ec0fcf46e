// Z1's round with a target version: one server at a time, followers first, the leader last, each
// restarted on the new version with its data (`node upgrade ID VERSION`, the node action: the
// sandbox's builds, or a profile's `upgrade` template), then verified from its own `srvr`: it
// reports the version, follows, has caught up. Going from 3.4 to 3.5+, each round first looks
// for a snapshot in the server's data dir (snapshotTrap.ts) and holds until there is one.
import { caughtUp, fail, isDead, leaderOf, name, nodeById, pass, quorumServing } from './checks.js';
import { nodeActionGuard } from './guards/nodeActionGuard.js';
import { staticMembership } from './guards/staticQuorum.js';
import type { NodeView } from '../ensemble/types.js';
import { nextRollTarget, rollMemory } from './rolling.js';
import { dataDirOf, dataDirState, TRAP_MESSAGE, trapFixes, trapPresentSync } from './snapshotTrap.js';
import { isLocalHost } from '../snapshots/localHost.js';
import type { CheckResult, GuardRequest, StepContext, StepDef } from './types.js';
import { isLegacy34, isRelease } from '../zk/serverVersion.js';

export interface UpgradeRollOptions {
  /** The version every server must report afterwards (srvr). */
  to: string;
  /** Servers on 3.4 when the run started, to be checked for a snapshot first (3.4 → 3.5+ only). */
  legacy: readonly number[];
}

const KEY = 'roll';
/** The server that led when its round began: its check wants a new leader on the new version. */
const WAS_LEADER = `${KEY}.wasLeader`;

/** Still on 3.4 (as it reported last, or at the start of the run)? */
function stillLegacy(c: StepContext, t: NodeView, legacy: readonly number[]): boolean {
  if (t.version) return isLegacy34(t.version);
  return legacy.includes(t.id ?? -1);
}

function snapshotCheck(c: StepContext, t: NodeView | null, opts: UpgradeRollOptions): CheckResult {
  if (!t) return fail('no server left to upgrade');
  if (t.role === 'leader' && !c.preview) c.memory[WAS_LEADER] = t.id;
  if (!stillLegacy(c, t, opts.legacy)) return pass(`${name(t)} runs ${t.version ?? 'a 3.5+ version'}: nothing a 3.5+ start would refuse`);
  const dir = dataDirOf(c, t);
  if (!dir) return fail(isDead(t) ? `${name(t)} is down and its dataDir is not known yet: start it on 3.4 once (its conf names it)` : `asking ${name(t)} for its dataDir (conf)…`);
  if (!isLocalHost(t.host)) {
    return fail(`${dir} is on ${t.host}, not readable here: look there (ls ${dir}); once it holds a snapshot.*, or no log.* at all: step done --force`);
  }
  const state = dataDirState(c, t);
  if (!state) return fail(`reading ${dir}…`);
  if (state.error) return fail(`${state.error}: give zkpilot read access there, or check by hand and step done --force`);
  if (state.snapshot) return pass(`${state.snapshot} in ${state.dir}: ZooKeeper ${opts.to} loads it and replays the ${state.logs} log(s) after it`);
  if (state.logs === 0) return pass(`${state.dir} holds no log: ZooKeeper ${opts.to} starts empty and takes a full snapshot from the leader`);
  return fail(`no snapshot.* in ${state.dir}, only ${state.logs} log.* file(s): ZooKeeper ${opts.to} would refuse to start ("${TRAP_MESSAGE}", ZOOKEEPER-3056)`);
}

function upgradedCheck(c: StepContext, t: NodeView | null, opts: UpgradeRollOptions): CheckResult {
  if (!t) return fail('no server left to upgrade');
  if (!c.preview && t.id !== null) rollMemory(c, KEY).current = t.id;
  const wasLeader = c.memory[WAS_LEADER] === t.id;
  if (t.role === 'leader' && !isRelease(t.version, opts.to) && !c.preview) c.memory[WAS_LEADER] = t.id;
  if (isDead(t)) return fail(`${name(t)} is ${t.role}; ${quorumServing(c.snapshot).text}`);
  if (!isRelease(t.version, opts.to)) {
    if (t.role === 'not-serving' || t.role === 'unknown') return fail(`${name(t)} is ${t.role}`);
    return fail(`${name(t)} reports ${t.version ?? '?'}, not ${opts.to}: node upgrade ${t.id} ${opts.to}`);
  }
  if (!['leader', 'follower', 'observer', 'non-voting'].includes(t.role)) return fail(`${name(t)} runs ${opts.to} but is ${t.role}`);
  // With static configs (and on 3.4) the session's config is one server's file: the server's own conf decides.
  if (t.role === 'non-voting' && c.snapshot.committed && !staticMembership(t)) return fail(`${name(t)} runs ${opts.to} but is not a voter of the committed config`);
  let leaderText = '';
  if (wasLeader) {
    // Leader last: the election must have chosen a server already on the new version.
    const leader = leaderOf(c.snapshot);
    if (!leader) return fail('no leader yet: election in progress');
    if (leader.id === t.id) return fail(`${name(t)} leads again on ${opts.to}: no other leader was elected while it was down (restart it once more, or step done --force)`);
    if (!isRelease(leader.version, opts.to)) return fail(`new leader ${name(leader)} runs ${leader.version ?? '?'}, not ${opts.to}`);
    leaderText = `; new leader ${name(leader)} on ${leader.version}`;
  }
  const r = caughtUp(c, t);
  if (!r.ok) return r;
  return pass(`${name(t)} reports ${t.version}, ${t.role}, ${r.text}${leaderText}`);
}

const SERVING = new Set(['leader', 'follower', 'observer', 'non-voting']);

/**
 * One server at a time, judged on the roll's own list: on 3.4 the model knows no voters (no
 * dynamic config), so the quorum guard alone would let a second server go down.
 */
function othersDown(c: StepContext, ids: readonly number[], id: number): string | null {
  for (const other of ids) {
    if (other === id) continue;
    const n = nodeById(c.snapshot, other);
    if (!n || !SERVING.has(n.role)) return `server.${other} is ${n?.role ?? 'not in view'}: upgrade server.${id} once every other server serves (one at a time)`;
  }
  return null;
}

/** One round per server: [snapshot check, 3.4 → 3.5+ only] then the upgrade and its verification. */
export function upgradeSteps(ids: readonly number[], opts: UpgradeRollOptions): StepDef[] {
  const key = KEY;
  const target = (c: StepContext) => nextRollTarget(c, ids, key);
  const note = (c: StepContext, t: NodeView) => (t.role === 'leader' || c.memory[WAS_LEADER] === t.id ? 'leader, last' : isDead(t) ? 'down' : t.role);
  const steps: StepDef[] = [];
  ids.forEach((_, i) => {
    if (opts.legacy.length > 0) {
      steps.push({
        id: `${key}-snapshot-${i + 1}`,
        marker: 'snapshot',
        title: (c, t) => (t ? `check ${name(t)} (${note(c, t)}) has a snapshot ZooKeeper ${opts.to} can load` : `check the next server's data dir for a snapshot (${i + 1} of ${ids.length})`),
        why: `ZooKeeper 3.5+ refuses a data dir with transaction logs but no snapshot ("${TRAP_MESSAGE}", ZOOKEEPER-3056); a 3.4 leader, or a follower synced by DIFF, may never have written one.`,
        target,
        commands: (c, t) => {
          const dir = t && stillLegacy(c, t, opts.legacy) ? dataDirOf(c, t) : null;
          return dir && t && isLocalHost(t.host) ? [`snapshot list ${dir}`] : [];
        },
        instructions: (c, t) => (t && stillLegacy(c, t, opts.legacy) && !snapshotCheck(c, t, opts).ok ? trapFixes(c, t, dataDirOf(c, t), opts.to) : []),
        check: (c, t) => snapshotCheck(c, t, opts),
        onDone: (c, t) => {
          rollMemory(c, key).current = t?.id ?? null;
        },
      });
    }
    steps.push({
      id: `${key}-upgrade-${i + 1}`,
      marker: 'upgrade',
      title: (c, t) => (t ? `upgrade ${name(t)} (${note(c, t)}) to ${opts.to} and verify it caught up` : `upgrade the next server to ${opts.to} (${i + 1} of ${ids.length})`),
      why: 'Restarted on the new version with the same data, it must rejoin as follower and catch up before the next one; followers first, the leader last: one election.',
      target,
      commands: (_c, t) => (t?.id != null && !isRelease(t.version, opts.to) ? [`node upgrade ${t.id} ${opts.to}`] : []),
      instructions: (_c, t) => (t ? [`without an upgrade node action: stop ${name(t)}, install ZooKeeper ${opts.to} on ${t.host}, start it with the same zoo.cfg and dataDir`] : []),
      guard: (c, t) => (t?.id != null && !isDead(t) && !isRelease(t.version, opts.to) ? (othersDown(c, ids, t.id) ?? nodeActionGuard(c.snapshot, 'upgrade', t.id).refuse) : null),
      check: (c, t) => upgradedCheck(c, t, opts),
      onDone: (c) => {
        const m = rollMemory(c, key);
        if (m.current !== null) m.done.push(m.current);
        m.current = null;
      },
    });
  });
  return steps;
}

/**
 * Refuses a hand-typed `node upgrade` while another server of the roll is not serving, and one to
 * 3.5+ of a server still on 3.4 whose data dir holds logs and no snapshot (or has not been looked
 * at yet): the new version would not start.
 */
export function upgradeTrapGuard(opts: UpgradeRollOptions & { ids: readonly number[] }) {
  return (req: GuardRequest, c: StepContext): string | null => {
    if (req.kind !== 'node' || req.action !== 'restart' || req.version === undefined) return null;
    const n = nodeById(c.snapshot, req.id);
    if (n && !isDead(n)) {
      const down = othersDown(c, opts.ids, req.id);
      if (down) return down;
    }
    if (isLegacy34(req.version)) return null;
    if (!n || !stillLegacy(c, n, opts.legacy)) return null;
    const dir = c.memory[`trap.dataDir.${req.id}`] as string | undefined;
    if (!dir) return `server.${req.id} runs 3.4: Z1 looks for a snapshot in its data dir first (3.5+ refuses logs without one, ZOOKEEPER-3056): step next`;
    if (!isLocalHost(n.host)) return null;
    if (trapPresentSync(dir) !== true) return null;
    return `no snapshot in ${dir}, only logs: ZooKeeper ${req.version} would refuse to start ("${TRAP_MESSAGE}", ZOOKEEPER-3056); see \`runbook status\` for the fixes`;
  };
}
