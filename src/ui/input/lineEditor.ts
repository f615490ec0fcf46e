// The input line as a pure reducer: readline's emacs keys, history recall, Ctrl-R reverse search,
// kill/yank and safe paste. No I/O and no Ink: the TUI maps keys to these actions and renders the
// state; tests drive it table-style.

export interface SearchState {
  query: string;
  /** Index into the history of the current match, or null before the first match. */
  match: number | null;
  failed: boolean;
  /** The line as it was when the search started (Esc/Ctrl-G restore it). */
  saved: { text: string; cursor: number };
}

/** Something the caller must act on; cleared by the next action. */
export type EditorEvent = { type: 'eof' } | { type: 'notice'; text: string };

export interface EditorState {
  text: string;
  /** Cursor position in UTF-16 code units, always on a code point boundary. */
  cursor: number;
  /** The last cut text (Ctrl-U/K/W, Alt-D, Alt-Backspace), yanked back by Ctrl-Y. */
  killed: string;
  /** The previous action was a cut: consecutive cuts accumulate, as in readline. */
  lastWasKill: boolean;
  /** Position in the history while recalling (null = editing the draft) and the draft itself. */
  recall: { index: number | null; draft: string };
  search: SearchState | null;
  event: EditorEvent | null;
}

export type EditAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'deleteForward' }
  | { type: 'eofOrDelete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'killToStart' }
  | { type: 'killToEnd' }
  | { type: 'killWordBack' } // unix-word-rubout (Ctrl-W): back to whitespace
  | { type: 'killPathWordBack' } // backward-kill-word (Alt-Backspace): stops at / and punctuation
  | { type: 'killWordForward' }
  | { type: 'yank' }
  | { type: 'historyPrev' }
  | { type: 'historyNext' }
  | { type: 'searchStart' } // Ctrl-R; inside a search: the next older match
  | { type: 'searchAccept' }
  | { type: 'searchAbort' }
  | { type: 'replace'; start: number; end: number; text: string } // completion
  | { type: 'clear' } // Ctrl-C
  | { type: 'reset' }; // after the line was submitted

export function emptyEditor(): EditorState {
  return { text: '', cursor: 0, killed: '', lastWasKill: false, recall: { index: null, draft: '' }, search: null, event: null };
}

/**
 * Applies one action. `history` is the persisted recall list, oldest first; it is only read:
 * editing a recalled line never changes the stored history (the edit is dropped when moving on).
 */
export function editLine(state: EditorState, action: EditAction, history: readonly string[] = []): EditorState {
  const s: EditorState = state.event ? { ...state, event: null } : state;
  if (s.search) return searchStep(s, s.search, action, history);
  const next = plainStep(s, action, history);
  const isKill = KILLS.has(action.type);
  return next.lastWasKill === isKill ? next : { ...next, lastWasKill: isKill };
}

const KILLS = new Set<EditAction['type']>(['killToStart', 'killToEnd', 'killWordBack', 'killPathWordBack', 'killWordForward']);

function plainStep(s: EditorState, action: EditAction, history: readonly string[]): EditorState {
  const { text, cursor } = s;
  switch (action.type) {
    case 'insert':
      return insertText(s, action.text);
    case 'backspace':
      return cursor === 0 ? s : splice(s, prevBoundary(text, cursor), cursor, '');
    case 'deleteForward':
      return cursor >= text.length ? s : splice(s, cursor, nextBoundary(text, cursor), '');
    case 'eofOrDelete':
      if (text.length === 0) return { ...s, event: { type: 'eof' } };
      return cursor >= text.length ? s : splice(s, cursor, nextBoundary(text, cursor), '');
    case 'left':
      return { ...s, cursor: prevBoundary(text, cursor) };
    case 'right':
      return { ...s, cursor: nextBoundary(text, cursor) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: text.length };
    case 'wordLeft':
      return { ...s, cursor: wordStartBefore(text, cursor, isWordChar) };
    case 'wordRight':
      return { ...s, cursor: wordEndAfter(text, cursor) };
    case 'killToStart':
      return kill(s, 0, cursor, 'back');
    case 'killToEnd':
      return kill(s, cursor, text.length, 'forward');
    case 'killWordBack':
      return kill(s, wordStartBefore(text, cursor, (c) => !/\s/.test(c)), cursor, 'back');
    case 'killPathWordBack':
      return kill(s, wordStartBefore(text, cursor, isWordChar), cursor, 'back');
    case 'killWordForward':
      return kill(s, cursor, wordEndAfter(text, cursor), 'forward');
    case 'yank':
      return s.killed ? splice(s, cursor, cursor, s.killed) : s;
    case 'historyPrev':
      return recallEntry(s, history, -1);
    case 'historyNext':
      return recallEntry(s, history, +1);
    case 'searchStart':
      return { ...s, search: { query: '', match: null, failed: false, saved: { text, cursor } } };
    case 'searchAccept':
    case 'searchAbort':
      return s;
    case 'replace': {
      const start = clamp(action.start, 0, text.length);
      const end = clamp(action.end, start, text.length);
      return splice(s, start, end, sanitizeInput(action.text));
    }
    case 'clear':
    case 'reset':
      return { ...s, text: '', cursor: 0, recall: { index: null, draft: '' }, search: null };
  }
}

// --- reverse-i-search ----------------------------------------------------------------------

function searchStep(s: EditorState, search: SearchState, action: EditAction, history: readonly string[]): EditorState {
  switch (action.type) {
    case 'insert': {
      const query = search.query + sanitizeInput(action.text).replace(/[\r\n]/g, '');
      // The current match may still hold the longer query: search from it, inclusive.
      return findMatch(s, { ...search, query }, history, search.match ?? history.length - 1, null);
    }
    case 'backspace': {
      const query = search.query.slice(0, prevBoundary(search.query, search.query.length));
      if (query.length === 0) return { ...s, text: search.saved.text, cursor: search.saved.cursor, search: { ...search, query, match: null, failed: false } };
      return findMatch(s, { ...search, query }, history, history.length - 1, null);
    }
    case 'searchStart': {
      if (search.query.length === 0) return s;
      const from = (search.match ?? history.length) - 1;
      return findMatch(s, search, history, from, search.match === null ? null : s.text);
    }
    case 'searchAbort':
    case 'clear':
      return { ...s, text: search.saved.text, cursor: search.saved.cursor, search: null };
    case 'searchAccept':
      return { ...s, search: null };
    default:
      // Any other key accepts the match and then acts on it, as readline does.
      return editLine({ ...s, search: null }, action, history);
  }
}

/** Newest entry at or before `from` containing the query, skipping a duplicate of `skip`. */
function findMatch(s: EditorState, search: SearchState, history: readonly string[], from: number, skip: string | null): EditorState {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) {
    const entry = history[i]!;
    const at = entry.indexOf(search.query);
    if (at < 0 || entry === skip) continue;
    return { ...s, text: entry, cursor: at, search: { ...search, match: i, failed: false } };
  }
  return { ...s, search: { ...search, failed: true } };
}

// --- history recall --------------------------------------------------------------------------

function recallEntry(s: EditorState, history: readonly string[], step: -1 | 1): EditorState {
  const { index, draft } = s.recall;
  if (step < 0) {
    if (history.length === 0 || index === 0) return s;
    const i = index === null ? history.length - 1 : Math.min(index, history.length) - 1;
    const entry = history[i]!;
    return { ...s, text: entry, cursor: entry.length, recall: { index: i, draft: index === null ? s.text : draft } };
  }
  if (index === null) return s;
  if (index + 1 < history.length) {
    const entry = history[index + 1]!;
    return { ...s, text: entry, cursor: entry.length, recall: { index: index + 1, draft } };
  }
  return { ...s, text: draft, cursor: draft.length, recall: { index: null, draft: '' } };
}

// --- insertion and paste -------------------------------------------------------------------

/**
 * Inserted text never executes: trailing line breaks (a runbook line copied with its newline) are
 * dropped, and text that still holds line breaks is REFUSED with a notice rather than joined,
 * because joining two zkCli commands with a space makes a different, possibly destructive,
 * command. (The console never inserts several lines: typed line breaks are Enter keys, and a
 * bracketed paste of several lines is listed and run only on the operator's yes; this is the
 * reducer's own guard.)
 */
function insertText(s: EditorState, raw: string): EditorState {
  const trimmed = raw.replace(/[\r\n]+$/, '');
  if (/[\r\n]/.test(trimmed)) {
    const lines = trimmed.split(/\r\n|\r|\n/).length;
    return { ...s, event: { type: 'notice', text: `paste refused: ${lines} lines — zkpilot runs one command per Enter; paste one line at a time` } };
  }
  const clean = sanitizeInput(trimmed);
  return clean ? splice(s, s.cursor, s.cursor, clean) : s;
}

// Escape sequences (CSI, OSC, DCS and two-byte ESC x) and lone control characters.
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])/g;
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** What may enter the input line: no escape sequences, no control or bidi characters, tabs as spaces. */
export function sanitizeInput(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\t/g, ' ').replace(CONTROL_CHARS, '');
}

// --- helpers ---------------------------------------------------------------------------------

function splice(s: EditorState, start: number, end: number, insert: string): EditorState {
  return { ...s, text: s.text.slice(0, start) + insert + s.text.slice(end), cursor: start + insert.length };
}

function kill(s: EditorState, start: number, end: number, direction: 'back' | 'forward'): EditorState {
  if (start >= end) return s;
  const cut = s.text.slice(start, end);
  const killed = !s.lastWasKill ? cut : direction === 'back' ? cut + s.killed : s.killed + cut;
  return { ...splice(s, start, end, ''), killed };
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** Start of the word before the cursor: skip non-word characters, then word characters. */
function wordStartBefore(text: string, cursor: number, word: (c: string) => boolean): number {
  let i = cursor;
  while (i > 0 && !word(charBefore(text, i))) i = prevBoundary(text, i);
  while (i > 0 && word(charBefore(text, i))) i = prevBoundary(text, i);
  return i;
}

/** End of the word after the cursor (readline forward-word). */
function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordChar(charAt(text, i))) i = nextBoundary(text, i);
  while (i < text.length && isWordChar(charAt(text, i))) i = nextBoundary(text, i);
  return i;
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

function charBefore(text: string, i: number): string {
  return text.slice(prevBoundary(text, i), i);
}

/** Previous code point boundary (never splits a surrogate pair). */
export function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  if (i >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return i - 2;
  }
  return i - 1;
}

export function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const cp = text.codePointAt(i)!;
  return i + (cp > 0xffff ? 2 : 1);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
