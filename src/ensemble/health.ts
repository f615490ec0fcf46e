// The ensemble's health line: voters up out of voters total, the quorum size, whether a quorum
// is serving, and the leader's own count of synced followers. Only participants of the
// committed config are voters; a non-voting follower never counts (RUNBOOKS trap 1).
import type { MntrValue } from '../zk/fourLetter.js';
import type { CommittedConfig, EnsembleHealth, NodeView } from './types.js';

const VOTER_UP: ReadonlySet<string> = new Set(['leader', 'follower']);
const VOTER_UNKNOWN: ReadonlySet<string> = new Set(['4lw-disabled', 'unknown']);

function num(mntr: Record<string, MntrValue> | null, key: string): number | null {
  const v = mntr?.[key];
  return typeof v === 'number' ? v : null;
}

export function computeHealth(
  nodes: readonly NodeView[],
  committed: CommittedConfig | null,
  leaderMntr: Record<string, MntrValue> | null,
): EnsembleHealth {
  const leaders = nodes.filter((n) => n.role === 'leader');
  const leader = leaders.length === 1 ? leaders[0]! : null;
  // Without a committed config (no session, conf not allowed), the best guess of the voters is
  // the servers that say leader or follower.
  const voters = committed ? nodes.filter((n) => n.voter) : nodes.filter((n) => VOTER_UP.has(n.role));
  const votersTotal = committed ? committed.servers.filter((s) => s.role === 'participant').length : voters.length;
  const votersUp = voters.filter((n) => VOTER_UP.has(n.role)).length;
  const votersUnknown = voters.filter((n) => VOTER_UNKNOWN.has(n.role)).length;
  const quorumSize = Math.floor(votersTotal / 2) + 1;
  const synced = num(leaderMntr, 'zk_synced_followers');
  const nonVoting = num(leaderMntr, 'zk_synced_non_voting_followers');
  const configVersion = committed?.version ?? null;
  return {
    votersTotal,
    votersUp,
    votersUnknown,
    quorumSize,
    quorumServing: leaders.some((n) => n.voter || committed === null),
    leaderId: leader?.id ?? null,
    leaderKey: leader?.key ?? null,
    leaderKeys: leaders.map((n) => n.key),
    epoch: leader?.zxid?.epoch ?? null,
    // synced_followers counts non-voting followers too (zk-operations.md §2).
    syncedVotingFollowers: synced !== null ? synced - (nonVoting ?? 0) : null,
    syncedNonVotingFollowers: nonVoting,
    syncedObservers: num(leaderMntr, 'zk_synced_observers'),
    // Conservative: a voter whose state cannot be read is not counted as up.
    spareVoters: votersUp - quorumSize,
    configVersion,
    configMismatch: nodes.filter((n) => n.configOk === false && n.role !== 'down').map((n) => n.key),
  };
}
