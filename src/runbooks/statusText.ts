// The checklist as text: one row per step (done / current / pending, elapsed), the current
// step's target, check status, suggested command and guard. Shared by `runbook status` and the pane.
import { name } from './checks.js';
import type { RunbookEngine } from './engine.js';
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

export function checklistRows(engine: RunbookEngine, now = Date.now()): ChecklistRow[] {
  const active = engine.active;
  if (!active) return [];
  const { state } = active;
  const current = engine.current;
  return state.steps.map((r, i) => {
    const title = i === state.current && current ? current.title : engine.stepTitle(i);
    const end = r.endedAt ?? (r.status === 'current' ? now : null);
    return { index: i, status: r.status, title, elapsedMs: r.startedAt !== null && end !== null ? end - r.startedAt : null, how: r.how };
  });
}

/** The one-line banner: `next: stop server.2 (follower) — node stop 2`. */
export function nextBanner(engine: RunbookEngine): string | null {
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
export function currentDetails(engine: RunbookEngine): string[] {
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

export function statusText(engine: RunbookEngine, now = Date.now()): string[] {
  const active = engine.active;
  if (!active) {
    const last = engine.last;
    const tail = last ? `; last: ${last.runbookId} ${last.status} at step ${last.current + 1}/${last.steps.length}` : '';
    return [`no runbook is running (runbook list, runbook start ID)${tail}`];
  }
  const { def, state } = active;
  const head = `${def.id} ${def.title} — step ${state.current + 1}/${state.steps.length}, started ${new Date(state.startedAt).toISOString()}`;
  const rows = checklistRows(engine, now).map(
    (r) => `${STATUS_MARK[r.status]} ${String(r.index + 1).padStart(2)} ${r.title}${r.elapsedMs !== null ? `  ${formatElapsed(r.elapsedMs)}` : ''}${r.how && r.status !== 'current' ? `  (${r.how})` : ''}`,
  );
  return [head, ...rows, ...currentDetails(engine).map((l) => `   ${l}`)];
}
