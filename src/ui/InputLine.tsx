// The input area at the bottom in its guises: zkCli's prompt with the line being edited, the
// reverse-i-search line, "running…" while a command runs, and the y/N confirmation. The line
// wraps onto as many rows as it needs (up to the rows the layout gives it, then it scrolls to
// keep the cursor in view), so the whole command is visible before Enter. Lines waiting to run
// (typed ahead, or pasted and confirmed) show above it, pasted lines held back below it.
import { Box, Text } from 'ink';
import type { ConsoleState } from './console/consoleStore.js';
import { useKeymap } from './input/KeymapContext.js';
import type { Keymap } from './input/keymap.js';
import { charWidth, displayWidth } from '../util/scrollback.js';
import { useTheme } from './theme.js';

type Kind = 'label' | 'text' | 'cursor' | 'note' | 'confirm';

interface Segment {
  text: string;
  kind: Kind;
}

type Row = Segment[];

/** Rows the input area needs at `width` columns, at most `maxRows` (a third of the screen). */
export function inputLineRows(state: ConsoleState, width: number, maxRows: number): number {
  return inputRowsView(state, width, maxRows, null).length;
}

export function InputLine({ state, width, rows = 1 }: { state: ConsoleState; width: number; rows?: number }) {
  const theme = useTheme();
  const keymap = useKeymap();
  const view = inputRowsView(state, width, rows, keymap);
  return (
    <Box flexDirection="column" width={width} height={view.length} overflow="hidden">
      {view.map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row.map((seg, j) =>
            seg.kind === 'cursor' ? (
              <Text key={j} inverse>
                {seg.text}
              </Text>
            ) : seg.kind === 'confirm' ? (
              <Text key={j} bold color={theme.color ? 'yellow' : undefined}>
                {seg.text}
              </Text>
            ) : (
              <Text key={j} dimColor={seg.kind === 'note' || (seg.kind === 'label' && !!state.editor.search)}>
                {seg.text}
              </Text>
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}

/**
 * The rows of the input area. `keymap` null: only the row count matters (the layout asks before
 * rendering), so key names are not looked up.
 */
export function inputRowsView(state: ConsoleState, width: number, maxRows: number, keymap: Keymap | null): Row[] {
  const w = Math.max(1, width);
  const budget = Math.max(1, maxRows);
  if (state.confirm) {
    const question = `⚠ ${state.confirm.question} [y/N] `;
    return [[{ text: keepEnd(question, w - 1), kind: 'confirm' }, { text: ' ', kind: 'cursor' }]];
  }
  const label = (name: Parameters<Keymap['label']>[0]) => keymap?.label(name) ?? '';
  const { editor, lines } = state;
  const held = lines.held.length;
  const heldRows = held > 0 && budget >= 2 ? 1 : 0;
  const main: Row[] =
    state.busy && editor.text.length === 0 && !editor.search
      ? [[{ text: cut(`running… (${label('command.cancel')} to cancel)`, w), kind: 'note' as const }]]
      : scrollToCursor(wrapCells(lineCells(state, w), w), budget - heldRows);
  const room = budget - heldRows - main.length;
  const queued = lines.queued;
  const queuedRows: Row[] = [];
  for (let i = 0; i < Math.min(queued.length, room); i++) {
    const last = i === room - 1 && queued.length > room;
    queuedRows.push([{ text: cut(last ? `⋯ ${queued.length - i} more lines queued` : `⋯ queued: ${queued[i]}`, w), kind: 'note' }]);
  }
  const heldRow: Row[] = heldRows
    ? [[{ text: cut(`⋯ ${held} more pasted line${held === 1 ? '' : 's'} held: ${label('line.submit')} runs this one and brings up the next, ${label('line.clear')} drops them`, w), kind: 'note' }]]
    : [];
  return [...queuedRows, ...main, ...heldRow];
}

interface Cell {
  text: string;
  width: number;
  kind: Kind;
}

/** The label (prompt or search) and the line as cells, the cursor's cell marked. */
function lineCells(state: ConsoleState, width: number): Cell[] {
  const { editor } = state;
  const search = editor.search;
  // Typeahead while a command runs: the typed text shows after a running marker, not the prompt.
  const label = search
    ? `(${search.failed ? 'failed ' : ''}reverse-i-search)'${search.query}': `
    : state.busy
      ? 'running… (Enter queues) '
      : fitPrompt(state.prompt, Math.floor(width / 3));
  const cells: Cell[] = [];
  const add = (text: string, kind: Kind) => {
    for (const ch of text) {
      const cw = charWidth(ch.codePointAt(0)!);
      const prev = cells.at(-1);
      // A combining mark stays with the character it marks.
      if (cw === 0 && prev) prev.text += ch;
      else cells.push({ text: ch, width: cw, kind });
    }
  };
  add(label, 'label');
  add(editor.text.slice(0, editor.cursor), 'text');
  const rest = editor.text.slice(editor.cursor);
  const first = rest.length > 0 ? String.fromCodePoint(rest.codePointAt(0)!) : '';
  if (first) {
    add(first, 'cursor');
    add(rest.slice(first.length), 'text');
  } else add(' ', 'cursor');
  return cells;
}

/** Cells into rows of at most `width` columns; a wide character never splits. */
function wrapCells(cells: readonly Cell[], width: number): Row[] {
  const rows: Row[] = [];
  let row: Row = [];
  let used = 0;
  for (const c of cells) {
    if (used + c.width > width && row.length > 0) {
      rows.push(row);
      row = [];
      used = 0;
    }
    const last = row.at(-1);
    if (last && last.kind === c.kind && c.kind !== 'cursor') last.text += c.text;
    else row.push({ text: c.text, kind: c.kind });
    used += c.width;
  }
  rows.push(row);
  return rows;
}

/** At most `max` rows, the cursor's row among them (the end of the line when it is there). */
function scrollToCursor(rows: Row[], max: number): Row[] {
  const limit = Math.max(1, max);
  if (rows.length <= limit) return rows;
  const at = rows.findIndex((r) => r.some((s) => s.kind === 'cursor'));
  const start = Math.min(Math.max(0, at - limit + 1), rows.length - limit);
  return rows.slice(start, start + limit);
}

/**
 * zkCli's prompt in at most `max` columns: a connect string of several servers becomes its first
 * server and how many more (`127.0.0.1:2181,+2`), then that server is cut (`zk1.exa…,+2`); the
 * state and the command count always stay. The header shows the connect string whole.
 */
export function fitPrompt(prompt: string, max: number): string {
  if (displayWidth(prompt) <= max) return prompt;
  const m = /^\[zk: (.*)\(([A-Z_]+)\) (\d+)\] $/.exec(prompt);
  if (m) {
    const [, cs, state, count] = m as unknown as [string, string, string, string];
    const form = (c: string) => `[zk: ${c}(${state}) ${count}] `;
    const hosts = cs.split(',');
    const chroot = /\/.*$/.exec(hosts.at(-1)!)?.[0] ?? '';
    const first = hosts.length > 1 ? hosts[0]! : cs.slice(0, cs.length - chroot.length);
    const more = hosts.length > 1 ? `,+${hosts.length - 1}` : '';
    const short = form(`${first}${more}${chroot}`);
    if (displayWidth(short) <= max) return short;
    const room = max - displayWidth(form(`…${more}`));
    if (room >= 1) return form(`${cut(first, room)}…${more}`);
  }
  return `…${keepEnd(prompt, max - 1)}`;
}

/** The longest start of `text` that fits in `max` columns. */
function cut(text: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (used + cw > max) break;
    out += ch;
    used += cw;
  }
  return out;
}

/** The longest end of `text` that fits in `max` columns. */
function keepEnd(text: string, max: number): string {
  const chars = [...text];
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = charWidth(chars[i]!.codePointAt(0)!);
    if (used + cw > max) break;
    out = chars[i] + out;
    used += cw;
  }
  return out;
}
