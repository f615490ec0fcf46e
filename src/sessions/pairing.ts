// Pairing from another tmux pane: `zkpilot note TEXT` / `zkpilot mark [LABEL]` append to the live
// session's events.jsonl (so the note is recorded even if the console is busy or frozen) and ring
// its inbox (so the running console shows it at once, without re-reading its own output).
import { appendLineToExisting } from './jsonlFile.js';
import { operatorName } from './recorder.js';
import { redactText } from './redact.js';
import { readSession, sessionStatus } from './sessionReader.js';
import type { MarkEvent, NoteEvent } from './sessionEvents.js';
import { listSessionRefs, resolveSession, SessionLookupError, type SessionRef } from './sessionStore.js';

/** The newest session still being recorded on this machine. */
export function findLiveSession(root: string): SessionRef | null {
  const refs = listSessionRefs(root);
  for (let i = refs.length - 1; i >= 0; i--) {
    const ref = refs[i]!;
    try {
      if (sessionStatus(readSession(ref)) === 'live') return ref;
    } catch {
      // Unreadable: not the one we want.
    }
  }
  return null;
}

/**
 * `--session ID` (any session: notes can be added to a finished one for the postmortem), or the
 * newest live one. Throws SessionLookupError with the line to show.
 */
export function pairTarget(root: string, sessionId?: string | null): SessionRef {
  if (sessionId) return resolveSession(root, sessionId);
  const live = findLiveSession(root);
  if (!live) throw new SessionLookupError(`no session is being recorded in ${root}; pass --session ID to annotate a finished one (zkpilot sessions lists them)`);
  return live;
}

export function appendNote(ref: SessionRef, text: string, author?: string | null, now: number = Date.now()): NoteEvent {
  const event: NoteEvent = { type: 'note', ts: now, text: redactText(text), author: operatorName(author), origin: 'pair' };
  deliver(ref, event);
  return event;
}

export function appendMark(ref: SessionRef, label: string | null, author?: string | null, now: number = Date.now()): MarkEvent {
  const clean = label?.trim() ? redactText(label.trim()) : `mark by ${operatorName(author)}`;
  const event: MarkEvent = { type: 'mark', ts: now, label: clean, author: operatorName(author), origin: 'pair' };
  deliver(ref, event);
  return event;
}

function deliver(ref: SessionRef, event: NoteEvent | MarkEvent): void {
  appendLineToExisting(ref.eventsFile, event);
  try {
    appendLineToExisting(ref.inboxFile, event);
  } catch {
    // An old or copied session has no inbox: the note is recorded, nobody is watching live.
  }
}
