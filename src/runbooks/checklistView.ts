// What the checklist shows of the engine, as one immutable value per change: the engine keeps
// mutating its run (and persists it), while the pane renders a copy that never changes under it,
// so useSyncExternalStore can tell a change by identity.
import type { CurrentStepView, RunbookDef, RunState, StepDef } from './types.js';

export interface ActiveRun {
  def: RunbookDef;
  state: RunState;
  steps: readonly StepDef[];
}

/** Read by the status text (`runbook status`, the pane); the engine and its snapshots both are one. */
export interface ChecklistView {
  readonly active: ActiveRun | null;
  readonly current: CurrentStepView | null;
  /** The run that ended last (finished or aborted). */
  readonly last: RunState | null;
  stepTitles(): string[];
  find(id: string): RunbookDef | undefined;
}

/** A frozen copy of what `source` shows now. */
export function freezeView(source: ChecklistView): ChecklistView {
  const live = source.active;
  const active = live ? Object.freeze({ def: live.def, steps: live.steps, state: structuredClone(live.state) }) : null;
  const titles = Object.freeze(source.stepTitles());
  const last = source.last ? structuredClone(source.last) : null;
  const find = (id: string) => source.find(id);
  return Object.freeze({ active, current: source.current, last, stepTitles: () => [...titles], find });
}
