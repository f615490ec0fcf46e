// Where everything goes on a terminal of a given size. Three layouts, chosen by size and cycled
// with F2 (btop-style):
//   shell   the shell pane with the ensemble in one line under the header (small terminals);
//   split   the shell with the panels beside it (from 120 columns) or above it (tall terminals);
//   panels  the panels full-screen: table, checklist, timeline, one above the other.
// Panes take the rows their content needs (the table its servers and health line, the checklist
// only while a run is active or has just ended); the timeline takes what is left.
import type { ReactNode } from 'react';
import type { PaneId } from './console/consoleStore.js';
import type { PaneKeys } from './input/useConsoleKeys.js';

export interface PaneSize {
  width: number;
  height: number;
  focused: boolean;
}

/** A panel of the console (ensemble table, event timeline, checklist). */
export interface PaneSlot {
  id: Exclude<PaneId, 'shell'>;
  title: string;
  /** Rows of content it needs now at this inner width; 0: nothing to show (no checklist run); null: whatever is left (the timeline). */
  wantedRows(width: number): number | null;
  focusable?: boolean;
  render(size: PaneSize): ReactNode;
  /** Its keymap context and actions while focused (the timeline's scroll keys). */
  keys?: PaneKeys;
  /** The pane in one row, shown in the layouts without it (the ensemble line). */
  summary?(width: number): ReactNode;
}

export type LayoutMode = 'shell' | 'split' | 'panels';
export const LAYOUT_CYCLE: readonly LayoutMode[] = ['shell', 'split', 'panels'];

export interface PlacedPane {
  pane: PaneSlot;
  /** Outer size, border and title included. */
  width: number;
  height: number;
}

export interface Layout {
  mode: LayoutMode;
  /** The one-line ensemble summary under the header: whenever the table is not on screen. */
  summaryLine: boolean;
  bodyHeight: number;
  /** The shell pane; null in the panels layout. */
  shell: { width: number; height: number } | null;
  /** Full-width panes above the shell (split on a narrow terminal) or filling the body (panels). */
  stacked: PlacedPane[];
  /** The column right of the shell (split from 120 columns). */
  beside: { width: number; panes: PlacedPane[] } | null;
  /** Panes that exist but are not on screen (F2 shows them). */
  hidden: number;
}

export const MIN_COLS = 60;
export const MIN_ROWS = 15;
/** From this width the panels go beside the shell. */
const BESIDE_AT = 120;
/** From this height (in rows) a narrower terminal shows the panels above the shell. */
const ABOVE_AT = 34;
/** A pane's frame: top and bottom border and its title row. */
const FRAME = 3;
/** The shell pane keeps at least this many rows under panels. */
const MIN_SHELL_ROWS = 6;
/** A timeline shorter than this is left out rather than shown as a sliver. */
const MIN_TIMELINE_ROWS = 3;

/** The layout the terminal's size calls for. */
export function autoLayout(cols: number, rows: number): LayoutMode {
  if (cols >= BESIDE_AT || rows >= ABOVE_AT) return 'split';
  return 'shell';
}

/** The layout after `shift` presses of F2 from the automatic one. */
export function layoutMode(cols: number, rows: number, shift: number): LayoutMode {
  const start = LAYOUT_CYCLE.indexOf(autoLayout(cols, rows));
  return LAYOUT_CYCLE[(start + shift) % LAYOUT_CYCLE.length]!;
}

/**
 * Stacks panes into `height` rows: fixed-size panes get what they want (each capped so the rest
 * keep something), the flexible one (the timeline) the remainder, or nothing if that is a sliver.
 */
function stack(panes: readonly PaneSlot[], width: number, height: number, fill = true): PlacedPane[] {
  const inner = width - 2;
  const shown = panes.filter((p) => p.wantedRows(inner) !== 0);
  const placed: PlacedPane[] = [];
  let left = height;
  const fixed = shown.filter((p) => p.wantedRows(inner) !== null);
  fixed.forEach((pane, i) => {
    // Later fixed panes and the flexible one still need a frame and a row or two.
    const reserve = (fixed.length - i - 1) * (FRAME + 2);
    const h = Math.max(0, Math.min(pane.wantedRows(inner)! + FRAME, left - reserve));
    if (h > FRAME) {
      placed.push({ pane, width, height: h });
      left -= h;
    }
  });
  const flexible = shown.find((p) => p.wantedRows(inner) === null);
  if (flexible && left >= FRAME + MIN_TIMELINE_ROWS) placed.push({ pane: flexible, width, height: left });
  else if (fill && placed.length > 0) placed[placed.length - 1]!.height += left;
  // Screen order is the panes' order, whatever order they were sized in.
  return shown.flatMap((p) => placed.filter((x) => x.pane === p));
}

/**
 * `chromeRows`: rows the header, input line and hint bar take (the input line may wrap onto
 * several). The body is what remains of the rows-1 frame.
 */
export function computeLayout(cols: number, rows: number, panes: readonly PaneSlot[], shift: number, chromeRows: number): Layout {
  const frameRows = rows - 1;
  // Panes with nothing to show (no checklist run) are not "hidden": F2 would not bring them.
  const showable = panes.filter((p) => p.wantedRows(cols - 2) !== 0).length;
  const mode = panes.length === 0 ? 'shell' : layoutMode(cols, rows, shift);
  const summaryLine = panes.some((p) => p.summary) && mode === 'shell';
  const bodyHeight = Math.max(1, frameRows - chromeRows - (summaryLine ? 1 : 0));
  const base = { mode, summaryLine, bodyHeight, beside: null, stacked: [] as PlacedPane[] };
  if (mode === 'shell') return { ...base, shell: { width: cols, height: bodyHeight }, hidden: showable };
  if (mode === 'panels') {
    const stacked = stack(panes, cols, bodyHeight);
    return { ...base, shell: null, stacked, hidden: showable - stacked.length };
  }
  if (cols >= BESIDE_AT) {
    const width = Math.max(44, Math.min(90, Math.floor(cols * 0.42)));
    const beside = stack(panes, width, bodyHeight);
    return { ...base, shell: { width: cols - width, height: bodyHeight }, beside: { width, panes: beside }, hidden: showable - beside.length };
  }
  // Above the shell: the table and an active checklist, each its own full-width box; the timeline
  // is the panels layout's (a sliver of it above the shell would be cut on every line).
  const above = stack(panes.filter((p) => p.wantedRows(cols - 2) !== null), cols, Math.max(0, bodyHeight - MIN_SHELL_ROWS), false);
  const used = above.reduce((n, p) => n + p.height, 0);
  return { ...base, shell: { width: cols, height: bodyHeight - used }, stacked: above, hidden: showable - above.length };
}
