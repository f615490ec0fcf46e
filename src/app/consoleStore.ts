// The console's model, kept outside React: scrollback, the input line, the completion popup,
// overlays, the y/N prompt, pane focus and the header facts. Components subscribe with
// useSyncExternalStore and render what they read; key handlers call the methods below.
// No Ink here, so the whole console behaviour is plain TypeScript.
import type { ProgressInfo } from '../shell/appEvents.js';
import type { CompletionCandidate, Completer } from '../shell/completion.js';
import type { KeyContext } from '../shell/keymap.js';
import { editLine, emptyEditor, type EditAction, type EditorState } from '../shell/lineEditor.js';
import type { Stream, Tone } from '../shell/output.js';
import type { Shell } from '../shell/shell.js';
import { redactCommandLine } from '../sessions/redact.js';
import { Scrollback, sanitizeOutput, type ScrollAnchor, type ViewWindow } from './scrollback.js';

export type { ScrollAnchor, ViewRow, ViewWindow } from './scrollback.js';

/** Panes the layout knows; only the shell exists today, the others are slots for later issues. */
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

export interface ConsoleState {
  header: HeaderFacts;
  prompt: string;
  editor: EditorState;
  busy: boolean;
  popup: CompletionPopup | null;
  help: { scroll: number } | null;
  confirm: { question: string } | null;
  focus: { panes: readonly PaneId[]; current: PaneId };
  /** F2: the operator flipped the panels from what the terminal size would show. */
  panesToggled: boolean;
  scroll: { anchor: ScrollAnchor | null; clearMark: number };
  /** A short message in the hint bar ("no completions"), cleared after a moment. */
  flash: string | null;
  /** Bumped when lines were appended: the scrollback itself lives outside this object. */
  outputVersion: number;
  quit: { code: number } | null;
  /** The running command's progress (copy, verify, big deleteall), shown above the input line. */
  progress: ProgressInfo | null;
}

export interface ConsoleStoreOptions {
  shell: Shell;
  completer?: Completer;
  /** Cluster name or connect string, shown in the header. */
  title: string;
  accent?: { colour: string; badge: string } | null;
  /** Scrollback capacity in lines (default 10,000). */
  maxLines?: number;
  /** Asks the first answering server for its version (`srvr`); called at start and on each (re)connect. */
  probeServerVersion?: (connectString: string) => Promise<string | null>;
  /** The session recorder's id, for the header's REC indicator. */
  recording?: { sessionId: string } | null;
}

const FLASH_MS = 2500;
const OUTPUT_FLUSH_MS = 16;
// Typing keeps the popup open and re-filters it; other edits close it.
const LIVE_COMPLETION = new Set<EditAction['type']>(['insert', 'backspace', 'deleteForward']);

export class ConsoleStore {
  readonly scrollback: Scrollback;
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private readonly offs: (() => void)[] = [];
  private readonly confirmQueue: { question: string; resolve: (yes: boolean) => void }[] = [];
  private notifyQueued = false;
  private outputTimer: NodeJS.Timeout | null = null;
  private flashTimer: NodeJS.Timeout | null = null;
  private completionTicket = 0;
  private versionTicket = 0;
  private viewport = { width: 80, height: 20 };
  private disposed = false;

  constructor(private readonly opts: ConsoleStoreOptions) {
    const { shell } = opts;
    this.scrollback = new Scrollback(opts.maxLines ?? 10_000);
    this.state = {
      header: { title: opts.title, accent: opts.accent ?? null, serverVersion: null, state: shell.conn.state, sessionId: shell.conn.client?.sessionId ?? null, recording: opts.recording ?? null },
      prompt: shell.prompt(),
      editor: emptyEditor(),
      busy: false,
      popup: null,
      help: null,
      confirm: null,
      focus: { panes: ['shell'], current: 'shell' },
      panesToggled: false,
      scroll: { anchor: null, clearMark: 0 },
      flash: null,
      outputVersion: 0,
      quit: null,
      progress: null,
    };
    this.offs.push(
      shell.bus.on('output', (e) => this.append(e.line.stream, e.line.text, e.line.tone)),
      shell.bus.on('command.end', () => this.set({ prompt: shell.prompt(), progress: null })),
      shell.bus.on('progress', (e) => this.set({ progress: e.progress })),
      // Session annotations (this console's `note`/`mark`, or a pairing pane's) show where the operator looks.
      shell.bus.on('note', (e) => this.append('stdout', `✎ note (${e.author}${e.origin === 'pair' ? ', other pane' : ''}): ${e.text}`, 'info')),
      shell.bus.on('mark', (e) => this.append('stdout', `⚑ mark (${e.author}${e.origin === 'pair' ? ', other pane' : ''}): ${e.label}`, 'info')),
      // A checklist's `step next`: its suggested command goes on the input line; Enter runs it.
      shell.bus.on('runbook.fill', (e) => this.setInput(e.line)),
      shell.bus.on('session.state', (e) => {
        this.set({ prompt: shell.prompt(), header: { ...this.state.header, state: e.state, sessionId: e.sessionId } });
        if (e.state === 'CONNECTED' && e.previous !== 'CONNECTED') void this.refreshServerVersion(e.connectString);
      }),
    );
    void this.refreshServerVersion(shell.conn.connectString);
  }

  // --- useSyncExternalStore ------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConsoleState => this.state;

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    for (const t of [this.outputTimer, this.flashTimer]) if (t) clearTimeout(t);
    // Nobody is left to answer: destructive commands still waiting get the safe answer.
    for (const c of this.confirmQueue.splice(0)) c.resolve(false);
    this.listeners.clear();
  }

  // --- scrollback ----------------------------------------------------------------------------

  /** Appends output (several lines allowed). Sanitised here, so nothing downstream sees raw bytes. */
  append(stream: Stream, text: string, tone: Tone = 'plain'): void {
    for (const line of text.split('\n')) this.scrollback.push(sanitizeOutput(line), tone, stream);
    // Output can come in bursts of thousands of lines: render at most once per frame.
    if (this.outputTimer || this.disposed) return;
    this.outputTimer = setTimeout(() => {
      this.outputTimer = null;
      this.set({ outputVersion: this.state.outputVersion + 1 });
    }, OUTPUT_FLUSH_MS);
  }

  /** The rows the shell pane shows for its size and the current scroll position. */
  window(width: number, height: number): ViewWindow {
    return this.scrollback.window(width, height, this.state.scroll.anchor, this.state.scroll.clearMark);
  }

  /** The shell pane reports its size so that scroll keys move by its rows. */
  setViewport(width: number, height: number): void {
    this.viewport = { width: Math.max(1, width), height: Math.max(1, height) };
  }

  scrollLines(delta: number): void {
    const { width, height } = this.viewport;
    const anchor = this.scrollback.move(this.state.scroll.anchor, delta, width, height);
    // After Ctrl-L, going up with too little output to scroll simply shows the cleared lines again.
    const clearMark = anchor === null && delta < 0 ? 0 : this.state.scroll.clearMark;
    this.set({ scroll: { anchor, clearMark } });
  }

  scrollPage(direction: -1 | 1): void {
    this.scrollLines(direction * Math.max(1, this.viewport.height - 2));
  }

  scrollToTop(): void {
    this.scrollLines(-Number.MAX_SAFE_INTEGER);
  }

  scrollToBottom(): void {
    if (this.state.scroll.anchor) this.set({ scroll: { ...this.state.scroll, anchor: null } });
  }

  /** Ctrl-L: the view starts empty again; the lines are kept (PgUp shows them, recordings are untouched). */
  clearView(): void {
    this.set({ scroll: { anchor: null, clearMark: this.scrollback.nextSeq } });
  }

  // --- input line ----------------------------------------------------------------------------

  edit(action: EditAction): void {
    const before = this.state.editor;
    const editor = editLine(before, action, this.opts.shell.history.recall());
    const popup = this.state.popup;
    this.set({ editor, popup: popup && LIVE_COMPLETION.has(action.type) ? popup : null });
    if (editor.event?.type === 'eof') this.requestQuit(0);
    if (editor.event?.type === 'notice') this.append('stderr', editor.event.text, 'warn');
    if (popup && LIVE_COMPLETION.has(action.type) && editor.text !== before.text) {
      if (editor.cursor > popup.start) void this.complete(true);
      else this.set({ popup: null });
    }
  }

  /** Replaces the input line (cursor at its end), keeping the kill ring and history position. */
  setInput(text: string): void {
    this.set({ editor: { ...this.state.editor, text, cursor: text.length, search: null, event: null }, popup: null });
  }

  /** Enter: echo the (redacted) line under its prompt, then run it. */
  submit(): void {
    if (this.state.busy) {
      this.flash('a command is running — Ctrl-C cancels it');
      return;
    }
    const { shell } = this.opts;
    const line = this.state.editor.text;
    this.append('stdout', shell.prompt() + shell.secrets.scrub(redactCommandLine(line)), 'echo');
    this.set({ editor: editLine(this.state.editor, { type: 'reset' }), popup: null, scroll: { ...this.state.scroll, anchor: null } });
    if (line.trim().length > 0) void this.run(line);
  }

  /** Runs a command line as if typed (a key bound to a command: F4 → `pegasus`). */
  runCommand(line: string): void {
    const { shell } = this.opts;
    if (this.state.busy) return this.flash('a command is running — Ctrl-C cancels it');
    if (!shell.registry.get(line.trim().split(/\s+/)[0] ?? '')) return this.flash(`no \`${line}\` command in this console`);
    this.append('stdout', shell.prompt() + line, 'echo');
    void this.run(line);
  }

  private async run(line: string): Promise<void> {
    const { shell } = this.opts;
    this.set({ busy: true });
    try {
      await shell.execute(line, 'tui');
    } catch (e) {
      // The shell reports failures itself; this is the last guard so the TUI never dies of one.
      this.append('stderr', `Unexpected error: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      this.set({ busy: false, prompt: shell.prompt() });
    }
    if (shell.quitRequested) this.requestQuit(shell.lastExitCode);
  }

  /** Ctrl-C while a command runs. */
  cancelCommand(): void {
    if (this.opts.shell.cancel()) this.append('stderr', '^C', 'dim');
  }

  // --- completion ----------------------------------------------------------------------------

  /** Tab. One candidate is inserted; several open the popup. `live`: re-filter an open popup. */
  async complete(live = false): Promise<void> {
    const { completer } = this.opts;
    if (!completer) return;
    const { text, cursor } = this.state.editor;
    const ticket = ++this.completionTicket;
    let result;
    try {
      result = await completer.complete(text, cursor);
    } catch {
      return; // completion is a convenience: a failure offers nothing
    }
    const now = this.state.editor;
    if (ticket !== this.completionTicket || now.text !== text || now.cursor !== cursor) return; // stale
    const { start, end, candidates } = result;
    if (candidates.length === 0) {
      this.set({ popup: null });
      if (!live) this.flash('no completions');
      return;
    }
    if (candidates.length === 1 && !live) {
      this.insertCandidate(start, end, candidates[0]!);
      return;
    }
    // Several candidates sharing a longer prefix: type that prefix now, as bash does.
    const prefix = commonPrefix(candidates.map((c) => c.value));
    const typed = text.slice(start, cursor);
    let popupEnd = end;
    if (!live && prefix.length > typed.length && prefix.startsWith(typed)) {
      this.edit({ type: 'replace', start, end, text: prefix });
      popupEnd = start + prefix.length;
    }
    this.set({ popup: { start, end: popupEnd, candidates, selected: 0 } });
  }

  popupMove(delta: number): void {
    const p = this.state.popup;
    if (!p) return;
    const n = p.candidates.length;
    this.set({ popup: { ...p, selected: (((p.selected + delta) % n) + n) % n } });
  }

  popupAccept(): void {
    const p = this.state.popup;
    if (!p) return;
    this.insertCandidate(p.start, p.end, p.candidates[p.selected]!);
  }

  popupClose(): void {
    this.completionTicket += 1;
    if (this.state.popup) this.set({ popup: null });
  }

  private insertCandidate(start: number, end: number, c: CompletionCandidate): void {
    // A path may go deeper (Tab again for its children), `name=` waits for its value; a command,
    // option or word is done.
    const after = this.state.editor.text.slice(end);
    const space = c.kind !== 'path' && !c.value.endsWith('=') && !after.startsWith(' ') ? ' ' : '';
    this.edit({ type: 'replace', start, end, text: c.value + space });
    if (space === '' && after.startsWith(' ')) this.edit({ type: 'right' });
    this.set({ popup: null });
  }

  // --- confirmation (Shell's `ask`) ------------------------------------------------------------

  /** A one-line y/N prompt over the input line; default No. Questions queue up. */
  ask = (question: string): Promise<boolean> => {
    if (this.disposed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.confirmQueue.push({ question: sanitizeOutput(question), resolve });
      if (!this.state.confirm) this.set({ confirm: { question: this.confirmQueue[0]!.question } });
    });
  };

  answer(yes: boolean): void {
    const pending = this.confirmQueue.shift();
    if (!pending) return;
    // The answer stays in the scrollback: the operator sees afterwards what they agreed to.
    this.append('stdout', `${pending.question} [y/N] ${yes ? 'y' : 'N'}`, yes ? 'warn' : 'dim');
    const next = this.confirmQueue[0];
    this.set({ confirm: next ? { question: next.question } : null });
    pending.resolve(yes);
  }

  // --- overlays, focus, flash, quit ----------------------------------------------------------

  openHelp(): void {
    this.set({ help: { scroll: 0 }, popup: null });
  }

  closeHelp(): void {
    this.set({ help: null });
  }

  /** Scrolls the help overlay; `total` is its line count, so the last page stays full. */
  scrollHelp(delta: number, total: number, height: number): void {
    const h = this.state.help;
    if (!h) return;
    const max = Math.max(0, total - height);
    this.set({ help: { scroll: Math.max(0, Math.min(max, h.scroll + delta)) } });
  }

  get helpPageSize(): number {
    return Math.max(1, this.viewport.height - 1);
  }

  /** The layout declares which panes exist and can take the focus. */
  /** F2: show the panels where the size hides them, hide them where it shows them. */
  togglePanes(): void {
    this.set({ panesToggled: !this.state.panesToggled });
  }

  setPanes(panes: readonly PaneId[]): void {
    const list: PaneId[] = ['shell', ...panes.filter((p) => p !== 'shell')];
    const same = list.length === this.state.focus.panes.length && list.every((p, i) => p === this.state.focus.panes[i]);
    if (same) return;
    const current = list.includes(this.state.focus.current) ? this.state.focus.current : 'shell';
    this.set({ focus: { panes: list, current } });
  }

  moveFocus(delta: 1 | -1): void {
    const { panes, current } = this.state.focus;
    if (panes.length < 2) return;
    const i = panes.indexOf(current);
    this.set({ focus: { panes, current: panes[(i + delta + panes.length) % panes.length]! } });
  }

  flash(text: string): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.flashTimer = null;
      this.set({ flash: null });
    }, FLASH_MS);
    this.flashTimer.unref?.();
    this.set({ flash: text });
  }

  requestQuit(code: number): void {
    if (!this.state.quit) this.set({ quit: { code } });
  }

  // --- header --------------------------------------------------------------------------------

  private async refreshServerVersion(connectString: string): Promise<void> {
    const probe = this.opts.probeServerVersion;
    if (!probe) return;
    const ticket = ++this.versionTicket;
    let version: string | null = null;
    try {
      version = await probe(connectString);
    } catch {
      version = null; // unknown beats stale: the ensemble may have changed under `connect`
    }
    if (ticket === this.versionTicket && !this.disposed) this.set({ header: { ...this.state.header, serverVersion: version } });
  }

  // --- plumbing ------------------------------------------------------------------------------

  private set(patch: Partial<ConsoleState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    // Several changes from one key press render once.
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

/** Which keymap contexts apply now, most specific first. */
export function keyContexts(s: ConsoleState): KeyContext[] {
  if (s.confirm) return ['confirm'];
  if (s.help) return ['help'];
  if (s.focus.current !== 'shell') return ['pane', 'global'];
  if (s.busy) return s.editor.search ? ['running', 'search', 'global'] : ['running', 'shell', 'global'];
  if (s.popup) return ['popup', 'shell', 'global'];
  if (s.editor.search) return ['search', 'global'];
  return ['shell', 'global'];
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
