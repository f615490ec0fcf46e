// Reads a recorded session back, whatever state the recorder left it in: a torn last line (kill -9
// mid-write), a torn line in the middle (a note appended after the crash), no end event, lines
// that are not events at all. Nothing here throws for a damaged file; only a missing one.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseJsonl } from './jsonlFile.js';
import { isEnd, isRecordedEvent, isStart, type EndEvent, type RecordedEvent, type StartEvent } from './sessionEvents.js';
import type { SessionRef } from './sessionStore.js';

export interface LoadedSession {
  ref: SessionRef;
  /** Every event, in file order. */
  events: RecordedEvent[];
  start: StartEvent | null;
  end: EndEvent | null;
  /** Lines that could not be read (torn); reported, never fatal. */
  skippedLines: number;
}

export function readSession(ref: SessionRef): LoadedSession {
  return sessionFromEvents(ref, parseEvents(readFileSync(ref.eventsFile, 'utf8')));
}

export function parseEvents(text: string): { events: RecordedEvent[]; skipped: number } {
  const parsed = parseJsonl(text);
  const events = parsed.values.filter(isRecordedEvent);
  return { events, skipped: parsed.skipped + (parsed.values.length - events.length) };
}

export function sessionFromEvents(ref: SessionRef, parsed: { events: RecordedEvent[]; skipped: number }): LoadedSession {
  const { events } = parsed;
  const start = events.find(isStart) ?? null;
  // The recorder writes one end; should there be more (a resumed file), the last one counts.
  let end: EndEvent | null = null;
  for (const e of events) if (isEnd(e)) end = e;
  return { ref, events, start, end, skippedLines: parsed.skipped };
}

/**
 * Is the recording process still running? Only answerable on the host that recorded: elsewhere
 * (a copied session) the answer is no. A reused pid could fool this; the start time guards a little.
 */
export function recorderAlive(start: StartEvent | null, host: string = hostname()): boolean {
  if (!start || start.host !== host || typeof start.pid !== 'number') return false;
  if (start.pid === process.pid) return true;
  try {
    process.kill(start.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type SessionStatus = 'live' | 'clean' | 'unclean';

/** live: still recording; clean: ended normally; unclean: crashed, killed, or ended by a signal. */
export function sessionStatus(s: Pick<LoadedSession, 'start' | 'end'>): SessionStatus {
  if (s.end) return s.end.clean ? 'clean' : 'unclean';
  return recorderAlive(s.start) ? 'live' : 'unclean';
}
