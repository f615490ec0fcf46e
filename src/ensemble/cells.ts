// Cell texts of the ensemble table, shared by the `ensemble` command and the panel, so the shell
// and the screen say the same thing in the same words.
import { ROLE_LABELS } from './eventText.js';
import { epochCounter, lagText } from './lag.js';
import type { EnsembleHealth, EnsembleSnapshot, NodeView } from './types.js';

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

/** `ok`, `OLD` (differs from the committed version) or `?` (not known: conf not allowed, no answer). */
export function configCell(node: NodeView): string {
  if (node.configOk === true) return 'ok';
  if (node.configOk === false) return 'OLD';
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

/** One line: quorum state, voters, leader, epoch, config version, synced followers. */
export function healthLine(snapshot: EnsembleSnapshot): string {
  const h = snapshot.health;
  if (snapshot.round === 0) return 'ensemble: polling…';
  const parts = [
    quorumText(h),
    `leader ${h.leaderId !== null ? `server.${h.leaderId}` : (h.leaderKey ?? 'none')}`,
  ];
  if (h.leaderKeys.length > 1) parts.push(`${h.leaderKeys.length} servers say leader!`);
  if (h.epoch !== null) parts.push(`epoch ${h.epoch}`);
  const committed = snapshot.committed;
  parts.push(`config ${h.configVersion ?? '?'}${committed?.source === 'conf' ? ' (from conf)' : ''}`);
  if (h.configMismatch.length > 0) parts.push(`${h.configMismatch.length} on another config`);
  if (h.syncedVotingFollowers !== null) parts.push(`synced followers ${h.syncedVotingFollowers}`);
  return parts.join(' · ');
}

export function quorumText(h: EnsembleHealth): string {
  const voters = `voters ${h.votersUp}/${h.votersTotal} up${h.votersUnknown ? ` (+${h.votersUnknown} unknown)` : ''}, quorum ${h.quorumSize}`;
  return `${h.quorumServing ? 'quorum serving' : 'NO QUORUM'} (${voters})`;
}
