// How a step reads at a given moment: the current step's full view (target, check, commands,
// guard, countdown) evaluated over a context, and the name of a step still to come, taken in a
// preview that can change nothing.
import type { NodeView } from '../ensemble/types.js';
import type { CheckResult, CurrentStepView, StepContext, StepDef } from './types.js';

/** A step's id read as words (`roll-stop-2` → `roll stop 2`): the name of last resort. */
export function idWords(id: string): string {
  return id.replace(/-/g, ' ');
}

export function titleOf(step: StepDef, c: StepContext, target: NodeView | null): string {
  return typeof step.title === 'function' ? step.title(c, target) : step.title;
}

/** The current step evaluated over `c`; `startedAt` starts its minimum wait. */
export function evaluateStep(step: StepDef, at: { index: number; total: number; startedAt: number }, c: StepContext): CurrentStepView {
  const target = step.target?.(c) ?? null;
  const check: CheckResult | null = step.check ? step.check(c, target) : null;
  return {
    index: at.index,
    total: at.total,
    id: step.id,
    title: titleOf(step, c, target),
    why: step.why,
    target,
    commands: step.commands?.(c, target) ?? [],
    instructions: step.instructions?.(c, target) ?? [],
    check,
    guard: step.guard?.(c, target) ?? null,
    manual: !step.check,
    waitLeftMs: step.minWaitMs ? Math.max(0, at.startedAt + step.minWaitMs - c.now) : 0,
  };
}

/**
 * The title of a step still to come, without a target ("stop the next server (2 of 3)"): on a
 * copy of memory, with probes that answer null without running, so naming it changes nothing.
 */
export function previewTitle(step: StepDef, c: StepContext): string {
  try {
    return titleOf(step, { ...c, memory: structuredClone(c.memory), preview: true, probe: () => null }, null);
  } catch {
    return idWords(step.id); // a title that needs its target cannot say more yet
  }
}
