// Guards for `reconfig` that need no runbook: joiners must be synced non-voting followers (trap 2),
// the new config must keep a majority of synced voters, and the leader goes last, on its own.
// They judge what the command names: a joiner outside the view is looked at through its spec's
// client address.
import type { EnsembleSnapshot, NodeView } from '../../ensemble/types.js';
import { parseServerLine, serverSpecToClientAddress } from '../../zk/dynamicConfig.js';
import { parseHostPort } from '../../zk/fourLetter.js';
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

/** The server in view at a client address, whatever id it has. */
function atAddress(s: EnsembleSnapshot, clientAddress: string | null): NodeView | null {
  return clientAddress ? (s.nodes.find((n) => n.key === clientAddress.toLowerCase()) ?? null) : null;
}

/** By id, else by address, but never another server that answers there under its own id. */
function findNode(s: EnsembleSnapshot, id: number, clientAddress: string | null): NodeView | null {
  const byId = s.nodes.find((n) => n.id === id);
  if (byId) return byId;
  const there = atAddress(s, clientAddress);
  return there && (there.id === null || there.id === id) ? there : null;
}

const otherServer = (key: string, id: number, wanted: number): string => `${key} answers as server.${id}, not server.${wanted}: check the client address in the spec`;

function synced(n: NodeView | null): boolean {
  if (!n) return false;
  if (n.role === 'leader') return true;
  if (!['follower', 'non-voting', 'observer'].includes(n.role)) return false;
  return n.lag?.kind === 'txns' ? n.lag.behind === 0 : n.lag?.kind === 'not-comparable';
}

/** Looks at a server outside the view by its client address (the live model's probe). */
export type ServerProbe = (host: string, port: number) => Promise<NodeView>;

/**
 * Joiners the view does not hold are looked at through the client address their spec names, so
 * they are judged like any joiner (the view knows only the connect string, the committed config
 * and watchHosts). Returns the snapshot with them added, or one line when a joiner cannot be
 * looked at: its spec has no client address, or another server answers there.
 */
export async function withProbedJoiners(s: EnsembleSnapshot, req: ReconfigRequest, probe: ServerProbe): Promise<{ snapshot: EnsembleSnapshot; probed: Set<string>; refusal: string | null }> {
  const committed = new Set((s.committed?.servers ?? []).map((x) => x.id));
  const extra: NodeView[] = [];
  for (const a of req.add) {
    if (committed.has(a.id)) continue;
    const there = atAddress(s, a.clientAddress);
    if (there?.id != null && there.id !== a.id) return { snapshot: s, probed: new Set(), refusal: otherServer(there.key, there.id, a.id) };
    if (findNode(s, a.id, a.clientAddress)) continue;
    if (a.clientAddress === null) {
      const spec = `server.${a.id}=${a.line.slice(a.line.indexOf('=') + 1)}`;
      return { snapshot: s, probed: new Set(), refusal: `server.${a.id} is not in view and its spec names no client address to check it at: add it (${spec};host:clientPort), or add host:clientPort to the profile's watchHosts (trap 2)` };
    }
    const { host, port } = parseHostPort(a.clientAddress);
    const view = await probe(host, port);
    const ownId = view.ownSpec?.id ?? null;
    if (ownId !== null && ownId !== a.id) return { snapshot: s, probed: new Set(), refusal: otherServer(view.key, ownId, a.id) };
    // A joiner that synced with this leader holds its config (its dynamic file is rewritten to it).
    if (view.configOk === false) {
      return { snapshot: s, probed: new Set(), refusal: `server.${a.id} at ${view.key} holds config ${view.configVersion}, not the committed ${s.committed?.version}: it follows another ensemble, or has not synced yet (trap 2)` };
    }
    extra.push({ ...view, id: view.id ?? a.id });
  }
  return { snapshot: extra.length > 0 ? { ...s, nodes: [...s.nodes, ...extra] } : s, probed: new Set(extra.map((n) => n.key)), refusal: null };
}

export function reconfigGuard(s: EnsembleSnapshot, req: ReconfigRequest, probed: ReadonlySet<string> = new Set()): string | null {
  const committed = s.committed?.servers ?? [];
  // Trap 2: a participant that is not running can commit and silently lower fault tolerance.
  for (const a of req.add) {
    const n = findNode(s, a.id, a.clientAddress);
    const member = committed.find((x) => x.id === a.id);
    if (member) continue; // a role change of a member (observer → participant) is judged below
    if (!n || !['non-voting', 'follower'].includes(n.role)) {
      const where = n && probed.has(n.key) ? ` at ${n.key}${n.detail ? ` (${n.detail})` : ''}` : '';
      return `server.${a.id}${where} is ${n ? n.role : 'not in view'}: add only a running, synced non-voting follower (trap 2)`;
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
