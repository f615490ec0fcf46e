// The console's state as components read it: one snapshot composed of the stores that each own
// one part (output, editor, completion, confirmation, overlays) plus the shell's own facts.
import type { ProgressInfo } from '../../shell/appEvents.js';
import type { CompletionCandidate } from '../../shell/completion.js';
import type { EditorState } from '../input/lineEditor.js';
import type { ScrollAnchor } from '../../util/scrollback.js';

/** Panes the layout knows. */
export type PaneId = 'shell' | 'ensemble' | 'timeline' | 'checklist';

export interface HeaderFacts {
  title: string;
  /** A profile's "which cluster am I on" cue (production: red, PROD badge). */
  accent: { colour: string; badge: string } | null;
  serverVersion: string | null;
  state: string;
  /** Hex session id without 0x, or null. */
  sessionId: string | null;
  /** The session recording this run (the REC indicator), or null/absent when not recording. */
  recording?: { sessionId: string } | null;
}

export interface CompletionPopup {
  start: number;
  end: number;
  candidates: readonly CompletionCandidate[];
  selected: number;
}

/** What the shell tells the console: header facts, prompt, whether a command runs, its progress. */
export interface SessionFacts {
  header: HeaderFacts;
  prompt: string;
  busy: boolean;
  /** The running command's progress (copy, verify, big deleteall), shown above the input line. */
  progress: ProgressInfo | null;
}

export interface OutputState {
  scroll: { anchor: ScrollAnchor | null; clearMark: number };
  /** Bumped when lines were appended: the scrollback itself lives outside this object. */
  outputVersion: number;
}

export interface OverlayState {
  help: { scroll: number } | null;
  focus: { panes: readonly PaneId[]; current: PaneId };
  /** F2 presses: how many layouts on from the one the terminal's size chooses. */
  layoutShift: number;
  /** A short message in the hint bar ("no completions"), cleared after a moment. */
  flash: string | null;
  quit: { code: number } | null;
}

/** Lines waiting (typed ahead, or pasted and confirmed) and pasted lines held back, shown redacted. */
export interface LineQueueState {
  lines: { queued: readonly string[]; held: readonly string[] };
}

export interface ConsoleState extends SessionFacts, OutputState, OverlayState, LineQueueState {
  editor: EditorState;
  popup: CompletionPopup | null;
  confirm: { question: string } | null;
}
