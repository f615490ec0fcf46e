// What happened in a session, assembled from its events for the postmortem: the commands with
// their results, output and confirmations; how long each step took; which node led when and how
// long the elections took; errors; notes and marks. Pure data; exportMarkdown.ts writes it out.
import { ensemblePayload } from './eventWords.js';
import { isMark, isNote, num, str, type RecordedEvent } from './sessionEvents.js';
import type { LoadedSession } from './sessionReader.js';
import { isAnnotationCommand, isErrorEvent } from './sessionSummary.js';

export interface CommandStep {
  n: number;
  id: number | null;
  line: string;
  source: string | null;
  ts: number;
  exitCode: number | null;
  durationMs: number | null;
  /** Until the next command starts (or the session ends): the step as the operator lived it. */
  stepMs: number | null;
  output: { stream: string; text: string }[];
  confirms: { question: string; accepted: boolean; how: string }[];
}

export interface LeaderPeriod {
  node: string;
  from: number;
  to: number | null;
}

export interface Story {
  startMs: number;
  endMs: number;
  commands: CommandStep[];
  /** A command.start event → its step (note/mark commands have none). */
  stepOf: Map<RecordedEvent, CommandStep>;
  leaders: LeaderPeriod[];
  /** Ensemble and client-session events, in order. */
  ensemble: RecordedEvent[];
  errors: RecordedEvent[];
  annotations: RecordedEvent[];
}

export function nodeName(ref: unknown): string {
  if (!ref || typeof ref !== 'object') return '?';
  const r = ref as Record<string, unknown>;
  const key = typeof r['key'] === 'string' ? r['key'] : '?';
  return typeof r['id'] === 'number' ? `server.${r['id']} (${key})` : key;
}

export function buildStory(session: LoadedSession): Story {
  const { events } = session;
  const startMs = session.start?.ts ?? events[0]?.ts ?? 0;
  const endMs = session.end?.ts ?? events[events.length - 1]?.ts ?? startMs;
  const commands: CommandStep[] = [];
  const open = new Map<number, CommandStep>();
  const leaders: LeaderPeriod[] = [];
  const story: Story = { startMs, endMs, commands, stepOf: new Map(), leaders, ensemble: [], errors: [], annotations: [] };
  let running: CommandStep | null = null;

  for (const e of events) {
    if (isErrorEvent(e)) story.errors.push(e);
    if (isNote(e) || isMark(e)) story.annotations.push(e);
    switch (e.type) {
      case 'command.start': {
        const line = str(e, 'line') ?? '';
        if (isAnnotationCommand(line)) break;
        const step: CommandStep = { n: commands.length + 1, id: num(e, 'id'), line, source: str(e, 'source'), ts: e.ts, exitCode: null, durationMs: null, stepMs: null, output: [], confirms: [] };
        commands.push(step);
        story.stepOf.set(e, step);
        if (step.id !== null) open.set(step.id, step);
        running = step;
        break;
      }
      case 'command.end': {
        const step = open.get(num(e, 'id') ?? -1);
        if (!step) break;
        step.exitCode = num(e, 'exitCode');
        step.durationMs = num(e, 'durationMs');
        open.delete(step.id!);
        if (running === step) running = null;
        break;
      }
      case 'output': {
        const step = open.get(num(e, 'commandId') ?? -1);
        const line = (e['line'] ?? {}) as Record<string, unknown>;
        if (step) step.output.push({ stream: String(line['stream'] ?? 'stdout'), text: String(line['text'] ?? '') });
        break;
      }
      case 'confirm':
        running?.confirms.push({ question: str(e, 'question') ?? '', accepted: e['accepted'] === true, how: str(e, 'how') ?? '' });
        break;
      case 'session.state':
        story.ensemble.push(e);
        break;
      default:
        if (ensemblePayload(e)) {
          story.ensemble.push(e);
          trackLeader(leaders, e);
        }
    }
  }
  commands.forEach((c, i) => {
    const next = commands[i + 1];
    c.stepMs = (next ? next.ts : endMs) - c.ts;
  });
  return story;
}

/** Who led when: an observed or elected leader opens a period, a lost one closes it. */
function trackLeader(periods: LeaderPeriod[], e: RecordedEvent): void {
  const inner = ensemblePayload(e)!;
  const current = periods[periods.length - 1];
  const close = () => {
    if (current && current.to === null) current.to = e.ts;
  };
  if (inner['kind'] === 'ensemble.observed' && inner['leader']) {
    close();
    periods.push({ node: nodeName(inner['leader']), from: e.ts, to: null });
  } else if (inner['kind'] === 'leader.elected') {
    close();
    periods.push({ node: nodeName(inner['node']), from: e.ts, to: null });
  } else if (inner['kind'] === 'leader.lost') {
    close();
  }
}
