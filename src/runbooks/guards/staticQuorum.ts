// Quorum arithmetic for static membership (reconfigEnabled=false). There is no committed config
// every server agrees on: each server votes and counts by its own zoo.cfg, and `/zookeeper/config`
// answers whatever file the session's server has. While a membership change is rolled out, a stop
// is safe only if every membership a serving server holds keeps a serving majority without the
// stopped one: the leader counts by its own list, and the next election runs on everyone's.
import { DEAD_ROLES, type EnsembleSnapshot, type NodeView } from '../../ensemble/types.js';

/** Servers that answer `Mode: leader|follower` (a non-voting follower may vote in another list). */
const SERVING = new Set(['leader', 'follower', 'non-voting']);

/** `conf` says `version=0` when membership is static (reconfigEnabled=false): nothing rewrites zoo.cfg. */
export function staticMembership(n: NodeView | null): boolean {
  return n?.configVersion === '0';
}

/** True when the leader (else any serving server) reports static membership. */
export function isStaticEnsemble(s: EnsembleSnapshot): boolean {
  const leader = s.nodes.find((n) => n.role === 'leader');
  if (leader?.configVersion != null) return staticMembership(leader);
  return s.nodes.some((n) => SERVING.has(n.role) && staticMembership(n));
}

/** Participant ids a server's own `conf` lists; null when unknown. */
export function ownMemberIds(n: NodeView | null): number[] | null {
  if (!n?.membership) return null;
  return n.membership.filter((x) => x.role === 'participant').map((x) => x.id).sort((a, b) => a - b);
}

export function servingIds(s: EnsembleSnapshot): Set<number> {
  return new Set(s.nodes.filter((n) => n.id !== null && SERVING.has(n.role)).map((n) => n.id!));
}

interface View {
  ids: number[];
  holder: string;
}

/** Every distinct membership held by a serving server other than `except` (the committed one when none is known). */
function viewsHeld(s: EnsembleSnapshot, except: number): View[] {
  const views = new Map<string, View>();
  for (const n of s.nodes) {
    if (n.id === except || !SERVING.has(n.role)) continue;
    const ids = ownMemberIds(n);
    if (ids && !views.has(ids.join(','))) views.set(ids.join(','), { ids, holder: `server.${n.id}'s zoo.cfg` });
  }
  if (views.size === 0 && s.committed) {
    const ids = s.committed.servers.filter((x) => x.role === 'participant').map((x) => x.id).sort((a, b) => a - b);
    views.set(ids.join(','), { ids, holder: 'the config' });
  }
  return [...views.values()];
}

/** One line why stopping `id` would leave some membership without a serving majority, or null. */
export function staticStopRefusal(s: EnsembleSnapshot, action: string, id: number): string | null {
  const n = s.nodes.find((x) => x.id === id) ?? null;
  if (n === null || DEAD_ROLES.has(n.role)) return null;
  const up = servingIds(s);
  for (const view of viewsHeld(s, id)) {
    if (!view.ids.includes(id)) continue;
    const left = view.ids.filter((x) => x !== id && up.has(x)).length;
    const need = Math.floor(view.ids.length / 2) + 1;
    if (left < need) {
      return `${action} of server.${id} would leave ${left} of the ${view.ids.length} voters in ${view.holder} (${view.ids.join(',')}) serving, fewer than a majority (${need})`;
    }
  }
  return null;
}
