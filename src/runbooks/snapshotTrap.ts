// The 3.4 → 3.5+ upgrade trap (ZOOKEEPER-3056): a 3.4 data dir with transaction logs and no
// snapshot makes 3.5+ refuse to start ("java.io.IOException: No snapshot found, but there are log
// entries. Something is broken!"). On a real 3.4.13 ensemble the leader writes no snapshot when it
// starts and a follower synced by DIFF writes none either; only a SNAP sync or snapCount writes
// leave one. Each server's dataDir comes from its `conf` (3.4 allows every four-letter word by
// default), as `snapshot pick` finds it, and is read where zkpilot runs. Fixes tried on a 3.4.13 →
// 3.8.0 sandbox: a peer's snapshot copied in (loaded, then this server's own logs replayed), an
// emptied version-2 started on the new version (a full snapshot from the leader), and snapCount=2
// on 3.4 with a restart and two writes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { NodeView } from '../ensemble/types.js';
import { isLocalHost } from '../snapshots/localHost.js';
import { NoSnapshotError, selectSnapshot } from '../snapshots/selection.js';
import { listDataDir, parseZxidFileName, SnapshotDirError, VERSION_DIR } from '../snapshots/zxidFiles.js';
import { fourLetterWord, parseConf } from '../zk/fourLetter.js';
import { isDead, name } from './checks.js';
import type { StepContext } from './types.js';

export const TRAP_MESSAGE = 'No snapshot found, but there are log entries';

export interface DataDirState {
  /** The version-2 directory read. */
  dir: string;
  /** The newest complete snapshot, or null. */
  snapshot: string | null;
  logs: number;
  /** Why it could not be read, or null. */
  error: string | null;
}

/** The dataDir a server's `conf` names (its version-2), or null when it did not say. */
export async function confDataDir(host: string, port: number): Promise<string | null> {
  const reply = await fourLetterWord(host, port, 'conf', { timeoutMs: 3000 });
  return reply.kind === 'ok' ? (parseConf(reply.text).settings['dataDir'] ?? null) : null;
}

export async function inspectDataDir(dir: string): Promise<DataDirState> {
  try {
    const listing = await listDataDir(dir);
    const snapshot = await selectSnapshot(listing).then((s) => s.snapshot.name, (e: unknown) => {
      if (e instanceof NoSnapshotError) return null;
      throw e;
    });
    return { dir: listing.snapDir, snapshot, logs: listing.logs.length, error: null };
  } catch (e) {
    // A wiped data dir has no version-2 at all: nothing there to refuse.
    if (e instanceof SnapshotDirError && /no version-2 directory|no such directory/.test(e.message)) return { dir, snapshot: null, logs: 0, error: null };
    return { dir, snapshot: null, logs: 0, error: e instanceof Error ? e.message : String(e) };
  }
}

/** True when a start on 3.5+ would fail: logs there, no snapshot (a quick look, for guards). */
export function trapPresentSync(dir: string): boolean | null {
  try {
    const v2 = path.basename(dir) === VERSION_DIR ? dir : path.join(dir, VERSION_DIR);
    const files = readdirSync(v2).map(parseZxidFileName).filter((f) => f !== null);
    return files.some((f) => f.kind === 'log') && !files.some((f) => f.kind === 'snapshot');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? false : null;
  }
}

/** A server's dataDir: remembered once its `conf` said it (it cannot say while stopped). */
export function dataDirOf(c: StepContext, n: NodeView): string | null {
  const key = `trap.dataDir.${n.id}`;
  const known = c.memory[key] as string | undefined;
  if (known) return known;
  if (isDead(n) || c.preview) return null;
  const dir = c.probe(`conf.${n.id}`, () => confDataDir(n.host, n.port), 30_000);
  if (dir) c.memory[key] = dir;
  return dir;
}

/** The data dir as last read (local servers only), or null while it is being read. */
export function dataDirState(c: StepContext, n: NodeView): DataDirState | null {
  const dir = dataDirOf(c, n);
  if (!dir || !isLocalHost(n.host)) return null;
  return c.probe(`datadir.${n.id}`, () => inspectDataDir(dir));
}

/** A local peer whose data dir holds a complete snapshot: the one to copy from. */
export function peerWithSnapshot(c: StepContext, t: NodeView): { node: NodeView; state: DataDirState } | null {
  for (const n of c.snapshot.nodes) {
    if (n.id === null || n.id === t.id || !isLocalHost(n.host)) continue;
    const state = dataDirState(c, n);
    if (state?.snapshot) return { node: n, state };
  }
  return null;
}

/** What to do about the trap, for the step's `do:` lines. */
export function trapFixes(c: StepContext, t: NodeView, dir: string | null, to: string): string[] {
  const here = dir ?? 'its dataDir/version-2';
  const peer = peerWithSnapshot(c, t);
  const copy = peer
    ? `copy ${name(peer.node)}'s snapshot in: cp ${path.join(peer.state.dir, peer.state.snapshot!)} ${here}/ (another host: scp)`
    : `copy the newest snapshot.* of a server that has one into ${here}/ (scp from its host)`;
  return [
    `${copy}: ZooKeeper ${to} loads it and replays this server's own logs after it`,
    `or empty it: node stop ${t.id}, node wipe ${t.id} (or move version-2 aside by hand), then the upgrade: it starts empty and takes a full snapshot from the leader — one server at a time, while the others serve (trap 6)`,
    `or on 3.4: snapCount=2 in its zoo.cfg, restart it, two writes: it writes a snapshot (take snapCount out again)`,
    'not snapshot.trust.empty=true: a server that trusts an empty snapshot can join with an empty database and lose data (ZOOKEEPER-3644)',
  ];
}
