// The ensemble's health line: voters up out of voters total, the quorum size, whether a quorum
// is serving, and the leader's own count of synced followers. Only participants of the
// committed config are voters; a non-voting follower never counts (RUNBOOKS trap 1). A server
// running standalone is healthy on its own, whatever its config says.
import type { MntrValue } from '../zk/fourLetter.js';
import type { CommittedConfig, EnsembleHealth, NodeView } from './types.js';

const VOTER_UP: ReadonlySet<string> = new Set(['leader', 'follower']);
const VOTER_UNKNOWN: ReadonlySet<string> = new Set(['4lw-disabled', 'unknown']);

function num(mntr: Record<string, MntrValue> | null, key: string): number | null {
  const v = mntr?.[key];
  return typeof v === 'number' ? v : null;
}

/**
 * Synced voting followers by the leader's own count. 3.4's mntr has no
 * zk_synced_non_voting_followers, yet its zk_synced_followers counts a follower outside the
 * leader's list too (OBSERVED 3.4.13: 3 with two members and one spare following): the
 * non-voting followers in view stand in for the missing key.
 */
function syncedVoting(leaderMntr: Record<string, MntrValue> | null, nodes: readonly NodeView[], votersTotal: number): { voting: number | null; nonVoting: number | null } {
  const synced = num(leaderMntr, 'zk_synced_followers');
  if (synced === null) return { voting: null, nonVoting: null };
  const reported = num(leaderMntr, 'zk_synced_non_voting_followers');
  if (reported !== null) return { voting: synced - reported, nonVoting: reported };
  // A spare outside the view still counts: never more voting followers than voters but the leader.
  const inView = nodes.filter((n) => n.role === 'non-voting').length;
  return { voting: Math.max(0, Math.min(synced - inView, votersTotal - 1)), nonVoting: null };
}

/** One server serving standalone and nobody leading: healthy on its own (any version). */
function standaloneOf(nodes: readonly NodeView[]): NodeView | null {
  if (nodes.some((n) => n.role === 'leader')) return null;
  const alone = nodes.filter((n) => n.role === 'standalone');
  return alone.length === 1 ? alone[0]! : null;
}

export function computeHealth(
  nodes: readonly NodeView[],
  committed: CommittedConfig | null,
  leaderMntr: Record<string, MntrValue> | null,
): EnsembleHealth {
  const standalone = standaloneOf(nodes);
  if (standalone) return standaloneHealth(standalone, committed);
  const leaders = nodes.filter((n) => n.role === 'leader');
  const leader = leaders.length === 1 ? leaders[0]! : null;
  // Without a committed config (no session, conf not allowed), the best guess of the voters is
  // the servers that say leader or follower.
  const voters = committed ? nodes.filter((n) => n.voter) : nodes.filter((n) => VOTER_UP.has(n.role));
  const votersTotal = committed ? committed.servers.filter((s) => s.role === 'participant').length : voters.length;
  const votersUp = voters.filter((n) => VOTER_UP.has(n.role)).length;
  const votersUnknown = voters.filter((n) => VOTER_UNKNOWN.has(n.role)).length;
  const quorumSize = Math.floor(votersTotal / 2) + 1;
  const synced = syncedVoting(leaderMntr, nodes, votersTotal);
  const configVersion = committed?.version ?? null;
  return {
    votersTotal,
    votersUp,
    votersUnknown,
    quorumSize,
    // A serving follower follows a leader that has a quorum. With a static membership read from
    // the servers themselves (3.4), that leader may simply not be among the servers in view.
    quorumServing: leaders.some((n) => n.voter || committed === null) || (committed?.source === 'static' && leaders.length === 0 && voters.some((n) => n.role === 'follower')),
    standaloneKey: null,
    leaderId: leader?.id ?? null,
    leaderKey: leader?.key ?? null,
    leaderKeys: leaders.map((n) => n.key),
    epoch: leader?.zxid?.epoch ?? null,
    // synced_followers counts non-voting followers too (zk-operations.md §2).
    syncedVotingFollowers: synced.voting,
    syncedNonVotingFollowers: synced.nonVoting,
    syncedObservers: num(leaderMntr, 'zk_synced_observers'),
    // Conservative: a voter whose state cannot be read is not counted as up.
    spareVoters: votersUp - quorumSize,
    configVersion,
    configMismatch: nodes.filter((n) => n.configOk === false && n.role !== 'down').map((n) => n.key),
  };
}

/**
 * A standalone server: one voter, up, a quorum of one. Its `/zookeeper/config` is empty or lists
 * only itself (3.5+), or is absent (3.4): neither means a lost quorum.
 */
function standaloneHealth(n: NodeView, committed: CommittedConfig | null): EnsembleHealth {
  return {
    votersTotal: 1,
    votersUp: 1,
    votersUnknown: 0,
    quorumSize: 1,
    quorumServing: true,
    standaloneKey: n.key,
    leaderId: null,
    leaderKey: null,
    leaderKeys: [],
    epoch: n.zxid?.epoch ?? null,
    syncedVotingFollowers: null,
    syncedNonVotingFollowers: null,
    syncedObservers: null,
    spareVoters: 0,
    configVersion: committed?.version ?? null,
    configMismatch: [],
  };
}
