// Membership when no server says it: 3.4 has no /zookeeper/config and its `conf` lists no
// `membership:` block (OBSERVED 3.4.13: serverId, quorumPort, electionPort, peerType and
// clientPort only). The members are then
//  - the lines `node config` wrote for the leader, once the leader was seen restarting after
//    the write (a zoo.cfg takes effect at the next start), else
//  - the servers the console was pointed at (the connect string: `-server` or the profile's),
//    each described by its own `conf`; a server that answered once stays a member while it is in
//    the connect string (one down at the moment is still a voter).
// Spares and new servers belong in watchHosts, not in the connect string: they are not members.
import type { ServerSpec } from '../zk/dynamicConfig.js';
import { ownSpec, type ParsedSample } from './nodeView.js';
import { targetKey } from './targets.js';
import { DEAD_ROLES, type CommittedConfig, type NodeRole, type PollTarget } from './types.js';

export const FROM_CONNECT_STRING = "the connect string's servers";
export const FROM_NODE_CONFIG = 'node config';

interface Noted {
  specs: ServerSpec[];
  /** Written but the server has not restarted since: it still runs its old list. */
  pending: boolean;
}

/** Without a membership block, a serving server that names its own id (0 = standalone). */
function lacksMembership(p: ParsedSample | undefined): boolean {
  return p?.srvr !== null && p?.srvr !== undefined && p.conf !== null && p.conf.membership === null && (p.conf.serverId ?? 0) > 0;
}

export class StaticMembership {
  private readonly members = new Map<number, ServerSpec>();
  private readonly noted = new Map<number, Noted>();

  /** `node config ID …` wrote these lines into server `id`'s zoo.cfg. */
  note(id: number, specs: readonly ServerSpec[]): void {
    this.noted.set(id, { specs: [...specs].sort((a, b) => a.id - b.id), pending: true });
  }

  /** A server seen down or not serving after its lines were written has restarted with them. */
  observe(roles: ReadonlyMap<number, NodeRole>): void {
    for (const [id, entry] of this.noted) {
      const role = roles.get(id);
      if (entry.pending && role !== undefined && (DEAD_ROLES.has(role) || role === 'not-serving')) entry.pending = false;
    }
  }

  /** The lines in force for `id`, when `node config` wrote them and it restarted since. */
  linesOf(id: number | null): ServerSpec[] | null {
    const entry = id === null ? undefined : this.noted.get(id);
    return entry && !entry.pending ? entry.specs : null;
  }

  reset(): void {
    this.members.clear();
    this.noted.clear();
  }

  /**
   * Null when some server states its membership (3.5+), or before any server answered `conf`
   * without one. Once known, it outlives a round in which nobody serves (a lost quorum).
   */
  derive(targets: readonly PollTarget[], parsed: ReadonlyMap<string, ParsedSample>, at: number, knownId: (key: string) => number | null): CommittedConfig | null {
    const samples = targets.map((t) => parsed.get(t.key));
    if (samples.some((p) => p?.conf?.membership)) return null;
    // A server back from a restart answers srvr first; its id is the one it had.
    const leader = targets.find((t) => parsed.get(t.key)?.srvr?.mode === 'leader');
    const leaderId = leader ? (parsed.get(leader.key)?.conf?.serverId ?? knownId(leader.key)) : null;
    const written = this.linesOf(leaderId);
    if (written) return { version: null, servers: written, source: 'static', origin: FROM_NODE_CONFIG, at };
    const inConnect = new Set(targets.filter((t) => t.sources.includes('connect')).map((t) => t.key));
    for (const t of targets) {
      const p = parsed.get(t.key);
      if (!inConnect.has(t.key) || !lacksMembership(p)) continue;
      const spec = ownSpec(p!.conf!, t.host);
      if (spec) this.members.set(spec.id, spec);
    }
    for (const [id, spec] of this.members) {
      if (spec.clientPort !== null && !inConnect.has(targetKey(spec.host, spec.clientPort))) this.members.delete(id);
    }
    if (this.members.size === 0) return null;
    const servers = [...this.members.values()].sort((a, b) => a.id - b.id);
    return { version: null, servers, source: 'static', origin: FROM_CONNECT_STRING, at };
  }
}
