// Z1 Rolling version upgrade (seed 003 §4.1): topology and config unchanged, each server restarted
// on the new version, followers first, the leader last (exactly one election).
import { allInSync, committedIds, fail, leaderOf, parseIds, pass, sameVersion } from '../checks.js';
import { rollSteps } from '../rolling.js';
import type { RunbookDef, StepContext } from '../types.js';

/** Preflight shared by Z1–Z3: every member answers srvr, one leader, zxids equal, quorum known. */
export function preflightCheck(c: StepContext) {
  const s = c.snapshot;
  const members = committedIds(s);
  if (members.length === 0) return fail('committed config not known yet');
  const silent = s.nodes.filter((n) => n.voter && n.allowed.srvr === 'no');
  if (silent.length > 0) return fail(`srvr not in 4lw.commands.whitelist on server.${silent[0]!.id} (trap 9)`);
  const sync = allInSync(c, members);
  if (!sync.ok) return sync;
  const words = s.nodes.filter((n) => n.voter && (n.allowed.mntr === 'no' || n.allowed.conf === 'no'));
  const note = words.length > 0 ? `; mntr/conf not whitelisted on ${words.map((n) => n.id).join(',')}: degraded checks (trap 9)` : '';
  return pass(`${sync.text}; quorum ${s.health.quorumSize} of ${s.health.votersTotal}${note}`);
}

export const z1RollingUpgrade: RunbookDef = {
  id: 'Z1',
  title: 'Rolling version upgrade',
  source: 'seed 003 §4.1',
  params: [
    { name: 'version', description: 'the version every server must report afterwards (srvr), e.g. 3.8.4', kind: 'text', required: false },
  ],
  prepare(params, snapshot) {
    // The servers to restart are fixed at start: voters and observers of the committed config.
    const ids = (snapshot.committed?.servers ?? []).map((x) => x.id).sort((a, b) => a - b);
    return { ...params, servers: ids.join(',') };
  },
  steps(params) {
    const ids = parseIds(params.servers);
    return [
      {
        id: 'preflight',
        title: 'preflight: every server answers, one leader, zxids equal',
        why: 'Start only from a healthy ensemble: a lagging server would lose the quorum when another restarts.',
        check: preflightCheck,
      },
      ...rollSteps(ids, 'roll', {
        startWhy: 'Install the new version while it is down, then start it: it must rejoin as follower and catch up before the next one.',
      }),
      {
        id: 'postflight',
        title: 'postflight: all on the new version, one leader, zxids equal',
        why: 'Every server reports the new version (srvr "Zookeeper version"), one leader, no lag.',
        check: (c) => {
          const v = sameVersion(c.snapshot, ids, params.version || undefined);
          if (!v.ok) return v;
          const sync = allInSync(c, ids);
          if (!sync.ok) return sync;
          return pass(`${v.text}; leader server.${leaderOf(c.snapshot)?.id}; zxids equal`);
        },
      },
    ];
  },
};
