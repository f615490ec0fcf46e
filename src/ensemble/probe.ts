// One look at a server outside the view (a joiner a hand-typed `reconfig -add` names by its
// client address): the same words, parsing and classification as a poll round, judged against
// the snapshot's committed config and leader, without adding the server to the panel.
import { computeLag } from './lag.js';
import { buildNodeView, parseSample } from './nodeView.js';
import { NodePoller, type FourLetterFn } from './poller.js';
import { targetKey } from './targets.js';
import type { EnsembleSnapshot, NodeView } from './types.js';

const PROBE_TIMEOUT_MS = 2000;

export interface ProbeOptions {
  host: string;
  port: number;
  snapshot: EnsembleSnapshot;
  /** The model's per-server poll deadline; a guard's look may take longer (at least 2 s). */
  pollTimeoutMs: number;
  fourLetter?: FourLetterFn;
  now?: () => number;
}

export async function probeServer(opts: ProbeOptions): Promise<NodeView> {
  const target = { key: targetKey(opts.host, opts.port), host: opts.host, port: opts.port, sources: ['extra' as const], spec: null };
  const poller = new NodePoller(target, opts.fourLetter);
  const sample = await poller.poll(Math.max(PROBE_TIMEOUT_MS, opts.pollTimeoutMs), opts.now, { mntr: true, conf: true });
  const parsed = sample ? parseSample(sample, null) : null;
  const view = buildNodeView({ target, parsed, allowed: poller.allowed, committed: opts.snapshot.committed, previous: null, marker: null });
  const leaders = opts.snapshot.nodes.filter((n) => n.role === 'leader');
  const leaderZxid = leaders.length === 1 ? leaders[0]!.zxid : null;
  // Probed after the snapshot's round: a synced joiner is at or past the leader's zxid seen then.
  return { ...view, lag: computeLag({ role: view.role, zxid: view.zxid, leaderZxid, peerState: view.peerState }) };
}
