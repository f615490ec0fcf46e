// Turns one server's replies into the role an operator must see. The subtle one is the
// non-voting follower: a joiner before `reconfig -add` and a removed server still running both
// say `Mode: follower`; only the committed config tells them apart (RUNBOOKS trap 1).
import type { ServerSpec } from '../zk/dynamicConfig.js';
import type { FourLetterResult } from '../zk/fourLetter.js';
import type { CommittedConfig, NodeRole } from './types.js';

export interface RoleInputs {
  srvr: FourLetterResult | undefined;
  /** `Mode:` of the srvr reply, when there was one. */
  mode: string | null;
  /** Server id from the server's own `conf`, when allowed. */
  confServerId: number | null;
  /** The target's line in the committed config (matched by address). */
  spec: ServerSpec | null;
  committed: CommittedConfig | null;
}

export interface RoleResult {
  role: NodeRole;
  detail: string | null;
}

function modeRole(mode: string | null): NodeRole {
  switch (mode) {
    case 'leader':
    case 'follower':
    case 'observer':
    case 'standalone':
    case 'read-only':
      return mode;
    default:
      return 'unknown';
  }
}

/**
 * Is this server a voter of the committed config? By its own id when `conf` told us, else by
 * address. Null when there is no committed config to judge by.
 */
export function isCommittedVoter(inputs: Pick<RoleInputs, 'confServerId' | 'spec' | 'committed'>): boolean | null {
  const { committed, confServerId, spec } = inputs;
  if (committed === null) return null;
  const id = confServerId ?? spec?.id ?? null;
  if (id === null) return false;
  return committed.servers.some((s) => s.id === id && s.role === 'participant');
}

export function classifyRole(inputs: RoleInputs): RoleResult {
  const { srvr } = inputs;
  if (srvr === undefined) return { role: 'unknown', detail: 'not polled yet' };
  switch (srvr.kind) {
    case 'refused':
      return { role: 'down', detail: 'connection refused' };
    case 'timeout':
      return { role: 'no-answer', detail: 'no reply within the timeout (hung or overloaded?)' };
    case 'error':
      return { role: 'unreachable', detail: srvr.message };
    case 'notServing':
      return { role: 'not-serving', detail: 'not currently serving requests (electing, syncing or no quorum)' };
    case 'notWhitelisted':
      return { role: '4lw-disabled', detail: 'srvr is not in 4lw.commands.whitelist' };
    case 'ok':
      break;
  }
  const role = modeRole(inputs.mode);
  if (role === 'unknown') return { role, detail: inputs.mode === null ? 'srvr reply without Mode:' : `Mode: ${inputs.mode}` };
  if (role !== 'follower') return { role, detail: null };
  const voter = isCommittedVoter(inputs);
  if (voter === false) {
    const id = inputs.confServerId ?? inputs.spec?.id ?? null;
    const why = id === null ? 'its address is not in the committed config' : `server ${id} is not a participant of the committed config`;
    return { role: 'non-voting', detail: `answers as follower but ${why}` };
  }
  return { role: 'follower', detail: null };
}
