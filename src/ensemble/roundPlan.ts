// What one poll round asks and what it learns beyond roles: which words each server gets, which
// addresses are another name of a config member, and the committed config when there is no
// session to read it from. Pure functions over the last snapshot and the parsed replies.
import { releaseAtLeast } from '../zk/serverVersion.js';
import type { ParsedSample } from './nodeView.js';
import type { WantedWords } from './poller.js';
import { DEAD_ROLES, type CommittedConfig, type NodeView, type PollTarget } from './types.js';

/**
 * srvr every round; mntr and conf (16 kB and a membership) on detailed rounds, and at once for a
 * new server or one still on another config version; the leader's mntr every round for the
 * health line's synced counts. A server that is down or hung gets srvr only: one socket, not
 * three, until it answers again.
 */
export function wantedWords(last: NodeView | undefined, detailed: boolean): WantedWords {
  if (!last) return { mntr: true, conf: true };
  const alive = !DEAD_ROLES.has(last.role);
  return {
    mntr: alive && (detailed || last.role === 'leader' || (last.peerState === null && reportsEnsembleState(last))),
    conf: alive && (detailed || last.configOk === false || (last.configOk === null && reportsEnsembleState(last))),
  };
}

/**
 * zk_peer_state and a config version in `conf` exist from 3.5 on, and only on a server in an
 * ensemble (standalone and read-only servers have neither): waiting for them elsewhere would ask
 * mntr (16 kB) and conf every round for nothing.
 */
function reportsEnsembleState(n: NodeView): boolean {
  if (n.role === 'standalone' || n.role === 'read-only') return false;
  return n.version === null || releaseAtLeast(n.version, 3, 5);
}

/**
 * A connect-string or extra address that reports (in `conf`) the id of a config member answering
 * at its config address is the same server under another name (`localhost` vs `127.0.0.1`). An
 * unreachable config address keeps both rows: the answering one is the useful one.
 */
export function findAliases(targets: readonly PollTarget[], parsed: ReadonlyMap<string, ParsedSample>): string[] {
  const configKeyById = new Map<number, string>();
  for (const t of targets) if (t.spec) configKeyById.set(t.spec.id, t.key);
  const out: string[] = [];
  for (const t of targets) {
    if (t.spec) continue;
    const id = parsed.get(t.key)?.conf?.serverId;
    const configKey = id ? configKeyById.get(id) : undefined;
    if (configKey && configKey !== t.key && parsed.get(configKey)?.srvr) out.push(t.key);
  }
  return out;
}

/** Without a session config: the leader's `conf` membership, else the newest any server holds. */
export function configFromConf(parsed: Iterable<ParsedSample>): CommittedConfig | null {
  let best: CommittedConfig | null = null;
  for (const p of parsed) {
    const membership = p.conf?.membership;
    if (!membership || !p.srvr) continue;
    const candidate: CommittedConfig = { version: membership.version, servers: membership.servers, source: 'conf', at: p.sample.at };
    if (p.srvr.mode === 'leader') return candidate;
    if (!best || parseInt(membership.version ?? '0', 16) > parseInt(best.version ?? '0', 16)) best = candidate;
  }
  return best;
}
