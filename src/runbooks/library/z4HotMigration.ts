// Z4 Hot migration by dynamic reconfig (seed 001): old ensemble O → new servers N (ids after O's).
// Joiners must be synced non-voting followers before `reconfig -add` (trap 2), added in id order;
// clients move before any old server is removed (trap 8); the old leader is removed last.
import { formatServerSpec, parseServerLine, serverSpecToClientAddress, type ServerSpec } from '../../zk/dynamicConfig.js';
import { allInSync, caughtUp, committedIds, fail, isDead, leaderOf, name, nodeById, parseIds, pass, waitingJoiners } from '../checks.js';
import { SERVING_ROLES, type NodeView } from '../../ensemble/types.js';
import type { RunbookDef, RunbookGuard, StepContext, StepDef } from '../types.js';
import { fourLetterWord, parseConf, parseConnectString } from '../../zk/fourLetter.js';
import { probeServers, type ServerState } from '../targetProbe.js';
import { preflightCheck } from './z1RollingUpgrade.js';

/** `new=server.4=h:q:e:participant;h:c,server.5=…` → specs; throws with a readable message. */
export function parseNewServers(text: string): ServerSpec[] {
  // Entries are split where a new `server.N=` / `N=` begins (a spec has no comma of its own).
  return text
    .split(',')
    .filter((t) => t.trim() !== '')
    .map((entry) => parseServerLine(entry.includes('=') ? entry : `server.${entry}`));
}

function versionAtLeast(v: string | null, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(v ?? '');
  return m !== null && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

const oldIds = (c: StepContext) => parseIds(c.params.old);
/** A removal that commits shows in the config within a few polls; this long after an error, it did not. */
const UNCOMMITTED_AFTER_MS = 10_000;
const newIds = (c: StepContext) => parseIds(c.params.newIds);

/** The next old server to remove: followers first, the leader once it is the only old voter left. */
function nextToRemove(c: StepContext): NodeView | null {
  const inConfig = new Set(committedIds(c.snapshot, 'participant'));
  const removed = (c.memory.removed as number[] | undefined) ?? [];
  // Left the config but not yet recorded: the step that removed it is still being verified.
  const gone = oldIds(c).find((id) => !inConfig.has(id) && !removed.includes(id));
  if (gone !== undefined) return nodeById(c.snapshot, gone);
  const leader = leaderOf(c.snapshot);
  const remaining = oldIds(c).filter((id) => inConfig.has(id));
  const follower = remaining.find((id) => id !== leader?.id);
  return nodeById(c.snapshot, follower ?? remaining[0]);
}

const z4Guards: RunbookGuard[] = [
  (req, c) => {
    if (req.kind !== 'reconfig') return null;
    const inConfig = new Set(committedIds(c.snapshot, 'participant'));
    const adding = req.add.map((a) => a.id);
    for (const id of adding) {
      const lower = newIds(c).filter((n) => n < id && !inConfig.has(n) && !adding.slice(0, adding.indexOf(id)).includes(n));
      if (lower.length > 0) return `add the new servers in increasing id order: server.${lower[0]} before server.${id}`;
    }
    return null;
  },
  (req, c) => {
    const old = oldIds(c);
    const touchesOld = req.kind === 'reconfig' ? req.remove.some((id) => old.includes(id)) : req.action === 'stop' && old.includes(req.id);
    if (touchesOld && !c.memory.clientsMoved) {
      return 'move the clients to the new servers first (step "move clients"): removing or stopping old servers now expires their sessions (trap 8)';
    }
    return null;
  },
  (req, c) => {
    if (req.kind !== 'reconfig') return null;
    const leader = leaderOf(c.snapshot);
    if (leader?.id == null || !req.remove.includes(leader.id)) return null;
    const inConfig = new Set(committedIds(c.snapshot, 'participant'));
    const others = oldIds(c).filter((id) => id !== leader.id && inConfig.has(id) && !req.remove.includes(id));
    return others.length > 0 ? `server.${leader.id} is the leader: remove the other old servers (${others.join(',')}) first, the leader last` : null;
  },
];

export const z4HotMigration: RunbookDef = {
  id: 'Z4',
  title: 'Hot migration by dynamic reconfig',
  source: 'seed 001',
  params: [
    {
      name: 'new',
      description: 'the new servers, comma-separated server.N=host:quorumPort:electionPort:participant;host:clientPort',
      kind: 'text',
      required: true,
      validate: (value, snapshot) => {
        let specs: ServerSpec[];
        try {
          specs = parseNewServers(value);
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
        if (specs.length === 0) return 'no server given';
        const maxOld = Math.max(0, ...(snapshot.committed?.servers ?? []).map((s) => s.id));
        const low = specs.find((s) => s.id <= maxOld);
        if (low) return `server.${low.id}: new ids must continue after the old ones (> ${maxOld})`;
        if (new Set(specs.map((s) => s.id)).size !== specs.length) return 'an id is given twice';
        return null;
      },
      suggest: (snapshot) => {
        const specs = waitingJoiners(snapshot);
        return specs.length > 0 ? [specs.map(formatServerSpec).join(',')] : [];
      },
    },
    { name: 'user', description: 'the super user for addauth digest (default super)', kind: 'text', required: false },
  ],
  prepare(params, snapshot) {
    const specs = parseNewServers(params.new!).sort((a, b) => a.id - b.id);
    const old = (snapshot.committed?.servers ?? []).filter((s) => s.role === 'participant').map((s) => s.id).sort((a, b) => a - b);
    const connect = specs.map((s) => serverSpecToClientAddress(s, { useQuorumHostForWildcard: true })).join(',');
    // In the order of `old`: the last step asks each old server itself whether it stopped.
    const oldConnect = old
      .map((id) => (snapshot.committed?.servers ?? []).find((s) => s.id === id)!)
      .map((s) => serverSpecToClientAddress(s, { useQuorumHostForWildcard: true }))
      .join(',');
    return { ...params, old: old.join(','), newIds: specs.map((s) => s.id).join(','), newConnect: connect, oldConnect };
  },
  guards: z4Guards,
  steps(params) {
    const specs = parseNewServers(params.new!).sort((a, b) => a.id - b.id);
    const lineOf = (id: number) => params.new!.split(',').find((e) => parseServerLine(e.includes('=') ? e : `server.${e}`).id === id)!;
    const steps: StepDef[] = [
      {
        id: 'preflight',
        title: 'preflight: old servers healthy, 3.5+, reconfig and 4lw available',
        why: 'Reconfig needs 3.5+, reconfigEnabled=true, a super digest, and srvr/conf/mntr for the checks.',
        check: (c) => {
          // First: on 3.4 nothing else matters (it has no committed config to check either).
          const legacy = c.snapshot.nodes.find((n) => SERVING_ROLES.has(n.role) && n.version !== null && !versionAtLeast(n.version, 3, 5));
          if (legacy) return fail(`${name(legacy)} runs ZooKeeper ${legacy.version}: dynamic reconfig needs 3.5 or later; upgrade the ensemble first (runbook Z1), then migrate (seed 001)`);
          const base = preflightCheck(c);
          if (!base.ok) return base;
          const old = parseIds(c.params.old).map((id) => nodeById(c.snapshot, id));
          const tooOld = old.find((n) => !versionAtLeast(n?.version ?? null, 3, 5));
          if (tooOld) return fail(`${name(tooOld)} runs ${tooOld?.version ?? 'an unknown version'}: dynamic reconfig needs 3.5+`);
          return pass(`${base.text}; config version ${c.snapshot.committed?.version}`);
        },
      },
    ];
    for (const s of specs) {
      steps.push({
        id: `joiner-${s.id}`,
        marker: 'join',
        title: `server.${s.id} runs as a synced non-voting follower`,
        why: 'Started with O plus itself, it follows without a vote (trap 1: it says follower) and must catch up before it is added (trap 2).',
        target: (c) => nodeById(c.snapshot, s.id),
        commands: (_c, t) => (t === null || isDead(t) ? [`node start ${s.id}`] : []),
        check: (c, t) => {
          if (!t) return fail(`server.${s.id} is not in view (watch its address: extra hosts)`);
          if (t.role !== 'non-voting') return fail(`server.${s.id} is ${t.role}, not a non-voting follower`);
          return caughtUp(c, t);
        },
      });
    }
    steps.push({
      id: 'addauth',
      title: `authenticate as the super user: addauth digest ${params.user || 'super'}:<password>`,
      why: 'reconfig needs WRITE on /zookeeper/config; the secret is never echoed or recorded.',
      commands: () => [`addauth digest ${params.user || 'super'}:`],
      check: (c) => (c.facts.digestAuth ? pass('digest auth given in this session') : fail('no digest auth in this session yet')),
    });
    for (const s of specs) {
      steps.push({
        id: `add-${s.id}`,
        marker: 'reconfig -add',
        title: `reconfig -add server.${s.id} (in id order)`,
        why: 'One at a time in increasing id order: each must commit, advance the config version and sync as a voter.',
        target: (c) => nodeById(c.snapshot, s.id),
        commands: () => [`reconfig -add ${lineOf(s.id).startsWith('server.') ? lineOf(s.id) : `server.${lineOf(s.id)}`}`],
        check: (c, t) => {
          const member = c.snapshot.committed?.servers.find((x) => x.id === s.id);
          if (!member) return fail(`server.${s.id} not in config version ${c.snapshot.committed?.version}`);
          if (!t || !t.voter || !['follower', 'leader'].includes(t.role)) return fail(`server.${s.id} in config, now ${t?.role ?? 'not in view'}`);
          const r = caughtUp(c, t);
          return r.ok ? pass(`server.${s.id} voting ${t.role} in config ${c.snapshot.committed?.version}; ${r.text}`) : r;
        },
      });
    }
    steps.push(
      {
        id: 'sync-gate',
        title: 'data sync gate: new servers vote, caught up, a quorum of the target config',
        why: 'Only once N holds a synced majority can O be removed without losing the quorum or data.',
        check: (c) => {
          const ids = parseIds(c.params.newIds);
          const sync = allInSync(c, ids);
          if (!sync.ok) return sync;
          // With as many new as old servers N cannot out-vote O before O leaves; what matters is
          // that every new server votes and is synced, so that N alone is a quorum of the target.
          const voters = committedIds(c.snapshot, 'participant');
          const held = ids.filter((id) => voters.includes(id)).length;
          const targetQuorum = Math.floor(ids.length / 2) + 1;
          if (held < targetQuorum) return fail(`only ${held} of the new servers vote, need ${targetQuorum}`);
          return pass(`${held} new servers vote (of ${voters.length}), all synced: a quorum of the target config; ${sync.text}`);
        },
      },
      {
        id: 'move-clients',
        title: `move clients to ${params.newConnect}`,
        why: 'Clients move before any old server is removed or stopped, or their sessions and ephemerals expire (trap 8).',
        onDone: (c) => {
          c.memory.clientsMoved = true;
        },
      },
    );
    const oldCount = parseIds(params.old).length;
    parseIds(params.old).forEach((_, i) => {
      steps.push({
        id: `remove-${i + 1}`,
        marker: 'reconfig -remove',
        title: (c, t) => (t ? `reconfig -remove ${t.id}${t.role === 'leader' ? ' (the leader, last)' : ''}` : `remove the next old server (${i + 1} of ${oldCount}, the leader last)`),
        why: 'Followers first, the leader last: removing the leader hands off to a new server (the client may see ConnectionLoss, trap 3).',
        target: nextToRemove,
        commands: (_c, t) => (t?.id != null ? [`reconfig -remove ${t.id}`] : []),
        check: (c) => {
          const inConfig = new Set(committedIds(c.snapshot, 'participant'));
          const removed = (c.memory.removed as number[] | undefined) ?? [];
          const gone = oldIds(c).find((id) => !inConfig.has(id) && !removed.includes(id));
          if (gone === undefined) {
            const left = `config ${c.snapshot.committed?.version}: ${oldIds(c).filter((id) => inConfig.has(id)).length} old servers left`;
            // Trap 3: the issuing client's error does not say whether the removal committed; the
            // config does. Still unchanged well after a failed attempt: it did not commit.
            const tried = c.recorded['command:reconfig'];
            if (tried && !tried.ok && tried.at >= c.stepStartedAt && c.now - tried.at >= UNCOMMITTED_AFTER_MS) {
              // Before saying "run it again", ask the new servers themselves: this console's view
              // of the config may be what lags, and a second removal would be refused or worse.
              const views = c.probe('z4.new-conf', () => configsOf(c.params.newConnect ?? ''));
              if (views === null) return fail(`${left}; asking the new servers for their config…`);
              const removedNow = oldIds(c).filter((id) => inConfig.has(id) && views.some((v) => v.version !== null && !v.ids.includes(id)));
              if (removedNow.length > 0) {
                return fail(`${left} in this console's view, but the new servers' config (${views.find((v) => v.version)?.version}) no longer has server.${removedNow[0]}: it committed; waiting for the view`);
              }
              return fail(`${left}; \`${tried.text}\` failed and the config is unchanged ${Math.round((c.now - tried.at) / 1000)} s later: it did not commit, run it again`);
            }
            return fail(left);
          }
          const leader = leaderOf(c.snapshot);
          if (!leader?.voter) return fail(`server.${gone} left the config; waiting for a leader among the voters`);
          return pass(`server.${gone} left config ${c.snapshot.committed?.version}; leader server.${leader.id}`);
        },
        onDone: (c) => {
          const inConfig = new Set(committedIds(c.snapshot, 'participant'));
          const removed = ((c.memory.removed as number[] | undefined) ??= []);
          const gone = oldIds(c).find((id) => !inConfig.has(id) && !removed.includes(id));
          if (gone !== undefined) removed.push(gone);
          c.memory.removed = removed;
        },
      });
    });
    steps.push({
      id: 'postflight',
      title: 'postflight: config = new servers only, leader among them, zxids equal',
      why: 'Old processes still run as non-voting followers: they may be stopped now.',
      check: (c) => {
        const ids = parseIds(c.params.newIds);
        const voters = committedIds(c.snapshot, 'any');
        if (voters.join(',') !== ids.join(',')) return fail(`config has ${voters.join(',')}, want ${ids.join(',')}`);
        const leader = leaderOf(c.snapshot);
        if (!leader || !ids.includes(leader.id ?? -1)) return fail('leader not among the new servers');
        return allInSync(c, ids);
      },
    });
    steps.push({
      id: 'stop-old',
      marker: 'stop',
      title: (c) => {
        const id = c.preview ? null : nextRunningOld(c); // still to come: none is removed yet
        return id !== null ? `stop the old servers: server.${id} (removed, still a non-voting follower)` : 'stop the old servers';
      },
      why: 'Removed servers keep serving as non-voting followers (and still ACK every write); the clients moved before, so no session is lost.',
      target: (c) => nodeById(c.snapshot, nextRunningOld(c)),
      commands: (c) => {
        // This console is a client too: off the old servers first, or its own session goes with them.
        const onOld = sharesHost(c.facts.connectString, c.params.oldConnect ?? '');
        const id = nextRunningOld(c);
        return [...(onOld ? [`connect ${c.params.newConnect}`] : []), ...(id !== null ? [`node stop ${id}`] : [])];
      },
      check: (c) => {
        const states = oldStates(c);
        if (states === null) return fail('asking the old servers (srvr)…');
        const up = oldIds(c).filter((_, i) => states[i]?.state !== 'down');
        return up.length === 0 ? pass(`old servers ${oldIds(c).join(',')} stopped (connection refused)`) : fail(`still running: ${up.map((id) => `server.${id}`).join(', ')}`);
      },
    });
    return steps;
  },
};

/** Do two connect strings name a common host:port? (Chroot suffixes ignored.) */
function sharesHost(a: string, b: string): boolean {
  const hosts = (cs: string) => new Set(cs.replace(/\/.*$/, '').split(',').map((h) => h.trim()).filter((h) => h !== ''));
  const other = hosts(b);
  return [...hosts(a)].some((h) => other.has(h));
}

/**
 * The old servers as they answer themselves: once the console has moved to the new servers the
 * model may stop watching a removed server, and out of view is not stopped. Null until asked.
 */
function oldStates(c: StepContext): ServerState[] | null {
  const connect = c.params.oldConnect;
  if (!connect) return null;
  return c.probe('z4.old-servers', () => probeServers(connect));
}

/** The next old server still running (by its own answer, else by the model), or null. */
function nextRunningOld(c: StepContext): number | null {
  const states = oldStates(c);
  const ids = oldIds(c);
  const running = ids.filter((id, i) => (states ? states[i]?.state !== 'down' : !isDead(nodeById(c.snapshot, id))));
  return running[0] ?? null;
}

/** Each reachable server's own config (`conf`): its version and member ids. */
async function configsOf(connectString: string): Promise<{ version: string | null; ids: number[] }[]> {
  const servers = connectString ? parseConnectString(connectString).servers : [];
  const replies = await Promise.all(servers.map((s) => fourLetterWord(s.host, s.port, 'conf', { timeoutMs: 1500 })));
  return replies.flatMap((r) => {
    const m = r.kind === 'ok' ? parseConf(r.text).membership : null;
    return m ? [{ version: m.version ?? null, ids: m.servers.map((x) => x.id) }] : [];
  });
}
