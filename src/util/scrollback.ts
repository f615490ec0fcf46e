// A scrollback: a ring of at most N sanitised output lines, wrapped lazily to the pane width
// (command output hard-wrapped, exactly as its bytes are; notices and messages at word boundaries),
// with a bottom anchor for scrolling that new output does not move. Also the terminal text rules
// every line passes before it reaches the screen. Pure TypeScript, no Ink: the console's shell
// pane and the session screen that replay and follow rebuild (src/sessions) both keep one.
import type { Stream, Tone } from '../shell/output.js';

/** The bottom visible row when scrolled up: a line (by sequence number) and a wrapped row in it. */
export interface ScrollAnchor {
  seq: number;
  row: number;
}

export interface ViewRow {
  key: string;
  text: string;
  tone: Tone;
  stream: Stream;
}

export interface ViewWindow {
  rows: ViewRow[];
  /** Lines below the view (the "↓ N more" marker); 0 when following the newest output. */
  below: number;
}

interface Line {
  seq: number;
  text: string;
  tone: Tone;
  stream: Stream;
  wrapWidth: number;
  wrapped: string[];
}

/**
 * A ring of at most `capacity` sanitised lines. Lines are wrapped lazily, per width, and only
 * the lines in and near the visible window are ever wrapped, so 10,000 lines cost nothing per frame.
 */
export class Scrollback {
  private readonly ring: (Line | undefined)[] = [];
  private start = 0;
  private count = 0;
  private first = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  get nextSeq(): number {
    return this.first + this.count;
  }

  push(text: string, tone: Tone, stream: Stream): void {
    const line: Line = { seq: this.nextSeq, text, tone, stream, wrapWidth: 0, wrapped: [] };
    if (this.count < this.capacity) {
      this.ring[(this.start + this.count) % this.capacity] = line;
      this.count += 1;
    } else {
      this.ring[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
      this.first += 1;
    }
  }

  /** Every kept line's text, oldest first (tests, dumps). */
  texts(): string[] {
    const out: string[] = [];
    for (let seq = this.first; seq < this.nextSeq; seq++) out.push(this.at(seq).text);
    return out;
  }

  window(width: number, height: number, anchor: ScrollAnchor | null, clearMark: number): ViewWindow {
    if (this.count === 0 || height <= 0) return { rows: [], below: 0 };
    const bottom = this.position(anchor, width);
    const last = this.lastPosition(width);
    const below = anchor ? last.seq - bottom.seq + (bottom.row < this.rowsOf(bottom.seq, width).length - 1 ? 1 : 0) : 0;
    const limit = anchor ? this.first : Math.max(this.first, clearMark);
    const want = below > 0 ? height - 1 : height;
    const rows: ViewRow[] = [];
    for (let seq = bottom.seq, row = bottom.row; rows.length < want && seq >= limit; seq--, row = Number.MAX_SAFE_INTEGER) {
      const line = this.at(seq);
      const wrapped = this.rowsOf(seq, width);
      for (let r = Math.min(row, wrapped.length - 1); r >= 0 && rows.length < want; r--) {
        rows.push({ key: `${seq}.${r}`, text: wrapped[r]!, tone: line.tone, stream: line.stream });
      }
    }
    return { rows: rows.reverse(), below };
  }

  /** Moves the view by `delta` rows (negative = older); null means "follow the newest output". */
  move(anchor: ScrollAnchor | null, delta: number, width: number, height: number): ScrollAnchor | null {
    if (this.count === 0) return null;
    const last = this.lastPosition(width);
    let pos = this.position(anchor, width);
    if (delta < 0) {
      pos = this.backward(pos, -delta, width);
      // Scrolled up, the pane shows height-1 rows above the marker: keep them all filled.
      const highest = this.forward({ seq: this.first, row: 0 }, Math.max(0, height - 2), width);
      if (before(pos, highest)) pos = highest;
    } else {
      pos = this.forward(pos, delta, width);
    }
    return before(pos, last) ? pos : null;
  }

  private at(seq: number): Line {
    return this.ring[(this.start + (seq - this.first)) % this.capacity]!;
  }

  private rowsOf(seq: number, width: number): string[] {
    const line = this.at(seq);
    if (line.wrapWidth !== width) {
      line.wrapped = wrapLine(line.text, line.tone, width);
      line.wrapWidth = width;
    }
    return line.wrapped;
  }

  private lastPosition(width: number): ScrollAnchor {
    const seq = this.nextSeq - 1;
    return { seq, row: this.rowsOf(seq, width).length - 1 };
  }

  /** Where an anchor points now (its line may have left the ring, or the width changed). */
  private position(anchor: ScrollAnchor | null, width: number): ScrollAnchor {
    if (!anchor) return this.lastPosition(width);
    if (anchor.seq < this.first) return { seq: this.first, row: 0 };
    const seq = Math.min(anchor.seq, this.nextSeq - 1);
    return { seq, row: Math.min(anchor.row, this.rowsOf(seq, width).length - 1) };
  }

  private backward(pos: ScrollAnchor, n: number, width: number): ScrollAnchor {
    let { seq, row } = pos;
    while (n > 0) {
      if (n <= row) return { seq, row: row - n };
      if (seq === this.first) return { seq, row: 0 };
      n -= row + 1;
      seq -= 1;
      row = this.rowsOf(seq, width).length - 1;
    }
    return { seq, row };
  }

  private forward(pos: ScrollAnchor, n: number, width: number): ScrollAnchor {
    let { seq, row } = pos;
    while (n > 0) {
      const remaining = this.rowsOf(seq, width).length - 1 - row;
      if (n <= remaining) return { seq, row: row + n };
      if (seq === this.nextSeq - 1) return { seq, row: row + remaining };
      n -= remaining + 1;
      seq += 1;
      row = 0;
    }
    return { seq, row };
  }
}

/**
 * Command output and the echoed command line are cut at the edge, as a terminal does (data keeps
 * every byte in place); notices, warnings, errors and events wrap at word boundaries, so a banner
 * never reads `(stop` / `ped when you quit)`. A word longer than the row is still cut.
 */
export function wrapLine(text: string, tone: Tone, width: number): string[] {
  return tone === 'plain' || tone === 'echo' ? wrapToWidth(text, width) : wrapWords(text, width);
}

function before(a: ScrollAnchor, b: ScrollAnchor): boolean {
  return a.seq < b.seq || (a.seq === b.seq && a.row < b.row);
}

// --- terminal text ---------------------------------------------------------------------------

const SGR = /\x1b\[[0-9;:]*m/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Whatever sanitizeOutput would change: C0 controls (tab, CR, ESC…), DEL, C1 controls, bidi overrides. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Makes one output line safe to put on the operator's screen. ZooKeeper data is arbitrary bytes:
 * a znode must not be able to move the cursor, clear the screen, set the clipboard (OSC 52) or
 * hide text. Colour/style codes (SGR) are dropped; every other control character is shown in
 * caret notation (`^[` for ESC, `^M` for CR), C1 controls as `<9b>` and bidi overrides as
 * `<U+202E>`, so the bytes stay visible but inert. Tabs expand to 8-column stops.
 */
export function sanitizeOutput(text: string): string {
  // Most lines are plain text: kept as they are, not rebuilt a character at a time (a scrollback
  // of 10,000 lines rebuilt so was 10,000 ropes of one-character strings, promoted to the old
  // generation by a burst of output and garbage a moment later).
  if (!UNSAFE.test(text)) return text;
  const s = text.replace(/\r$/, '').replace(SGR, '');
  let out = '';
  let col = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
      continue;
    }
    let shown = ch;
    if (cp < 0x20) shown = `^${String.fromCharCode(cp + 64)}`;
    else if (cp === 0x7f) shown = '^?';
    else if (cp >= 0x80 && cp <= 0x9f) shown = `<${cp.toString(16)}>`;
    else if (BIDI.test(ch)) shown = `<U+${cp.toString(16).toUpperCase()}>`;
    out += shown;
    col += shown === ch ? charWidth(cp) : shown.length;
  }
  return out;
}

/** Terminal columns of one code point: 0 for combining marks, 2 for East Asian wide and emoji. */
export function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200d) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x20d0 && cp <= 0x20ff)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Hard-wraps one line to `width` columns (never splits a wide character); '' stays one empty row. */
export function wrapToWidth(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  let col = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (col + cw > w && row.length > 0) {
      rows.push(row);
      row = '';
      col = 0;
    }
    row += ch;
    col += cw;
  }
  rows.push(row);
  return rows;
}

/** `text` in rows of at most `width` columns, broken at spaces where possible. */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  if (displayWidth(text) <= w) return [text];
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(/(?<= )/)) {
    // `word` keeps its trailing space; the space may hang past the edge, the letters may not.
    const letters = word.trimEnd();
    if (displayWidth(row) + displayWidth(letters) <= w) {
      row += word;
      continue;
    }
    if (row.trim()) rows.push(row.trimEnd());
    row = '';
    if (displayWidth(letters) > w) {
      const parts = wrapToWidth(letters, w);
      rows.push(...parts.slice(0, -1));
      row = parts.at(-1)! + word.slice(letters.length);
    } else row = word;
  }
  if (row.trim() || rows.length === 0) rows.push(row.trimEnd());
  return rows;
}
