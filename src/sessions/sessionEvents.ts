// The shapes of a session's events.jsonl. Every line is one JSON object with `type` and `ts`
// (ms since the epoch). Bus events (src/shell/appEvents.ts) are recorded as they are, redacted,
// so a type added to the bus later is recorded without a change here; the recorder adds its own
// lifecycle types (`start`, `end`, `resize`) and pairing writes `note`/`mark` with origin 'pair'.

/** Bumped when a reader could misread an older file; readers accept any version they know. */
export const SESSION_FORMAT_VERSION = 1;

export const EVENTS_FILE = 'events.jsonl';
/** The rendered screen as asciicast v2, appended live (TUI runs only). */
export const SCREEN_FILE = 'screen.cast';
/** Notes and marks from other panes, so the running console shows them at once (see pairing.ts). */
export const INBOX_FILE = 'inbox.jsonl';

export interface RecordedEvent {
  type: string;
  ts: number;
  [field: string]: unknown;
}

export type RunMode = 'tui' | 'exec';

export interface StartEvent extends RecordedEvent {
  type: 'start';
  v: number;
  id: string;
  operator: string;
  cluster: string;
  connectString: string | null;
  version: string;
  term: { cols: number; rows: number } | null;
  mode: RunMode;
  pid: number;
  host: string;
  runbook: string | null;
  /** TERM and SHELL only (asciinema's guidance: nothing else from the environment). */
  env: Record<string, string>;
}

export interface EndEvent extends RecordedEvent {
  type: 'end';
  clean: boolean;
  exitCode: number | null;
  reason: string | null;
}

export interface ResizeEvent extends RecordedEvent {
  type: 'resize';
  cols: number;
  rows: number;
}

/** 'console': typed in the recorded console; 'pair': `zkpilot note|mark` from another pane. */
export type AnnotationOrigin = 'console' | 'pair';

export interface NoteEvent extends RecordedEvent {
  type: 'note';
  text: string;
  author: string;
  origin: AnnotationOrigin;
}

export interface MarkEvent extends RecordedEvent {
  type: 'mark';
  label: string;
  author: string;
  origin: AnnotationOrigin;
}

/** A line that parsed as JSON is an event only if it carries a type and a time. */
export function isRecordedEvent(value: unknown): value is RecordedEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v['type'] === 'string' && typeof v['ts'] === 'number' && Number.isFinite(v['ts']);
}

export function isStart(e: RecordedEvent): e is StartEvent {
  return e.type === 'start' && typeof e['id'] === 'string';
}

export function isEnd(e: RecordedEvent): e is EndEvent {
  return e.type === 'end';
}

export function isNote(e: RecordedEvent): e is NoteEvent {
  return e.type === 'note' && typeof e['text'] === 'string';
}

export function isMark(e: RecordedEvent): e is MarkEvent {
  return e.type === 'mark';
}

export function isResize(e: RecordedEvent): e is ResizeEvent {
  return e.type === 'resize' && typeof e['cols'] === 'number' && typeof e['rows'] === 'number';
}

/** A string field, or null (events come from files: never trust a field's type). */
export function str(e: RecordedEvent | Record<string, unknown>, key: string): string | null {
  const v = e[key];
  return typeof v === 'string' ? v : null;
}

export function num(e: RecordedEvent | Record<string, unknown>, key: string): number | null {
  const v = e[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
