// The checklist as a pane slot for the console layout (layout.ts): on screen while a run is
// active, and for a while after it ended (how it ended, its steps); otherwise it gives its rows
// to the timeline.
import type { RunbookEngine } from '../../runbooks/engine.js';
import type { ChecklistView } from '../../runbooks/checklistView.js';
import type { PaneSlot } from '../layout.js';
import { ChecklistPanel } from './ChecklistPanel.js';

export function checklistPane(engine: RunbookEngine): PaneSlot {
  return {
    id: 'checklist',
    title: 'Checklist',
    wantedRows: () => checklistRows(engine.getSnapshot(), Date.now()),
    focusable: false,
    render: (size) => <ChecklistPanel engine={engine} width={size.width} height={size.height} />,
  };
}

/** How long a finished or aborted run stays on screen. */
export const ENDED_RUN_SHOWN_MS = 10 * 60_000;

/** Banner, a row per step and the check lines while a run is active; the summary for a while after. */
export function checklistRows(view: ChecklistView, now: number): number {
  if (view.active) return Math.min(14, view.active.state.steps.length + 4);
  const last = view.last;
  if (!last) return 0;
  const ended = Math.max(last.startedAt, ...last.steps.map((s) => s.endedAt ?? 0));
  return now - ended < ENDED_RUN_SHOWN_MS ? Math.min(10, last.steps.length + 2) : 0;
}
