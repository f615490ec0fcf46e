// Any recorded event in words, for the Markdown timeline, the replay/follow timeline and the
// cast markers. Known types get their own sentence; ensemble events carry their own text (the
// ensemble model writes it); any other type — a checklist transition, something added later —
// is shown generically as its type and its plain fields, so nothing recorded is ever hidden.
import { isMark, isNote, num, str, type RecordedEvent } from './sessionEvents.js';
import { duration } from './timeFormat.js';
import { sessionStateWord } from '../zk/sessionStateWords.js';
export { sessionStateWord };

export type EventCategory = 'lifecycle' | 'command' | 'result' | 'output' | 'note' | 'mark' | 'ensemble' | 'connection' | 'confirm' | 'notice' | 'watch' | 'checklist' | 'other';

export type EventTone = 'plain' | 'ok' | 'warn' | 'error' | 'info' | 'dim';

export interface EventWords {
  category: EventCategory;
  /** Who did it: the operator, a note's author, "ensemble", "zk session". */
  who: string;
  text: string;
  tone: EventTone;
}



/** The ensemble event inside a bus `ensemble.event` (or an event recorded flat with a `kind`). */
export function ensemblePayload(e: RecordedEvent): Record<string, unknown> | null {
  if (e.type === 'ensemble.event' && e['event'] && typeof e['event'] === 'object') return e['event'] as Record<string, unknown>;
  return null;
}

export function describeRecorded(e: RecordedEvent, operator: string): EventWords {
  const w = (category: EventCategory, who: string, text: string, tone: EventTone = 'plain'): EventWords => ({ category, who, text, tone });
  switch (e.type) {
    case 'start':
      return w('lifecycle', str(e, 'operator') ?? operator, `recording started: ${str(e, 'cluster') ?? '?'} (${str(e, 'mode') ?? 'tui'}, zkpilot ${str(e, 'version') ?? '?'})`, 'info');
    case 'end':
      return e['clean'] === true
        ? w('lifecycle', operator, 'recording ended (clean)', 'info')
        : w('lifecycle', operator, `recording ended unclean${str(e, 'reason') ? `: ${str(e, 'reason')}` : ''}`, 'error');
    case 'resize':
      return w('lifecycle', operator, `terminal resized to ${num(e, 'cols')}×${num(e, 'rows')}`, 'dim');
    case 'command.start':
      return w('command', operator, str(e, 'line') ?? '', 'plain');
    case 'command.end': {
      const code = num(e, 'exitCode') ?? 0;
      const took = num(e, 'durationMs');
      return w('result', operator, `${code === 0 ? 'ok' : `exit ${code}`}${took !== null ? ` in ${duration(took)}` : ''}`, code === 0 ? 'ok' : 'error');
    }
    case 'output': {
      const line = (e['line'] ?? {}) as Record<string, unknown>;
      const stream = typeof line['stream'] === 'string' ? line['stream'] : 'stdout';
      return w('output', operator, typeof line['text'] === 'string' ? line['text'] : '', stream === 'stderr' ? 'error' : 'plain');
    }
    case 'confirm': {
      const how = str(e, 'how');
      const verdict = e['accepted'] === true ? (how === 'flag' ? 'forced with --yes' : 'accepted') : how === 'refused-noninteractive' ? 'refused (nobody to ask)' : 'declined';
      return w('confirm', operator, `confirm "${str(e, 'question') ?? ''}" → ${verdict}`, e['accepted'] === true ? 'warn' : 'info');
    }
    case 'notice': {
      const level = str(e, 'level');
      return w('notice', 'zkpilot', str(e, 'text') ?? '', level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info');
    }
    case 'session.state': {
      const state = str(e, 'state') ?? '?';
      const tone: EventTone = state === 'CONNECTED' ? 'ok' : state === 'EXPIRED' || state === 'AUTH_FAILED' ? 'error' : 'warn';
      return w('connection', 'zk session', `client session ${sessionStateWord(state)} (was ${sessionStateWord(str(e, 'previous') ?? '?')})`, tone);
    }
    case 'watch': {
      const ev = (e['event'] ?? {}) as Record<string, unknown>;
      return w('watch', 'zk session', `watch: ${String(ev['type'] ?? '?')}${ev['path'] ? ` ${String(ev['path'])}` : ''}`, 'dim');
    }
    case 'ensemble.event': {
      const inner = ensemblePayload(e) ?? {};
      const text = typeof inner['text'] === 'string' ? inner['text'] : genericText(String(inner['kind'] ?? 'ensemble'), inner);
      const sev = inner['severity'];
      return w('ensemble', 'ensemble', text, sev === 'error' ? 'error' : sev === 'warn' ? 'warn' : sev === 'ok' ? 'ok' : 'info');
    }
    default:
      break;
  }
  if (isNote(e)) return w('note', str(e, 'author') ?? operator, e.text, 'info');
  if (isMark(e)) return w('mark', str(e, 'author') ?? operator, str(e, 'label') ?? '', 'info');
  if (e.type.startsWith('checklist')) return w('checklist', str(e, 'operator') ?? operator, typeof e['text'] === 'string' ? e['text'] : genericText(e.type, e), 'info');
  return w('other', operator, typeof e['text'] === 'string' ? `${e.type}: ${e['text']}` : genericText(e.type, e), 'plain');
}

/** `checklist.step: runbook=rolling-restart step=3 status=done`: scalar fields, nested ones summarised. */
export function genericText(type: string, fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'type' || k === 'ts') continue;
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}=${String(v)}`);
    else parts.push(`${k}=${truncate(JSON.stringify(v), 60)}`);
  }
  return truncate(parts.length ? `${type}: ${parts.join(' ')}` : type, 240);
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
