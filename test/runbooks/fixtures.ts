// Ensemble snapshots for the runbooks' pure tests, built the way the model builds them from real
// 3.8.0 replies (a `version=0` config is what a static-membership server answers).
import { computeHealth } from '../../src/ensemble/health.js';
import type { CommittedConfig, EnsembleSnapshot, NodeView } from '../../src/ensemble/types.js';
import type { ModelPort } from '../../src/runbooks/engine.js';
import { parseServerLine, type ServerSpec } from '../../src/zk/dynamicConfig.js';

export const spec = (id: number): ServerSpec => parseServerLine(`server.${id}=127.0.0.1:2${id}881:2${id}882:participant;127.0.0.1:2${id}181`);
export const list = (...ids: number[]) => ids.map(spec);

export function view(id: number, role: NodeView['role'], membership: ServerSpec[] | null, voter = true): NodeView {
  return {
    key: `127.0.0.1:2${id}181`, host: '127.0.0.1', port: Number(`2${id}181`), id, sources: ['config'], configRole: voter ? 'participant' : null, voter,
    role, roleSince: 0, detail: null, zxid: null, lag: null, version: '3.8.0', configVersion: membership ? '0' : null, configOk: true,
    latency: null, outstanding: 0, znodes: 5, connections: 1, peerState: null, allowed: { srvr: 'yes', mntr: 'yes', conf: 'yes' },
    polledAt: 0, elapsedMs: 1, marker: null, membership,
  };
}

export function snap(nodes: NodeView[], committedIds = [1, 2, 3]): EnsembleSnapshot {
  const committed: CommittedConfig = { version: '0', servers: list(...committedIds), source: 'session', at: 0 };
  return { round: 1, at: 0, pollIntervalMs: 1000, timeoutMs: 600, nodes, committed, health: computeHealth(nodes, committed, null), session: null };
}

/** A model that always shows `snapshot` and ignores markers: for engine tests without servers. */
export function fixedModel(snapshot: EnsembleSnapshot): ModelPort {
  return {
    getSnapshot: () => snapshot,
    subscribe: () => () => undefined,
    setMarker: () => undefined,
    clearMarkers: () => undefined,
    refresh: async () => snapshot,
  };
}
