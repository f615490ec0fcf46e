// Guards for `reconfig` that need no runbook: joiners must be synced non-voting followers (trap 2),
// the new config must keep a majority of synced voters, and the leader goes last, on its own.
import type { EnsembleSnapshot, NodeView } from '../../ensemble/types.js';
import { parseServerLine, serverSpecToClientAddress } from '../../zk/dynamicConfig.js';
import { leaderOf } from '../checks.js';
import type { GuardRequest } from '../types.js';

export type ReconfigRequest = Extract<GuardRequest, { kind: 'reconfig' }> & { members: number[] | null };

/** Reads `reconfig` tokens (without the command name); null when it is not a change we judge. */
export function parseReconfigTokens(tokens: readonly string[]): ReconfigRequest | null {
  const value = (flag: string): string | null => {
    const i = tokens.indexOf(flag);
    return i >= 0 ? (tokens[i + 1] ?? null) : null;
  };
  const add: ReconfigRequest['add'] = [];
  const addText = value('-add');
  try {
    for (const line of addText ? addText.split(',') : []) {
      const spec = parseServerLine(line.includes('=') ? line : `server.${line}`);
      add.push({ id: spec.id, line, clientAddress: serverSpecToClientAddress(spec, { useQuorumHostForWildcard: true }), role: spec.role });
    }
  } catch {
    return null; // bad syntax: reconfig itself says so in zkCli's words
  }
  const remove = (value('-remove') ?? '').split(',').filter((t) => t.trim() !== '').map((t) => Number(t.replace(/^server\./, '')));
  const membersText = value('-members');
  let members: number[] | null = null;
  if (membersText) {
    try {
      members = membersText.split(',').map((l) => parseServerLine(l).id);
    } catch {
      return null;
    }
  }
  if (add.length === 0 && remove.length === 0 && members === null) return null;
  return { kind: 'reconfig', add, remove, members };
}

function findNode(s: EnsembleSnapshot, id: number, clientAddress: string | null): NodeView | null {
  return s.nodes.find((n) => n.id === id) ?? (clientAddress ? (s.nodes.find((n) => n.key === clientAddress.toLowerCase()) ?? null) : null);
}

function synced(n: NodeView | null): boolean {
  if (!n) return false;
  if (n.role === 'leader') return true;
  if (!['follower', 'non-voting', 'observer'].includes(n.role)) return false;
  return n.lag?.kind === 'txns' ? n.lag.behind === 0 : n.lag?.kind === 'not-comparable';
}

export function reconfigGuard(s: EnsembleSnapshot, req: ReconfigRequest): string | null {
  const committed = s.committed?.servers ?? [];
  // Trap 2: a participant that is not running can commit and silently lower fault tolerance.
  for (const a of req.add) {
    const n = findNode(s, a.id, a.clientAddress);
    const member = committed.find((x) => x.id === a.id);
    if (member) continue; // a role change of a member (observer → participant) is judged below
    if (!n || !['non-voting', 'follower'].includes(n.role)) {
      return `server.${a.id} is ${n ? n.role : 'not in view'}: add only a running, synced non-voting follower (trap 2)`;
    }
    if (!synced(n)) return `server.${a.id} has not caught up with the leader yet (${n.zxid?.hex ?? '?'}): wait, then add (trap 2)`;
  }
  const participants = new Set(committed.filter((x) => x.role === 'participant').map((x) => x.id));
  let next: Set<number>;
  if (req.members) next = new Set(req.members);
  else {
    next = new Set([...participants].filter((id) => !req.remove.includes(id)));
    for (const a of req.add) if (a.role === 'participant') next.add(a.id);
  }
  const need = Math.floor(next.size / 2) + 1;
  const syncedVoters = [...next].filter((id) => synced(findNode(s, id, req.add.find((a) => a.id === id)?.clientAddress ?? null)));
  if (syncedVoters.length < need) {
    return `the new config would have ${syncedVoters.length} synced voters of ${next.size}, fewer than a majority (${need})`;
  }
  const leader = leaderOf(s);
  if (leader?.id !== null && leader?.id !== undefined && req.remove.includes(leader.id) && req.remove.length > 1) {
    return `removes the leader server.${leader.id} together with others: remove the other servers first, the leader last on its own`;
  }
  return null;
}
