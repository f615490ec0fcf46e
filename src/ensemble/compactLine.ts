// The ensemble in one line, for the row that is on screen at every size and in every layout:
// quorum state, then every server's id with its role, lag and trouble marks, e.g.
//   ✓ q2 · 1 F · 2 F↓12 · 3 L · 4 nv
//   ✗ NO QUORUM 1/3 q2 · 1 F · 2 ✗down · 3 hung
//   ✓ standalone · 127.0.0.1:2181 S
// As segments, so the screen can colour each server by its role; the longest form that fits.
import type { EnsembleSnapshot, NodeRole, NodeView } from './types.js';

export interface LineSegment {
  text: string;
  /** The server's role, for its colour; absent for separators and the quorum part. */
  role?: NodeRole;
  /** The quorum part: ok or lost. */
  quorum?: 'ok' | 'lost';
  /** The server a checklist marked ("act on this node next"). */
  marked?: boolean;
}

const ROLE_WORDS: Record<NodeRole, string> = {
  leader: 'L',
  follower: 'F',
  observer: 'O',
  'non-voting': 'nv',
  standalone: 'S',
  'read-only': 'ro',
  'not-serving': 'ns',
  down: '✗down',
  'no-answer': 'hung',
  unreachable: '✗unreach',
  '4lw-disabled': '?4lw',
  unknown: '?',
};

/** What stands after the role: lag behind the leader, a config the server should not hold. */
function marks(n: NodeView): string {
  let out = '';
  if (n.lag?.kind === 'txns' && n.lag.behind > 0) out += `↓${n.lag.behind}`;
  else if (n.lag?.kind === 'behind-epoch') out += `↓${n.lag.epochs}ep`;
  if (n.configOk === false) out += '!cfg';
  return out;
}

function serverText(n: NodeView, withAddress: boolean): string {
  const name = n.id !== null ? String(n.id) : n.key;
  const address = withAddress && n.id !== null ? `@${n.key}` : '';
  return `${n.marker ? '▶' : ''}${name}${address} ${ROLE_WORDS[n.role]}${marks(n)}`;
}

function quorumText(s: EnsembleSnapshot): string {
  const h = s.health;
  if (h.standaloneKey !== null) return '✓ standalone';
  if (h.quorumServing) return `✓ q${h.quorumSize}`;
  return `✗ NO QUORUM ${h.votersUp}/${h.votersTotal} q${h.quorumSize}`;
}

/** `static` when no server states its membership (3.4), `none` for a standalone server without one. */
function configWord(s: EnsembleSnapshot): string {
  if (s.committed?.source === 'static') return 'static';
  return s.health.configVersion ?? (s.health.standaloneKey !== null ? 'none' : '?');
}

const width = (segments: readonly LineSegment[]): number => segments.reduce((n, s) => n + [...s.text].length, 0);

function build(s: EnsembleSnapshot, form: { addresses: boolean; epoch: boolean }): LineSegment[] {
  const h = s.health;
  const out: LineSegment[] = [{ text: quorumText(s), quorum: h.quorumServing ? 'ok' : 'lost' }];
  for (const n of s.nodes) {
    out.push({ text: ' · ' });
    out.push({ text: serverText(n, form.addresses), role: n.role, ...(n.marker ? { marked: true } : {}) });
  }
  // Two leaders is an alarm: in every form.
  if (h.leaderKeys.length > 1) out.push({ text: ` · ${h.leaderKeys.length} servers say leader!`, quorum: 'lost' });
  if (form.epoch) out.push({ text: ` · epoch ${h.epoch ?? '-'} · config ${configWord(s)}` });
  return out;
}

/** The longest form of the line that fits in `columns` (the short form may still be cut). */
export function compactLine(s: EnsembleSnapshot, columns: number): LineSegment[] {
  if (s.round === 0) return [{ text: 'ensemble: polling…' }];
  const forms = [
    { addresses: true, epoch: true },
    { addresses: false, epoch: true },
    { addresses: false, epoch: false },
  ];
  for (const form of forms) {
    const segments = build(s, form);
    if (width(segments) <= columns) return segments;
  }
  return build(s, forms[forms.length - 1]!);
}

/** The line as plain text (tests, the recording). */
export function compactLineText(s: EnsembleSnapshot, columns: number): string {
  return compactLine(s, columns)
    .map((seg) => seg.text)
    .join('');
}
