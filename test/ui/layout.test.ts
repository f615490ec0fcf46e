// Where the panes go by terminal size and F2: the shell with the ensemble line on small
// terminals, the panels beside (from 120 columns) or above (tall terminals) the shell, the panels
// full-screen; panes get the rows their content needs and the timeline the rest.
import { describe, expect, it } from 'vitest';
import { autoLayout, computeLayout, layoutMode, type PaneSlot } from '../../src/ui/layout.js';

const pane = (id: PaneSlot['id'], rows: number | null, summary = false): PaneSlot => ({
  id,
  title: id,
  wantedRows: () => rows,
  render: () => null,
  ...(summary ? { summary: () => null } : {}),
});
const table = pane('ensemble', 6, true);
const timeline = pane('timeline', null);
const noRun = pane('checklist', 0);
const run = pane('checklist', 8);
const CHROME = 3; // header, one input row, hint bar

describe('layout', () => {
  it('chooses by size: shell below 120 columns unless tall, split from 120 columns or 34 rows', () => {
    expect(autoLayout(80, 24)).toBe('shell');
    expect(autoLayout(100, 30)).toBe('shell');
    expect(autoLayout(120, 40)).toBe('split');
    expect(autoLayout(100, 40)).toBe('split');
    expect(layoutMode(80, 24, 1)).toBe('split');
    expect(layoutMode(80, 24, 2)).toBe('panels');
    expect(layoutMode(80, 24, 3)).toBe('shell');
  });

  it('shell: the ensemble line is on screen and every pane counts as hidden (F2 brings them)', () => {
    const l = computeLayout(80, 24, [table, timeline, noRun], 0, CHROME);
    expect(l.summaryLine).toBe(true);
    expect(l.bodyHeight).toBe(24 - 1 - CHROME - 1);
    expect(l.shell).toEqual({ width: 80, height: l.bodyHeight });
    expect(l.hidden).toBe(2); // the checklist has nothing to show: not counted
  });

  it('split at 120x40: a column beside the shell, the table its rows, the timeline the rest', () => {
    const l = computeLayout(120, 40, [table, timeline, noRun], 0, CHROME);
    expect(l.summaryLine).toBe(false);
    expect(l.beside!.width).toBe(50);
    expect(l.shell!.width).toBe(70);
    const [t, e] = l.beside!.panes;
    expect(t!.pane.id).toBe('ensemble');
    expect(t!.height).toBe(6 + 3);
    expect(e!.pane.id).toBe('timeline');
    expect(t!.height + e!.height).toBe(l.bodyHeight);
    expect(l.hidden).toBe(0);
  });

  it('an active checklist gets its rows between the table and the timeline', () => {
    const l = computeLayout(200, 50, [table, run, timeline], 0, CHROME);
    expect(l.beside!.panes.map((p) => [p.pane.id, p.height])).toEqual([
      ['ensemble', 9],
      ['checklist', 11],
      ['timeline', l.bodyHeight - 9 - 11],
    ]);
  });

  it('split on a narrower terminal: the table (and a run) above the shell, the shell keeps its rows', () => {
    const l = computeLayout(80, 24, [table, timeline, run], 1, CHROME);
    expect(l.mode).toBe('split');
    expect(l.stacked.map((p) => p.pane.id)).toEqual(['ensemble', 'checklist'].slice(0, l.stacked.length));
    expect(l.shell!.height).toBeGreaterThanOrEqual(6);
    expect(l.stacked.reduce((n, p) => n + p.height, 0) + l.shell!.height).toBe(l.bodyHeight);
  });

  it('panels: every pane full width, no shell pane, the timeline the rest', () => {
    const l = computeLayout(80, 24, [table, timeline, noRun], 2, CHROME);
    expect(l.shell).toBeNull();
    expect(l.stacked.map((p) => [p.pane.id, p.width])).toEqual([
      ['ensemble', 80],
      ['timeline', 80],
    ]);
    expect(l.stacked.reduce((n, p) => n + p.height, 0)).toBe(l.bodyHeight);
  });

  it('gives the input line the rows it wraps onto', () => {
    const one = computeLayout(120, 40, [table, timeline], 0, CHROME);
    const three = computeLayout(120, 40, [table, timeline], 0, CHROME + 2);
    expect(three.bodyHeight).toBe(one.bodyHeight - 2);
  });
});
