// One line and a severity per event: the words the timeline, `events` and recordings share.
import type { EnsembleEventBody, EventSeverity, NodeRef } from './eventTypes.js';
import type { NodeRole } from './types.js';
import { sessionStateWord as sessionWord } from '../zk/sessionStateWords.js';
export { sessionWord };

/** `server.3` (the table beside it has the address), or the address when the id is unknown. */
export function nodeName(node: NodeRef): string {
  return node.id === null ? node.key : `server.${node.id}`;
}

/** Role words as the panel prints them. */
export const ROLE_LABELS: Record<NodeRole, string> = {
  leader: 'leader',
  follower: 'follower',
  observer: 'observer',
  'non-voting': 'non-voting',
  standalone: 'standalone',
  'read-only': 'read-only',
  'not-serving': 'not serving',
  down: 'down',
  'no-answer': 'no answer',
  unreachable: 'unreachable',
  '4lw-disabled': '4lw disabled',
  unknown: '?',
};



function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function diffText(d: { added: string[]; removed: string[]; changed: string[] }): string {
  const ids = (lines: string[]) => lines.map((l) => /^server\.(\d+)/.exec(l)?.[1] ?? l).join(',');
  const parts: string[] = [];
  if (d.added.length) parts.push(`+${ids(d.added)}`);
  if (d.removed.length) parts.push(`-${ids(d.removed)}`);
  if (d.changed.length) parts.push(`~${ids(d.changed)}`);
  return parts.length ? ` (${parts.join(' ')})` : '';
}

export function describeEvent(e: EnsembleEventBody): { text: string; severity: EventSeverity } {
  switch (e.kind) {
    case 'ensemble.observed':
      if (e.standalone) return { text: `watching: ${nodeName(e.standalone)} serving standalone (one server, no quorum to lose)`, severity: 'info' };
      return {
        text: `watching: leader ${e.leader ? nodeName(e.leader) : 'none'}, voters ${e.votersUp}/${e.votersTotal}, config ${e.configVersion ?? '?'}`,
        severity: e.leader ? 'info' : 'warn',
      };
    case 'leader.elected':
      return { text: `leader elected: ${nodeName(e.node)}${e.epoch !== null ? `, epoch ${e.epoch}` : ''}`, severity: 'ok' };
    case 'leader.lost':
      return { text: `leader lost: ${nodeName(e.node)} is now ${ROLE_LABELS[e.nowRole]}`, severity: 'error' };
    case 'election.gap':
      return {
        text: `election gap ${e.minMs === 0 ? '<' : `${seconds(e.minMs)}–`}${seconds(e.maxMs)}: server.${e.from.id ?? '?'} → server.${e.to.id ?? '?'}`,
        severity: 'warn',
      };
    case 'role.changed':
      return {
        text: `${nodeName(e.node)}: ${ROLE_LABELS[e.from]} → ${ROLE_LABELS[e.to]}`,
        severity: e.to === 'not-serving' || e.to === 'non-voting' || e.to === '4lw-disabled' ? 'warn' : 'info',
      };
    case 'node.down':
      return { text: `${nodeName(e.node)} ${ROLE_LABELS[e.role]}${e.detail ? `: ${e.detail}` : ''}`, severity: 'error' };
    case 'node.hung':
      return { text: `${nodeName(e.node)} hung: no answer within ${e.timeoutMs} ms`, severity: 'error' };
    case 'node.up':
      return { text: `${nodeName(e.node)} back: ${ROLE_LABELS[e.role]} (after ${seconds(e.afterMs)})`, severity: 'ok' };
    case 'config.changed':
      return { text: `config version ${e.from ?? 'none'} → ${e.to ?? 'none'}${diffText(e.diff)}`, severity: 'warn' };
    case 'epoch.changed':
      return { text: `epoch ${e.from ?? '?'} → ${e.to}`, severity: 'info' };
    case 'annotation':
      return { text: e.what === 'note' ? `✎ ${e.author}: ${e.text}` : `⚑ mark ${e.text} (${e.author})`, severity: 'info' };
    case 'session.state': {
      const bad = e.state === 'EXPIRED' || e.state === 'AUTH_FAILED';
      const severity: EventSeverity = e.state === 'CONNECTED' ? 'ok' : bad ? 'error' : 'warn';
      return { text: `zookeeper state changed (${sessionWord(e.state)})`, severity };
    }
  }
}
