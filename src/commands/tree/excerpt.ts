// grep's view of node data. Text (valid UTF-8 without NUL bytes) is searched as text; anything
// else as latin1, one character per byte, so a pattern can match any byte. The excerpt around a
// match is one short line: control characters escaped (`\n`, `\t`, `\x1b`, `\u{200b}`), binary
// data shown as bytes (printable ASCII as is, every other byte `\xHH`), a backslash as `\\`,
// and `…` where the data goes on.

export type Haystack = { text: string; binary: boolean };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function haystack(data: Buffer): Haystack {
  if (!data.includes(0)) {
    try {
      return { text: utf8.decode(data), binary: false };
    } catch {
      // not UTF-8: searched as bytes
    }
  }
  return { text: data.toString('latin1'), binary: true };
}

/** Columns of an excerpt, match included. */
export const EXCERPT_WIDTH = 60;

const INVISIBLE = /^[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;

function hex2(n: number): string {
  return `\\x${n.toString(16).padStart(2, '0')}`;
}

const NAMED: Record<number, string> = { 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

function showText(cp: number): string {
  const named = NAMED[cp];
  if (named !== undefined) return named;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return hex2(cp);
  const ch = String.fromCodePoint(cp);
  return INVISIBLE.test(ch) ? `\\u{${cp.toString(16)}}` : ch;
}

function showByte(b: number): string {
  if (b === 0x5c) return '\\\\';
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : hex2(b);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** One displayed character: what it shows as and how many UTF-16 units it spans. */
function tokenAt(h: Haystack, i: number): { shown: string; units: number } {
  if (h.binary) return { shown: showByte(h.text.charCodeAt(i)), units: 1 };
  const cp = h.text.codePointAt(i)!;
  return { shown: showText(cp), units: cp > 0xffff ? 2 : 1 };
}

function startBefore(h: Haystack, i: number): number {
  if (!h.binary && i >= 2 && isLow(h.text.charCodeAt(i - 1)) && isHigh(h.text.charCodeAt(i - 2))) return i - 2;
  return i - 1;
}

/** `text[start, end)` matched: the excerpt, at most `width` columns plus the `…` marks. */
export function excerpt(h: Haystack, start: number, end: number, width = EXCERPT_WIDTH): string {
  const s = h.text;
  let match = '';
  for (let i = start; i < end; ) {
    const t = tokenAt(h, i);
    if (match.length + t.shown.length > width) return `${start > 0 ? '…' : ''}${match}…`;
    match += t.shown;
    i += t.units;
  }
  const room = width - match.length;
  // What each side could show on its own, nearest first.
  const left: { shown: string; at: number }[] = [];
  for (let i = start, used = 0; i > 0; ) {
    const at = startBefore(h, i);
    const shown = tokenAt(h, at).shown;
    if (used + shown.length > room) break;
    left.push({ shown, at });
    used += shown.length;
    i = at;
  }
  const right: { shown: string; at: number }[] = [];
  for (let i = end, used = 0; i < s.length; ) {
    const t = tokenAt(h, i);
    if (used + t.shown.length > room) break;
    i += t.units;
    right.push({ shown: t.shown, at: i });
    used += t.shown.length;
  }
  // Half the room each side; a side with less to show leaves the rest to the other.
  const rightAll = right.reduce((n, t) => n + t.shown.length, 0);
  const leftBudget = Math.max(Math.floor(room / 2), room - rightAll);
  let before = '';
  let from = start;
  for (const t of left) {
    if (before.length + t.shown.length > leftBudget) break;
    before = t.shown + before;
    from = t.at;
  }
  let after = '';
  let to = end;
  for (const t of right) {
    if (before.length + after.length + t.shown.length > room) break;
    after += t.shown;
    to = t.at;
  }
  return `${from > 0 ? '…' : ''}${before}${match}${after}${to < s.length ? '…' : ''}`;
}
