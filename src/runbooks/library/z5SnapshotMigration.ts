// Z5 Offline migration by snapshot (seed 002): the source's newest snapshot WITH the logs after it
// (trap 7: the seed copies the snapshot alone, which drops every write after its zxid) restored
// into every server of a stopped target ensemble, then verified against the source. A 3.9+ source
// without a shell for zkpilot gives its snapshot through its AdminServer instead (z5Source.ts).
// Writes stop before the copy, not after it (zk-operations.md §6.3): a write after it is lost.
// The target is not the ensemble the model polls: its state comes from probes of its servers,
// the copy and the verify from what the commands recorded (RunbookEngine.record).
import path from 'node:path';
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { parseConnectString } from '../../zk/fourLetter.js';
import { fail, pass } from '../checks.js';
import { allStopped, describeStates, ensembleServing, leaderNodeCount, probeServers, serverKeys, type ServerState } from '../targetProbe.js';
import type { CheckResult, RunbookDef, StepContext } from '../types.js';
import { preflightCheck } from './z1RollingUpgrade.js';
import { adminSteps, chooseSource, diskSteps, since, validateAdmin } from './z5Source.js';

const DEFAULT_ARCHIVE = 'data.tar.gz';

/** Servers of the source: the committed config's members in view, else every server polled. */
function sourceKeys(snapshot: EnsembleSnapshot): string[] {
  const members = snapshot.nodes.filter((n) => n.configRole !== null);
  return (members.length > 0 ? members : snapshot.nodes).map((n) => n.key);
}

function validateTarget(value: string, snapshot: EnsembleSnapshot): string | null {
  let keys: string[];
  try {
    if (parseConnectString(value).chroot !== null) return 'give the target servers without a chroot (the whole tree is restored)';
    keys = serverKeys(value);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (keys.length === 0) return 'no server given (host:port[,host:port…])';
  const source = new Set(snapshot.nodes.map((n) => n.key));
  const shared = keys.find((k) => source.has(k));
  if (shared) return `${shared} is a server of this (source) ensemble: restoring into it would overwrite the source`;
  return null;
}

/** `[where:]path` of a verify argument: where = connect string (or profile), null = this session. */
function endpoint(text: string): { where: string | null; path: string } {
  if (text.startsWith('/')) return { where: null, path: text };
  const at = text.lastIndexOf(':/');
  return at <= 0 ? { where: text, path: '' } : { where: text.slice(0, at), path: text.slice(at + 1) };
}

/** Did this `verify` line compare the source's / with the target's /? Null: yes; else why not. */
export function verifyMismatch(line: string, sourceServers: readonly string[], targetServers: readonly string[], session: string): string | null {
  const tokens = line.trim().split(/\s+/).slice(1);
  const positionals: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (['-l', '-w', '--limit', '--window'].includes(t)) i += 1;
    else if (!t.startsWith('-')) positionals.push(t);
  }
  if (positionals.length !== 2) return `not a verify SRC DST line: ${line}`;
  const [src, dst] = positionals.map(endpoint) as [ReturnType<typeof endpoint>, ReturnType<typeof endpoint>];
  if (src.path !== '/' || dst.path !== '/') return 'compare the whole tree: verify / TARGET:/';
  const within = (where: string | null, servers: readonly string[]): boolean => {
    try {
      const keys = serverKeys(where ?? session);
      return keys.length > 0 && keys.every((k) => servers.includes(k));
    } catch {
      return false; // a profile name: not checkable here
    }
  };
  if (!within(src.where, sourceServers)) return `its source ${src.where ?? session} is not the source ensemble`;
  if (!within(dst.where, targetServers)) return `its target ${dst.where ?? session} is not the target ensemble (give it as a connect string)`;
  return null;
}

export const z5SnapshotMigration: RunbookDef = {
  id: 'Z5',
  title: 'Offline migration by snapshot',
  source: 'seed 002',
  params: [
    { name: 'target', description: 'the target ensemble, host:port[,host:port…] (stopped and restored by this runbook)', kind: 'text', required: true, validate: validateTarget },
    { name: 'dataDir', description: "the source server's dataDir (default: from conf of the server with the highest zxid)", kind: 'path', required: false },
    { name: 'targetDataDir', description: "the target servers' dataDir, to fill in the restore line", kind: 'path', required: false },
    { name: 'archive', description: `the archive to write (default ${DEFAULT_ARCHIVE})`, kind: 'path', required: false },
    {
      name: 'admin',
      description: "take the snapshot through the source's AdminServer (3.9+, no shell on the source needed): its port (admin=8080) or HOST:PORT",
      kind: 'text',
      required: false,
      validate: validateAdmin,
    },
  ],
  prepare(params, snapshot) {
    return { ...params, source: sourceKeys(snapshot).join(','), ...chooseSource(params, snapshot) };
  },
  steps(params) {
    const target = params.target!;
    const targetServers = serverKeys(target);
    const sourceServers = (params.source ?? '').split(',').filter((s) => s !== '');
    const dataDirArg = params.dataDir ? ` ${params.dataDir}` : '';
    const archive = params.archive || DEFAULT_ARCHIVE;
    const probeTarget = (c: StepContext) => c.probe<ServerState[]>('target', () => probeServers(target));
    const packed = (c: StepContext) => (c.recorded[params.via === 'admin' ? 'snapshot.fetch' : 'snapshot.pack']?.data?.archive as string | undefined) ?? archive;
    return [
      {
        id: 'preflight',
        title: 'preflight: the source serves, one leader, zxids equal',
        why: 'Copy from a healthy ensemble; the copy comes from its most advanced server (the leader when all are equal).',
        check: preflightCheck,
      },
      ...(params.via === 'admin' ? adminSteps(params.admin!, archive) : diskSteps(dataDirArg, archive)),
      {
        id: 'stop-target',
        title: `stop every target server (${target})`,
        why: 'A running server keeps its own data and rewrites its files: restore only into stopped servers.',
        instructions: () => ['on each target host: sudo systemctl stop zookeeper (or zkServer.sh stop)'],
        check: (c) => allStopped(probeTarget(c)),
      },
      {
        id: 'restore',
        title: (c) => `restore ${path.basename(packed(c))} into the dataDir of every target server`,
        why: 'Every target server gets the same data: a restored one beside empty ones could lose an election to an empty tree (trap 6).',
        commands: (c) => (params.targetDataDir ? [`snapshot restore ${packed(c)} ${params.targetDataDir}`] : []),
        instructions: (c) => [
          `copy ${packed(c)} to each target host (scp), then there: zkpilot snapshot restore ${path.basename(packed(c))} DATADIR`,
          `or by hand: tar -xzf ${path.basename(packed(c))} -C DATADIR, into an empty version-2 (move the old one aside)`,
        ],
        guard: (c) => {
          const states = probeTarget(c);
          const up = states?.filter((s) => s.state !== 'down') ?? [];
          return up.length > 0 ? `target server ${describeStates(up)}: stop it before restoring` : null;
        },
      },
      {
        id: 'start-target',
        title: `start every target server (${target})`,
        why: 'It loads the snapshot and replays the logs; the target keeps its own membership (zk-operations.md §6.3).',
        instructions: () => ['on each target host: sudo systemctl start zookeeper (or zkServer.sh start)'],
        check: (c) => ensembleServing(probeTarget(c)),
      },
      {
        id: 'verify',
        title: 'verify: znode count and tree of the target equal the source',
        why: 'Equal trees prove nothing was lost; a target missing the latest writes got the snapshot without its logs (trap 7).',
        commands: () => [`verify / ${target}:/`],
        check: (c) => verifyCheck(c, target, sourceServers, targetServers),
      },
      {
        id: 'move-clients',
        title: `point the clients at ${target} and resume writes`,
        why: 'The target holds the data now; the source stays as it was until it is retired.',
      },
    ];
  },
};

function verifyCheck(c: StepContext, target: string, sourceServers: readonly string[], targetServers: readonly string[]): CheckResult {
  const both = c.probe('counts', () => Promise.all([probeServers(sourceServers.join(',')), probeServers(target)]));
  const counts = both ? [leaderNodeCount(both[0]), leaderNodeCount(both[1])] : null;
  const countText = counts ? `znode count source ${counts[0] ?? '?'}, target ${counts[1] ?? '?'}` : 'counting znodes (srvr)…';
  const countsEqual = counts !== null && counts[0] !== null && counts[0] === counts[1];
  const fact = since(c, 'command:verify');
  if (!fact) return fail(`${countText}; no verify in this step yet`);
  const mismatch = verifyMismatch(fact.text, sourceServers, targetServers, c.facts.connectString);
  if (mismatch) return fail(`${countText}; the last verify does not count: ${mismatch}`);
  if (!fact.ok) {
    const verdict = fact.data?.exitCode === 1 ? 'DIFFERENT' : `no verdict (exit ${fact.data?.exitCode ?? '?'})`;
    return fail(`${countText}; last verify: ${verdict} — restored without the logs after the snapshot? (trap 7)`);
  }
  if (!countsEqual) return fail(`verify EQUAL but ${countText} (ephemerals expire with their sessions: check again)`);
  return pass(`verify EQUAL; ${countText}`);
}
