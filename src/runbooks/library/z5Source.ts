// Z5's copy of the source, two ways: from the source server's disk (`snapshot pick`, writes stop,
// `snapshot pack`: the newest snapshot WITH its logs, trap 7), or, for a 3.9+ source whose hosts
// zkpilot has no shell on, taken by the server itself through its AdminServer (writes stop first,
// then `snapshot fetch`: the snapshot holds every write up to the moment it is taken).
import type { EnsembleSnapshot, NodeView } from '../../ensemble/types.js';
import { isLocalHost } from '../../snapshots/localHost.js';
import { fail, leaderOf, pass } from '../checks.js';
import type { CheckResult, RecordedFact, StepContext, StepDef } from '../types.js';
import { atLeast } from '../../zk/serverVersion.js';

export const DEFAULT_ADMIN_PORT = '8080';
const STOP_WRITES_HINT = 'stop every client that writes to the source; `4lw cons` lists the connections still open';

/** The source server the copy comes from: the newest epoch's leader, else the highest zxid (as `snapshot pick`). */
export function mostAdvanced(c: StepContext): NodeView | null {
  const serving = c.snapshot.nodes.filter((n) => n.zxid !== null && ['leader', 'follower', 'observer'].includes(n.role));
  serving.sort((a, b) => {
    if (a.zxid!.epoch !== b.zxid!.epoch) return b.zxid!.epoch - a.zxid!.epoch;
    if ((a.role === 'leader') !== (b.role === 'leader')) return a.role === 'leader' ? -1 : 1;
    const za = BigInt(a.zxid!.hex);
    const zb = BigInt(b.zxid!.hex);
    return za === zb ? 0 : za > zb ? -1 : 1;
  });
  return serving[0] ?? null;
}

/** A fact recorded since the current step began, or null. */
export function since(c: StepContext, name: string): RecordedFact | null {
  const fact = c.recorded[name];
  return fact && fact.at >= c.stepStartedAt ? fact : null;
}

/** Serving source servers that report a version below 3.9 (the AdminServer's snapshot is 3.9+). */
function before39(snapshot: EnsembleSnapshot): NodeView[] {
  return snapshot.nodes.filter((n) => n.configRole !== null && n.version !== null && atLeast(n.version, [3, 9, 0]) === false);
}

/** `admin=PORT` (every source server's) or `admin=HOST:PORT` (that one). */
export function validateAdmin(value: string, snapshot: EnsembleSnapshot): string | null {
  const port = /^(?:.+:)?(\d{1,5})$/.exec(value)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65535) return 'give the AdminServer port (admin=8080) or HOST:PORT (admin=zk1:8080)';
  const old = before39(snapshot)[0];
  if (old) return `server.${old.id} runs ZooKeeper ${old.version}: the AdminServer's snapshot command needs 3.9+ (leave admin out: the copy is read from the disk)`;
  return null;
}

/**
 * The way the copy is taken, fixed at start: through the AdminServer when asked (`admin=`), or when
 * every source server runs 3.9+, no dataDir was given and zkpilot runs on none of their hosts (no
 * shell there to read the files): then on the default port 8080.
 */
export function chooseSource(params: Record<string, string>, snapshot: EnsembleSnapshot): { via: 'disk' | 'admin'; admin?: string } {
  if (params.admin) return { via: 'admin', admin: params.admin };
  const members = snapshot.nodes.filter((n) => n.configRole !== null);
  const all39 = members.length > 0 && members.every((n) => atLeast(n.version, [3, 9, 0]) === true);
  if (all39 && !params.dataDir && !members.some((n) => isLocalHost(n.host))) return { via: 'admin', admin: DEFAULT_ADMIN_PORT };
  return { via: 'disk' };
}

export function adminAddress(admin: string, t: NodeView | null): string | null {
  if (admin.includes(':')) return admin;
  if (!t) return null;
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${admin}`;
}

/** The snapshot the fetch brought must hold the source leader's last write (as last polled); judged once per fetch. */
function fetchCheck(c: StepContext): CheckResult {
  const fact = since(c, 'snapshot.fetch');
  if (!fact) return fail('no `snapshot fetch` since writes stopped');
  if (!fact.ok) return fail(`the last fetch failed: ${fact.text}`);
  const key = `z5.fetch.${fact.at}`;
  if (c.memory[key] === undefined && !c.preview) {
    const leader = leaderOf(c.snapshot)?.zxid ?? null;
    const got = BigInt(String(fact.data?.zxid ?? '0x0'));
    c.memory[key] = leader === null || got >= BigInt(leader.hex) ? '' : leader.hex;
  }
  const behind = c.memory[key] as string | undefined;
  if (behind) {
    return fail(`the snapshot (${String(fact.data?.zxid)}) is older than the source leader's last write (${behind}): the writes after it would be lost (trap 7): fetch again from the leader`);
  }
  return pass(fact.text);
}

export function diskSteps(dataDirArg: string, archive: string): StepDef[] {
  return [
    {
      id: 'pick',
      marker: 'snapshot',
      title: (c, t) => `find the dataDir and newest snapshot of ${t ? `server.${t.id}` : 'the most advanced server'}`,
      why: 'The newest complete snapshot by zxid (not by name or mtime), and the logs from the last one starting at or before it.',
      target: mostAdvanced,
      commands: () => [`snapshot pick${dataDirArg}`],
      check: (c, t) => {
        const fact = since(c, 'snapshot.pick');
        if (fact?.ok) return pass(fact.text);
        // No shell on a 3.9+ source: its AdminServer can take the snapshot instead.
        const offer = t && atLeast(t.version, [3, 9, 0]) && !isLocalHost(t.host) ? `; no shell on ${t.host}? runbook start Z5 … admin=PORT takes it through its AdminServer (3.9+)` : '';
        return fail(`no \`snapshot pick\` in this step yet${offer}`);
      },
    },
    {
      id: 'stop-writes',
      title: 'stop writes to the source (maintenance window)',
      why: 'Every write after the pack is lost on the target: writers stop first, then the pack is taken.',
      instructions: () => [STOP_WRITES_HINT],
    },
    {
      id: 'pack',
      marker: 'pack',
      title: `pack the newest snapshot WITH its logs as ${archive}`,
      why: 'A snapshot alone loses every transaction after its zxid (trap 7): the logs from the last one starting at or before it go along.',
      target: mostAdvanced,
      commands: () => [`snapshot pack${dataDirArg} -o ${archive}`],
      check: (c) => {
        const fact = since(c, 'snapshot.pack');
        return fact?.ok ? pass(fact.text) : fail('no `snapshot pack` since writes stopped');
      },
    },
  ];
}

export function adminSteps(admin: string, archive: string): StepDef[] {
  return [
    {
      id: 'stop-writes',
      title: 'stop writes to the source (maintenance window)',
      why: 'The server snapshots what it holds when asked: every write after the fetch is lost on the target, so writers stop first.',
      instructions: () => [STOP_WRITES_HINT],
    },
    {
      id: 'fetch',
      marker: 'fetch',
      title: (c, t) => `take a snapshot on ${t ? `server.${t.id}` : 'the most advanced server'} through its AdminServer (${adminAddress(admin, t) ?? `port ${admin}`})`,
      why: 'No shell on the source needed: ZooKeeper 3.9+ writes the snapshot and streams it (GET /commands/snapshot, digest-authenticated, rate-limited); it is saved as `snapshot pack` saves one.',
      target: mostAdvanced,
      commands: (_c, t) => {
        const address = adminAddress(admin, t);
        return address ? [`snapshot fetch ${address} -o ${archive}`] : [];
      },
      instructions: () => ['needs admin.enableServer on the source (admin.serverPort), admin.snapshot.enabled (default true), and a digest user with ALL on / (the super digest does)'],
      guard: (c) => (c.facts.digestAuth ? null : 'addauth digest USER:PASSWORD first: the AdminServer authenticates the snapshot command (the password is never shown or recorded)'),
      check: fetchCheck,
    },
  ];
}
