// The checklist as text: one row per step (done / current / pending, elapsed), the current
// step's target, check status, suggested command and guard. Shared by `runbook status` and the pane.
import { name } from './checks.js';
import type { ChecklistView } from './checklistView.js';
import { idWords } from './stepView.js';
import type { StepStatus } from './types.js';

export interface ChecklistRow {
  index: number;
  status: StepStatus;
  title: string;
  elapsedMs: number | null;
  how: string | null;
}

export const STATUS_MARK: Record<StepStatus, string> = { done: '✔', current: '▶', pending: '·', skipped: '↷' };

export function formatElapsed(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export function checklistRows(engine: ChecklistView, now = Date.now()): ChecklistRow[] {
  const active = engine.active;
  if (!active) return [];
  const titles = engine.stepTitles();
  return active.state.steps.map((r, i) => {
    const title = titles[i]!;
    const end = r.endedAt ?? (r.status === 'current' ? now : null);
    return { index: i, status: r.status, title, elapsedMs: r.startedAt !== null && end !== null ? end - r.startedAt : null, how: r.how };
  });
}

/** The one-line banner: `next: stop server.2 (follower) — node stop 2`. */
export function nextBanner(engine: ChecklistView): string | null {
  const v = engine.current;
  if (!v) return null;
  const parts = [`next (${v.index + 1}/${v.total}): ${v.title}`];
  if (v.guard) parts.push(`blocked: ${v.guard}`);
  else if (v.commands[0]) parts.push(v.commands[0]);
  else if (v.instructions[0]) parts.push(v.manual ? `${v.instructions[0]}; step done when done` : v.instructions[0]);
  else if (v.manual) parts.push('step done when done');
  return parts.join(' — ');
}

/** Details of the current step, for `runbook status` and under the pane's rows. */
export function currentDetails(engine: ChecklistView): string[] {
  const v = engine.current;
  if (!v) return [];
  const lines = [`why: ${v.why}`];
  if (v.target) lines.push(`target: ${name(v.target)} (${v.target.role})`);
  if (v.check) lines.push(`check: ${v.check.ok ? 'ok' : 'waiting'} — ${v.check.text}`);
  else lines.push('manual: `step done` when done');
  if (v.waitLeftMs > 0) lines.push(`wait: ${Math.ceil(v.waitLeftMs / 1000)} s left`);
  if (v.guard) lines.push(`guard: ${v.guard}`);
  for (const c of v.commands) lines.push(`command: ${c}`);
  for (const i of v.instructions) lines.push(`do: ${i}`);
  return lines;
}

export const NO_RUN = 'no runbook is running (runbook list, runbook start ID)';

/** One checklist row as text: mark, number, title, elapsed, and how it ended (`withHow`). */
export function rowText(r: ChecklistRow, withHow = false): string {
  const elapsed = r.elapsedMs !== null ? `  ${formatElapsed(r.elapsedMs)}` : '';
  return `${STATUS_MARK[r.status]} ${String(r.index + 1).padStart(2)} ${r.title}${elapsed}${withHow && r.how ? `  (${r.how})` : ''}`;
}

/**
 * The run that ended last, for a look back once it is over: its steps with the titles they had
 * (a done step names its node), elapsed, and how each ended; the step an abort stopped at is
 * marked current. Empty when no run has ended in this console.
 */
export function lastRunRows(engine: ChecklistView): ChecklistRow[] {
  const last = engine.last;
  if (!last) return [];
  return last.steps.map((r, i) => ({
    index: i,
    status: r.status,
    title: r.title ?? idWords(r.id),
    elapsedMs: r.startedAt !== null && r.endedAt !== null ? r.endedAt - r.startedAt : null,
    how: r.status === 'current' ? 'aborted here' : r.how,
  }));
}

/** `last run: Z1 Rolling version upgrade finished 10:03:12Z after 3m40s — 8 done, 0 skipped`. */
export function lastRunSummary(engine: ChecklistView): string | null {
  const last = engine.last;
  if (!last) return null;
  const title = engine.find(last.runbookId)?.title ?? '';
  const ends = last.steps.map((s) => s.endedAt ?? s.startedAt ?? 0);
  const endedAt = Math.max(last.startedAt, ...ends);
  const count = (status: string) => last.steps.filter((s) => s.status === status).length;
  const how = last.status === 'aborted' ? `aborted at step ${last.current + 1}/${last.steps.length}` : last.status;
  const clock = new Date(endedAt).toISOString().slice(11, 19);
  return `last run: ${last.runbookId} ${title} ${how} ${clock}Z after ${formatElapsed(endedAt - last.startedAt)} — ${count('done')} done, ${count('skipped')} skipped`;
}

export function statusText(engine: ChecklistView, now = Date.now()): string[] {
  const active = engine.active;
  if (!active) {
    const summary = lastRunSummary(engine);
    return summary ? [NO_RUN, summary, ...lastRunRows(engine).map((r) => rowText(r, true))] : [NO_RUN];
  }
  const { def, state } = active;
  const head = `${def.id} ${def.title} — step ${state.current + 1}/${state.steps.length}, started ${new Date(state.startedAt).toISOString()}`;
  const rows = checklistRows(engine, now).map((r) => rowText(r, true));
  return [head, ...rows, ...currentDetails(engine).map((l) => `   ${l}`)];
}
