// The snapshot as stable JSON (`ensemble --json`, recordings, scripts): plain values, zxids as
// hex plus epoch/counter, config members as their `server.N=` lines.
import { formatServerSpec } from '../zk/dynamicConfig.js';
import type { EnsembleSnapshot } from './types.js';

export function snapshotToJson(s: EnsembleSnapshot): unknown {
  return {
    round: s.round,
    at: new Date(s.at).toISOString(),
    pollIntervalMs: s.pollIntervalMs,
    timeoutMs: s.timeoutMs,
    health: s.health,
    committed: s.committed && {
      version: s.committed.version,
      source: s.committed.source,
      servers: s.committed.servers.map(formatServerSpec),
    },
    session: s.session,
    nodes: s.nodes.map((n) => ({
      id: n.id,
      address: n.key,
      sources: n.sources,
      configRole: n.configRole,
      voter: n.voter,
      role: n.role,
      since: new Date(n.roleSince).toISOString(),
      detail: n.detail,
      zxid: n.zxid && { hex: n.zxid.hex, epoch: n.zxid.epoch, counter: n.zxid.counter },
      lag: n.lag,
      version: n.version,
      configVersion: n.configVersion,
      configOk: n.configOk,
      latency: n.latency,
      outstanding: n.outstanding,
      znodes: n.znodes,
      connections: n.connections,
      peerState: n.peerState,
      allowed: n.allowed,
      polledAt: n.polledAt === null ? null : new Date(n.polledAt).toISOString(),
      elapsedMs: n.elapsedMs,
      marker: n.marker,
    })),
  };
}
