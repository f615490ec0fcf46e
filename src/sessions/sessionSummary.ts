// One row of `zkpilot sessions`: who, what, when, how long, how it went — derived from the events.
import { isNote, num, str, type RecordedEvent } from './sessionEvents.js';
import { sessionStatus, type LoadedSession, type SessionStatus } from './sessionReader.js';

export interface SessionSummary {
  id: string;
  dir: string;
  startedAt: number | null;
  /** Last event time (or the end event's) minus the start; null without events. */
  durationMs: number | null;
  operator: string | null;
  cluster: string | null;
  mode: string | null;
  runbook: string | null;
  commands: number;
  errors: number;
  notes: number;
  status: SessionStatus;
}

/** Commands typed for the recording itself (`note`, `mark`): not steps of the work. */
export function isAnnotationCommand(line: string): boolean {
  return /^\s*(note|mark)(\s|$)/.test(line);
}

/** A failed command or an error notice: what the `errors` column counts. */
export function isErrorEvent(e: RecordedEvent): boolean {
  if (e.type === 'command.end') return (num(e, 'exitCode') ?? 0) !== 0;
  if (e.type === 'notice') return str(e, 'level') === 'error';
  return e.type === 'error';
}

/** The runbook a session followed: the start event's, else the first event naming one. */
export function runbookOf(events: readonly RecordedEvent[]): string | null {
  for (const e of events) {
    const direct = str(e, 'runbook') ?? str(e, 'runbookId') ?? str(e, 'runbookTitle');
    if (direct) return direct;
    const nested = e['runbook'];
    if (nested && typeof nested === 'object') {
      const r = nested as Record<string, unknown>;
      const name = typeof r['title'] === 'string' ? r['title'] : typeof r['id'] === 'string' ? r['id'] : null;
      if (name) return name;
    }
  }
  return null;
}

export function summarise(s: LoadedSession): SessionSummary {
  const { events, start, end } = s;
  const first = start?.ts ?? events[0]?.ts ?? null;
  const last = end?.ts ?? events[events.length - 1]?.ts ?? null;
  let commands = 0;
  let errors = 0;
  for (const e of events) {
    if (e.type === 'command.start' && !isAnnotationCommand(str(e, 'line') ?? '')) commands += 1;
    if (isErrorEvent(e)) errors += 1;
  }
  return {
    id: s.ref.id,
    dir: s.ref.dir,
    startedAt: first,
    durationMs: first !== null && last !== null ? Math.max(0, last - first) : null,
    operator: start?.operator ?? null,
    cluster: start?.cluster ?? null,
    mode: start?.mode ?? null,
    runbook: runbookOf(events),
    commands,
    errors,
    notes: events.filter(isNote).length,
    status: sessionStatus(s),
  };
}
