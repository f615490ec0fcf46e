// Z1 Rolling version upgrade (seed 003 §4.1): topology and config unchanged, each server restarted
// on the new version, followers first, the leader last (exactly one election). With `to=VERSION`
// each server is restarted by `node upgrade ID VERSION` and must report that version; without it
// Z1 is a plain rolling restart (stop, start). 3.4 servers have no dynamic config: their servers
// are the ones in view, and going to 3.5+ each round first looks for a snapshot (ZOOKEEPER-3056).
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { allInSync, committedIds, fail, leaderOf, nodeById, parseIds, pass, sameVersion } from '../checks.js';
import { RunbookError } from '../engine.js';
import { rollSteps } from '../rolling.js';
import type { CheckResult, Params, RunbookDef, StepContext } from '../types.js';
import { upgradeSteps, upgradeTrapGuard } from '../upgradeRoll.js';
import { atLeast, isLegacy34, isRelease, releaseOf } from '../../zk/serverVersion.js';

/** Every server in view that serves reports 3.4: no `/zookeeper/config`, no membership in `conf`. */
function all34(s: EnsembleSnapshot): boolean {
  const serving = s.nodes.filter((n) => n.id !== null && n.version !== null);
  return serving.length > 0 && serving.every((n) => isLegacy34(n.version));
}

/** The servers of the ensemble: the committed config's, or on 3.4 (which has none) the servers in view. */
export function ensembleIds(s: EnsembleSnapshot): number[] {
  const committed = committedIds(s);
  if (committed.length > 0 || !all34(s)) return committed;
  return s.nodes.filter((n) => n.id !== null).map((n) => n.id!).sort((a, b) => a - b);
}

/** Preflight shared by Z1–Z3 and Z5: every member answers srvr, one leader, zxids equal, quorum known. */
export function preflightCheck(c: StepContext) {
  const s = c.snapshot;
  const members = ensembleIds(s);
  if (members.length === 0) return fail('committed config not known yet');
  const silent = s.nodes.filter((n) => members.includes(n.id ?? -1) && n.allowed.srvr === 'no');
  if (silent.length > 0) return fail(`srvr not in 4lw.commands.whitelist on server.${silent[0]!.id} (trap 9)`);
  const sync = allInSync(c, members);
  if (!sync.ok) return sync;
  const words = s.nodes.filter((n) => n.voter && (n.allowed.mntr === 'no' || n.allowed.conf === 'no'));
  const note = words.length > 0 ? `; mntr/conf not whitelisted on ${words.map((n) => n.id).join(',')}: degraded checks (trap 9)` : '';
  return pass(`${sync.text}; quorum ${s.health.quorumSize} of ${s.health.votersTotal}${note}`);
}

const VERSION_TEXT = /^\d+\.\d+(\.\d+)?$/;

function validateVersion(value: string): string | null {
  return VERSION_TEXT.test(value) ? null : `not a ZooKeeper version: ${value} (e.g. 3.9.3)`;
}

/** Before a 3.4 → 3.5+ roll: 3.4.6+ only (older ones fail with "Invalid server id: -65536"). */
function upgradePathCheck(s: EnsembleSnapshot, ids: readonly number[], to: string): CheckResult | null {
  if (atLeast(to, [3, 5, 0]) !== true) return null;
  for (const id of ids) {
    const version = nodeById(s, id)?.version;
    const r = releaseOf(version);
    if (r && r[0] === 3 && r[1] === 4 && r[2] < 6) return fail(`server.${id} runs ${version}: a rolling upgrade to ${to} needs 3.4.6 or later first ("Invalid server id: -65536")`);
  }
  return null;
}

function postflight(c: StepContext, ids: readonly number[], to: string | undefined): CheckResult {
  if (to) {
    const off = ids.map((id) => nodeById(c.snapshot, id)).find((n) => !isRelease(n?.version, to));
    if (off !== undefined) return fail(`not all on ${to}: ${ids.map((id) => `${id}=${nodeById(c.snapshot, id)?.version ?? '?'}`).join(' ')}`);
  } else {
    const v = sameVersion(c.snapshot, ids);
    if (!v.ok) return v;
  }
  const sync = allInSync(c, ids);
  if (!sync.ok) return sync;
  const version = to ?? nodeById(c.snapshot, ids[0])?.version ?? '?';
  return pass(`all ${ids.length} on ${version}; leader server.${leaderOf(c.snapshot)?.id}; zxids equal`);
}

export const z1RollingUpgrade: RunbookDef = {
  id: 'Z1',
  title: 'Rolling version upgrade',
  source: 'seed 003 §4.1',
  params: [
    { name: 'to', description: 'the version to restart every server on (node upgrade ID VERSION), e.g. 3.9.3; without it: a rolling restart', kind: 'text', required: false, validate: validateVersion },
    { name: 'version', description: 'the older name of to', kind: 'text', required: false, validate: validateVersion },
  ],
  prepare(params, snapshot): Params {
    if (params.to && params.version && params.to !== params.version) throw new RunbookError(`to=${params.to} and version=${params.version} differ: give one (version is the older name of to)`);
    const to = params.to || params.version || '';
    // The servers to restart are fixed at start: voters and observers of the committed config.
    const ids = snapshot.committed ? snapshot.committed.servers.map((x) => x.id).sort((a, b) => a - b) : ensembleIds(snapshot);
    const rest = { ...params };
    delete rest.version;
    if (!to) return { ...rest, servers: ids.join(',') };
    // 3.4 → 3.5+: which servers' data dirs to look at before their upgrade.
    const legacy = atLeast(to, [3, 5, 0]) ? ids.filter((id) => isLegacy34(nodeById(snapshot, id)?.version)) : [];
    return { ...rest, to, servers: ids.join(','), legacy: legacy.join(',') };
  },
  steps(params) {
    const ids = parseIds(params.servers);
    const to = params.to || params.version || undefined;
    const legacy = parseIds(params.legacy);
    return [
      {
        id: 'preflight',
        title: 'preflight: every server answers, one leader, zxids equal',
        why: 'Start only from a healthy ensemble: a lagging server would lose the quorum when another restarts.',
        check: (c) => (to ? upgradePathCheck(c.snapshot, ids, to) : null) ?? preflightCheck(c),
      },
      ...(to
        ? upgradeSteps(ids, { to, legacy })
        : rollSteps(ids, 'roll', { startWhy: 'Install the new version while it is down, then start it: it must rejoin as follower and catch up before the next one.' })),
      {
        id: 'postflight',
        title: `postflight: all on ${to ?? 'the new version'}, one leader, zxids equal`,
        why: 'Every server reports the new version (srvr "Zookeeper version"), one leader, no lag.',
        check: (c) => postflight(c, ids, to),
      },
    ];
  },
  guards: [
    (req, c) => {
      const to = c.params.to;
      return to ? upgradeTrapGuard({ to, legacy: parseIds(c.params.legacy), ids: parseIds(c.params.servers) })(req, c) : null;
    },
  ],
};
