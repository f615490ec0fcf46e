// How far a server's last processed zxid is behind the leader's. zxid = epoch << 32 | counter;
// counters only compare within one epoch. Right after an election the followers keep reporting
// the previous epoch's zxid until the next write (OBSERVED 0x100000005 vs leader 0x200000000,
// RUNBOOKS trap 5): that is "not comparable yet", not a lag.
import type { Zxid } from '../zk/fourLetter.js';
import type { Lag, NodeRole } from './types.js';

export interface LagInputs {
  role: NodeRole;
  zxid: Zxid | null;
  leaderZxid: Zxid | null;
  /** mntr `zk_peer_state` of the server (`following - broadcast` = in sync with the leader). */
  peerState: string | null;
}

export function computeLag({ role, zxid, leaderZxid, peerState }: LagInputs): Lag | null {
  if (role === 'leader') return { kind: 'leader' };
  if (zxid === null || leaderZxid === null) return null;
  if (zxid.epoch === leaderZxid.epoch) {
    // Servers are sampled a few ms apart: one that looks ahead of the leader is simply up to date.
    return { kind: 'txns', behind: Math.max(0, leaderZxid.counter - zxid.counter) };
  }
  if (zxid.epoch > leaderZxid.epoch) {
    return { kind: 'not-comparable', reason: `its epoch ${zxid.epoch} is newer than the leader's ${leaderZxid.epoch}` };
  }
  const inBroadcast = peerState !== null && peerState.endsWith('- broadcast');
  if (leaderZxid.counter === 0 || inBroadcast) {
    return { kind: 'not-comparable', reason: 'no write since the election yet: followers still report the old epoch' };
  }
  return { kind: 'behind-epoch', epochs: leaderZxid.epoch - zxid.epoch };
}

/** `2:5` — epoch:counter, the form the panel shows beside the hex zxid. */
export function epochCounter(zxid: Zxid): string {
  return `${zxid.epoch}:${zxid.counter}`;
}

/** Short text of a lag for tables: `0`, `12`, `—` (leader), `n/c` (not comparable), `-1 ep`. */
export function lagText(lag: Lag | null): string {
  if (lag === null) return '?';
  switch (lag.kind) {
    case 'leader':
      return '-';
    case 'txns':
      return String(lag.behind);
    case 'not-comparable':
      return 'n/c';
    case 'behind-epoch':
      return `-${lag.epochs}ep`;
  }
}
