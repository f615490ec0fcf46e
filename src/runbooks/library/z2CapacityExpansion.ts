// Z2 Capacity expansion with static configs (seed 003 §4.2): a new server, id above every id in
// use, starts with the members plus itself and follows as a non-voting follower; then each member
// gets its line in zoo.cfg and is restarted, followers first, the leader last, so the one election
// runs on the new lists. Clients must be given the new connect string: it cannot be fully hot.
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { formatServerSpec, parseServerLine, serverSpecToClientAddress, type ServerSpec } from '../../zk/dynamicConfig.js';
import { caughtUp, fail, isDead, leaderOf, name, nodeById, pass, waitingJoiners } from '../checks.js';
import { rollSteps } from '../rolling.js';
import {
  configCommand, configInstructions, highestKnownId, idsOf, joinLines, leaderServing, listsMembership, membershipSettled, parseLines, rollSafeVersion,
} from '../staticMembership.js';
import { staticMembership } from '../guards/staticQuorum.js';
import type { CheckResult, RunbookDef, StepContext } from '../types.js';
import { preflightCheck } from './z1RollingUpgrade.js';

/** Z1's preflight plus: membership static on every member, every member's list the same, a fixed version. */
export function staticPreflight(c: StepContext, members: readonly number[]): CheckResult {
  const base = preflightCheck(c);
  if (!base.ok) return base;
  for (const id of members) {
    const n = nodeById(c.snapshot, id);
    if (n?.configVersion != null && !staticMembership(n)) {
      return fail(`server.${id} holds config version ${n.configVersion}: membership is dynamic (reconfigEnabled=true); use Z4 — hand edits of zoo.cfg are overridden by the dynamic file (ZOOKEEPER-2819)`);
    }
    if (!rollSafeVersion(n?.version ?? null)) {
      return fail(`server.${id} runs ${n?.version}: membership changes by rolling restart need 3.5.9+, 3.6.2+ or 3.7+ (ZOOKEEPER-3829)`);
    }
    const lists = listsMembership(n, members);
    if (!lists.ok) return fail(`${lists.text.replace(/: write it and restart it$/, '')}: every member must list the same servers first`);
  }
  return pass(`${base.text}; static membership ${members.join(',')} on every member`);
}

/** One `server.N=host:quorumPort:electionPort:participant;host:clientPort` line; throws with a readable message. */
export function parseNewServer(value: string): ServerSpec {
  const specs = value.split(',').filter((t) => t.trim() !== '');
  if (specs.length !== 1) throw new Error('give exactly one server line (add servers one Z2 run at a time)');
  return parseServerLine(specs[0]!.startsWith('server.') ? specs[0]! : `server.${specs[0]!}`);
}

export function validateNewId(id: number, snapshot: EnsembleSnapshot): string | null {
  const highest = highestKnownId(snapshot, id);
  return id <= highest ? `server.${id}: the new id must be greater than every id in use or seen (> ${highest})` : null;
}

function connectString(specs: readonly ServerSpec[]): string {
  return specs.map((s) => serverSpecToClientAddress(s, { useQuorumHostForWildcard: true })).join(',');
}

export const z2CapacityExpansion: RunbookDef = {
  id: 'Z2',
  title: 'Capacity expansion, static config',
  source: 'seed 003 §4.2',
  params: [
    {
      name: 'new',
      description: 'the new server, server.N=host:quorumPort:electionPort:participant;host:clientPort (N above every id in use)',
      kind: 'text',
      required: true,
      validate: (value, snapshot) => {
        let spec: ServerSpec;
        try {
          spec = parseNewServer(value);
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
        if (spec.role !== 'participant') return `server.${spec.id} must be a participant (observers need no quorum change)`;
        return validateNewId(spec.id, snapshot);
      },
      suggest: (snapshot) => waitingJoiners(snapshot).map(formatServerSpec),
    },
  ],
  prepare(params, snapshot) {
    // Fixed at start: the members and their lines (the new list is them plus the new server).
    const members = (snapshot.committed?.servers ?? []).filter((s) => s.role === 'participant');
    const spec = parseNewServer(params.new!);
    return { ...params, members: joinLines(members), newId: String(spec.id), newConnect: connectString([...members, spec].sort((a, b) => a.id - b.id)) };
  },
  steps(params) {
    const members = parseLines(params.members ?? '');
    const spec = parseNewServer(params.new!);
    const target = [...members, spec].sort((a, b) => a.id - b.id);
    const memberIds = idsOf(members);
    const targetIds = idsOf(target);
    const newId = spec.id;
    return [
      {
        id: 'preflight',
        title: 'preflight: every server answers, one leader, zxids equal, static membership',
        why: 'Start only from a healthy ensemble whose members all list the same servers (reconfigEnabled=false).',
        check: (c) => staticPreflight(c, memberIds),
      },
      {
        id: 'new-config',
        marker: 'config',
        title: `write server.${newId}'s zoo.cfg: the members plus itself`,
        why: 'It must know the ensemble to find the leader; listing itself makes it a (non-voting) follower, never a quorum of its own.',
        target: (c) => nodeById(c.snapshot, newId),
        commands: () => [configCommand(newId, target)],
        instructions: (_c, t) => configInstructions(newId, t?.host ?? spec.host, target),
      },
      {
        id: 'new-start',
        marker: 'start',
        title: `start server.${newId}: it follows and catches up`,
        why: 'The members do not count it yet (non-voting follower, trap 1); it must hold the data before anyone counts on it.',
        target: (c) => nodeById(c.snapshot, newId),
        commands: (_c, t) => (t === null || isDead(t) ? [`node start ${newId}`] : []),
        check: (c, t) => {
          if (!t) return fail(`server.${newId} is not in view (watch its address: profile watchHosts)`);
          if (!['follower', 'non-voting'].includes(t.role)) return fail(`${name(t)} is ${t.role}, not following`);
          const r = caughtUp(c, t);
          if (!r.ok) return r;
          const lists = listsMembership(t, targetIds);
          return lists.ok ? pass(`${name(t)} ${t.role}, ${r.text}; ${lists.text}`) : lists;
        },
      },
      ...rollSteps(memberIds, 'roll', {
        startWhy: 'Restarted on its new zoo.cfg it must rejoin, catch up and list the new server before the next one goes.',
        stopWhy: 'One server at a time, followers first, the leader last: the one election then runs on the new lists.',
        configure: { why: `Add server.${newId}'s line; the file is read at start, so the running server keeps its old list until its restart.`, specs: () => target },
        quorum: leaderServing,
      }),
      {
        id: 'postflight',
        title: `postflight: every server lists ${targetIds.join(',')}, one leader, zxids equal`,
        why: 'Each server votes by its own zoo.cfg: all must agree, or the next election can split.',
        check: (c) => {
          const unsettled = membershipSettled(c, targetIds);
          if (unsettled) return unsettled;
          return pass(`${targetIds.length} servers list ${targetIds.join(',')}; leader server.${leaderOf(c.snapshot)?.id}; zxids equal`);
        },
      },
      {
        id: 'clients',
        title: `give clients the new connect string: ${params.newConnect}`,
        why: 'Not fully hot: clients only learn of the new server from their connect string (seed 003); update it and restart or reconfigure them.',
      },
    ];
  },
};

