// Cell texts of the ensemble table, shared by the `ensemble` command and the panel, so the shell
// and the screen say the same thing in the same words.
import { ROLE_LABELS } from './eventText.js';
import { epochCounter, lagText } from './lag.js';
import { SERVING_ROLES, type EnsembleHealth, type EnsembleSnapshot, type NodeView } from './types.js';

export function idCell(node: NodeView): string {
  return node.id === null ? '?' : String(node.id);
}

export function roleCell(node: NodeView): string {
  return ROLE_LABELS[node.role];
}

export function zxidCell(node: NodeView): string {
  return node.zxid ? node.zxid.hex : '-';
}

export function epochCounterCell(node: NodeView): string {
  return node.zxid ? epochCounter(node.zxid) : '-';
}

export function lagCell(node: NodeView): string {
  return node.zxid || node.role === 'leader' ? lagText(node.lag) : '-';
}

/**
 * `ok`, `OLD` (differs from the committed version), `-` (a serving server whose `conf` has no
 * config version: 3.4, standalone) or `?` (not known: conf not allowed, no answer).
 */
export function configCell(node: NodeView): string {
  if (node.configOk === true) return 'ok';
  if (node.configOk === false) return 'OLD';
  if (node.configVersion === null && node.allowed.conf === 'yes' && SERVING_ROLES.has(node.role)) return '-';
  return '?';
}

export function latencyCell(node: NodeView): string {
  const l = node.latency;
  if (!l) return '-';
  return `${l.min}/${formatAvg(l.avg)}/${l.max}`;
}

function formatAvg(avg: number): string {
  return Number.isInteger(avg) ? String(avg) : avg.toFixed(1);
}

export function countCell(value: number | null): string {
  return value === null ? '-' : String(value);
}

/** Where the membership came from, when no server states it (3.4) or only `conf` did. */
export function configText(snapshot: EnsembleSnapshot): string {
  const committed = snapshot.committed;
  if (committed?.source === 'static') return `membership static, from ${committed.origin ?? 'the servers'} (conf lists none)`;
  if (snapshot.health.standaloneKey !== null) return `config ${snapshot.health.configVersion ?? 'none'}`;
  return `config ${snapshot.health.configVersion ?? '?'}${committed?.source === 'conf' ? ' (from conf)' : ''}`;
}

function leaderText(h: EnsembleHealth): string {
  if (h.leaderId !== null) return `server.${h.leaderId}`;
  if (h.leaderKey !== null) return h.leaderKey;
  // Serving without a leader in view: only a static membership read from the servers (3.4).
  return h.quorumServing ? 'not in view (list every server in the connect string)' : 'none';
}

/** One line: quorum state, voters, leader, epoch, config version, synced followers. */
export function healthLine(snapshot: EnsembleSnapshot): string {
  const h = snapshot.health;
  if (snapshot.round === 0) return 'ensemble: polling…';
  const parts = [quorumText(h)];
  if (h.standaloneKey === null) parts.push(`leader ${leaderText(h)}`);
  if (h.leaderKeys.length > 1) parts.push(`${h.leaderKeys.length} servers say leader!`);
  if (h.epoch !== null) parts.push(`epoch ${h.epoch}`);
  parts.push(configText(snapshot));
  if (h.configMismatch.length > 0) parts.push(`${h.configMismatch.length} on another config`);
  if (h.syncedVotingFollowers !== null) parts.push(`synced followers ${h.syncedVotingFollowers}`);
  return parts.join(' · ');
}

export function quorumText(h: EnsembleHealth): string {
  if (h.standaloneKey !== null) return `standalone: ${h.standaloneKey} serves alone (no quorum to lose)`;
  const voters = `voters ${h.votersUp}/${h.votersTotal} up${h.votersUnknown ? ` (+${h.votersUnknown} unknown)` : ''}, quorum ${h.quorumSize}`;
  return `${h.quorumServing ? 'quorum serving' : 'NO QUORUM'} (${voters})`;
}
