// Guards for node actions (start / stop / restart / upgrade / wipe / config), shared by the `node` command
// (hand-typed or suggested by a checklist). One line why, or null when the action is safe.
import { DEAD_ROLES, type EnsembleSnapshot, type NodeView } from '../../ensemble/types.js';
import { nodeById } from '../checks.js';
import { isStaticEnsemble, staticMembership, staticStopRefusal } from './staticQuorum.js';

export type NodeAction = 'start' | 'stop' | 'restart' | 'status' | 'wipe' | 'config' | 'upgrade';

export interface NodeGuardVerdict {
  /** Refused unless forced. */
  refuse: string | null;
  /** Said, recorded, and the action proceeds. */
  warn: string | null;
}

const UP = new Set(['leader', 'follower']);

/** `members`: for `config`, the ids of the server lines to write. */
export function nodeActionGuard(s: EnsembleSnapshot, action: NodeAction, id: number, members: readonly number[] = []): NodeGuardVerdict {
  const n = nodeById(s, id);
  const h = s.health;
  if (action === 'status') return { refuse: null, warn: null };
  if (action === 'config') return configGuard(n, id, members);
  // An upgrade is a restart on another build: the same quorum must hold while the server is down.
  if (action === 'upgrade') {
    const verdict = nodeActionGuard(s, 'restart', id);
    return { refuse: verdict.refuse?.replace(/^restart /, 'upgrade ') ?? null, warn: verdict.warn };
  }
  if (action === 'stop' || action === 'restart') {
    // Static membership: the committed config is only the session server's zoo.cfg; judge by
    // every list a serving server holds (staticQuorum.ts).
    const isStatic = isStaticEnsemble(s);
    const staticRefusal = isStatic ? staticStopRefusal(s, action, id) : null;
    if (staticRefusal) return { refuse: staticRefusal, warn: null };
    if (n && n.voter && UP.has(n.role)) {
      const left = h.votersUp - 1;
      if (!isStatic && left < h.quorumSize) {
        return { refuse: `${action} of server.${id} would leave ${left} of ${h.votersTotal} voters serving, fewer than the quorum of ${h.quorumSize}`, warn: null };
      }
      // Another voter still catching up would make the quorum rest on a server without the data.
      const behind = s.nodes.find((o) => o.voter && o.id !== id && o.role === 'follower' && o.lag?.kind === 'txns' && o.lag.behind > 0);
      if (behind) return { refuse: `server.${behind.id} is still catching up (behind by ${(behind.lag as { behind: number }).behind}): wait before taking server.${id} down`, warn: null };
    }
    // Trap 4: a joiner before `reconfig -add`, or a removed server, cannot boot again (dynamic
    // membership only: with static configs nothing rewrote its zoo.cfg).
    if (action === 'restart' && n && n.role === 'non-voting' && !staticMembership(n)) {
      return { refuse: `server.${id} is a non-voting follower: restarted now it dies with "My id ${id} not in the peer list" (restore its initial config first)`, warn: null };
    }
    return { refuse: null, warn: null };
  }
  if (action === 'start') {
    if (n && !DEAD_ROLES.has(n.role) && n.role !== 'unknown') return { refuse: `server.${id} is already running (${n.role})`, warn: null };
    const member = (s.committed?.servers ?? []).some((x) => x.id === id);
    // Static membership: a server outside the list it is judged by boots from its own zoo.cfg.
    if (!member && !isStaticEnsemble(s)) {
      return { refuse: null, warn: `server.${id} is not in the committed config: if it joined before and was never added (or was removed), it dies with "My id ${id} not in the peer list" (trap 4)` };
    }
    return { refuse: null, warn: null };
  }
  // wipe (trap 6): one server at a time, only while a quorum with data serves without it.
  if (n && !DEAD_ROLES.has(n.role) && n.role !== 'unknown') return { refuse: `server.${id} is running: stop it before wiping its version-2`, warn: null };
  const dataVotersUp = s.nodes.filter((o) => o.voter && o.id !== id && UP.has(o.role)).length;
  if (!h.quorumServing || dataVotersUp < h.quorumSize) {
    return { refuse: `wiping server.${id} now could let empty servers elect an empty tree: only ${dataVotersUp} voters with data serve, quorum ${h.quorumSize} (trap 6)`, warn: null };
  }
  const notUp = s.nodes.filter((o) => o.voter && o.id !== id && !UP.has(o.role));
  if (notUp.length > 0) {
    return { refuse: `server.${notUp[0]!.id} is ${notUp[0]!.role}: the quorum rests on the ${dataVotersUp} serving voters without a spare; clean one server at a time, only while every other voter serves (trap 6)`, warn: null };
  }
  return { refuse: null, warn: 'start it with -Dzookeeper.db.autocreate=false so it cannot lead with an empty tree (trap 6)' };
}

function configGuard(n: NodeView | null, id: number, members: readonly number[]): NodeGuardVerdict {
  const twice = members.find((m, i) => members.indexOf(m) !== i);
  if (twice !== undefined) return { refuse: `server.${twice} is given twice`, warn: null };
  if (!members.includes(id)) {
    return { refuse: `the membership does not list server.${id} itself: it would die at start with "My id ${id} not in the peer list"`, warn: null };
  }
  const running = n !== null && !DEAD_ROLES.has(n.role) && n.role !== 'unknown';
  return { refuse: null, warn: running ? `server.${id} is running: the new membership takes effect when it restarts` : null };
}
