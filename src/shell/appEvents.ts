// The one event stream of a zkpilot run. The UI, exec mode, the ensemble model, the checklist
// engine and the session recorder all publish to and subscribe from the same bus.
import type { EnsembleEvent } from '../ensemble/eventTypes.js';
import type { SessionState, WatchEvent } from '../zk/types.js';
import type { OutputLine } from './output.js';

export type CommandSource = 'tui' | 'exec' | 'script' | 'redo' | 'runbook';

export type AppEventBody =
  | { type: 'session.state'; state: SessionState; previous: SessionState; connectString: string; sessionId: string | null }
  | { type: 'watch'; event: WatchEvent }
  | { type: 'command.start'; id: number; line: string; source: CommandSource } // line is already redacted
  | { type: 'command.end'; id: number; exitCode: number; durationMs: number }
  | { type: 'output'; line: OutputLine; commandId: number | null }
  | { type: 'confirm'; question: string; accepted: boolean; how: 'prompt' | 'flag' | 'refused-noninteractive' }
  | { type: 'notice'; level: 'info' | 'warn' | 'error'; text: string }
  // Session annotations (src/sessions): typed in this console ('console') or by `zkpilot note|mark`
  // in another pane ('pair', already in the recording when they arrive here).
  | { type: 'note'; text: string; author: string; origin: 'console' | 'pair' }
  | { type: 'mark'; label: string; author: string; origin: 'console' | 'pair' }
  // The live ensemble model's changes (leader elected/lost, election gap, role, down/up/hung,
  // config version with diff, epoch, session state); `event.ts` is when the model saw it.
  | { type: 'ensemble.event'; event: EnsembleEvent }
  // A long command's progress (copy, verify, deleteall of a big tree): throttled snapshots while
  // it runs, then one final snapshot whose state is not 'running'.
  | { type: 'progress'; commandId: number | null; progress: ProgressInfo }
  // Checklist transitions (src/runbooks): started, step started/done/skipped/back, guard refused or
  // forced, aborted, finished, resumed. `runbook` fills the exporter's RUNBOOK column.
  | { type: 'runbook'; runbook: string; kind: RunbookEventKind; text: string; step?: string; stepIndex?: number; target?: number | null; operator?: string }
  // A checklist's suggested command put on the input line (the operator's Enter runs it).
  | { type: 'runbook.fill'; runbook: string; line: string };

export type RunbookEventKind =
  | 'started' | 'resumed' | 'step.started' | 'step.done' | 'step.skipped' | 'step.back' | 'aborted' | 'finished'
  | 'guard.refused' | 'guard.forced' | 'guard.warned' | 'node.action';

/** One progress snapshot: what the TUI's progress line and exec mode's stderr line show. */
export interface ProgressInfo {
  label: string;
  done: number;
  /** null while unknown (still counting). */
  total: number | null;
  /** The total is an estimate from the part of the tree read so far (shown with `~`). */
  estimated?: boolean;
  unit: string;
  ratePerSec: number;
  etaMs: number | null;
  elapsedMs: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
}

export type AppEvent = AppEventBody & { ts: number };
export type AppEventType = AppEvent['type'];
export type AppEventOf<T extends AppEventType> = Extract<AppEvent, { type: T }>;

type Listener = (event: AppEvent) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit(body: AppEventBody): void {
    const event = { ...body, ts: Date.now() } as AppEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break the operator's command or the other subscribers.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<T extends AppEventType>(type: T, listener: (event: AppEventOf<T>) => void): () => void {
    return this.subscribe((e) => {
      if (e.type === type) listener(e as AppEventOf<T>);
    });
  }
}
