// The console's model, kept outside React and split by job: output (scrollback, scrolling),
// editor (the input line), completion (the popup), confirmations (the y/N queue), lines waiting
// (typeahead, confirmed and held pastes) and overlays (help, focus, panels, flash, quit), each a
// Store of its own. This facade wires them to the
// shell's event bus, performs the steps that span several of them (Enter echoes, clears the
// line and scrolls to the bottom), and composes one immutable snapshot for components.
// No Ink here, so the whole console behaviour is plain TypeScript.
import type { Completer } from '../../shell/completion.js';
import type { Stream, Tone } from '../../shell/output.js';
import type { Shell } from '../../shell/shell.js';
import { redactCommandLine } from '../../sessions/redact.js';
import { Emitter, Store, type Unsubscribe } from '../../util/store.js';
import type { CompletionCandidate } from '../../shell/completion.js';
import type { ViewWindow } from '../../util/scrollback.js';
import { DEFAULT_KEYMAP, type KeyContext, type Keymap } from '../input/keymap.js';
import type { EditAction } from '../input/lineEditor.js';
import { CompletionStore, commonPrefix } from './completionStore.js';
import { ConfirmStore } from './confirmStore.js';
import { EditorStore } from './editorStore.js';
import { LineQueueStore, type PasteBatch, type QueuedLine } from './lineQueueStore.js';
import { OutputStore } from './outputStore.js';
import { OverlayStore } from './overlayStore.js';
import type { ConsoleState, SessionFacts } from './types.js';
import { counted } from '../../util/counted.js';

export type { CompletionPopup, ConsoleState, HeaderFacts, PaneId } from './types.js';
export type { ScrollAnchor, ViewRow, ViewWindow } from '../../util/scrollback.js';

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
  /** The keys in force (settings' key bindings applied); messages that name a key ask it. */
  keymap?: Keymap;
}

// Typing keeps the popup open and re-filters it; other edits close it.
const LIVE_COMPLETION = new Set<EditAction['type']>(['insert', 'backspace', 'deleteForward']);

export class ConsoleStore {
  readonly keymap: Keymap;
  readonly output: OutputStore;
  readonly editor: EditorStore;
  readonly completion: CompletionStore;
  readonly confirmations = new ConfirmStore();
  readonly overlay = new OverlayStore();
  readonly lineQueue: LineQueueStore;
  /** What the shell says: header, prompt, busy, progress. */
  readonly session: Store<SessionFacts>;
  private readonly parts: readonly Store<object>[];
  private readonly changes = new Emitter();
  private readonly offs: Unsubscribe[] = [];
  private composed: { parts: readonly object[]; state: ConsoleState } | null = null;
  private notifyQueued = false;
  private versionTicket = 0;
  private pasteBatches = 0;
  private disposed = false;

  constructor(private readonly opts: ConsoleStoreOptions) {
    const { shell } = opts;
    this.keymap = opts.keymap ?? DEFAULT_KEYMAP;
    this.output = new OutputStore(opts.maxLines ?? 10_000);
    this.editor = new EditorStore(() => shell.history.recall());
    this.completion = new CompletionStore(opts.completer);
    this.lineQueue = new LineQueueStore((line) => this.shown(line));
    this.session = new Store<SessionFacts>({
      header: { title: opts.title, accent: opts.accent ?? null, serverVersion: null, state: shell.conn.state, sessionId: shell.conn.client?.sessionId ?? null, recording: opts.recording ?? null },
      prompt: shell.prompt(),
      busy: false,
      progress: null,
    });
    this.parts = [this.session, this.editor, this.completion, this.confirmations, this.overlay, this.output, this.lineQueue];
    // Several changes from one key press render once.
    for (const part of this.parts) this.offs.push(part.subscribe(() => this.queueNotify()));
    this.offs.push(
      shell.bus.on('output', (e) => this.append(e.line.stream, e.line.text, e.line.tone)),
      shell.bus.on('command.end', () => this.session.set({ prompt: shell.prompt(), progress: null })),
      shell.bus.on('progress', (e) => this.session.set({ progress: e.progress })),
      // Session annotations (this console's `note`/`mark`, or a pairing pane's) show where the operator looks.
      shell.bus.on('note', (e) => this.append('stdout', `✎ note (${e.author}${e.origin === 'pair' ? ', other pane' : ''}): ${e.text}`, 'info')),
      shell.bus.on('mark', (e) => this.append('stdout', `⚑ mark (${e.author}${e.origin === 'pair' ? ', other pane' : ''}): ${e.label}`, 'info')),
      // A checklist's `step next`: its suggested command goes on the input line; Enter runs it.
      shell.bus.on('runbook.fill', (e) => this.setInput(e.line)),
      shell.bus.on('session.state', (e) => {
        this.session.set((s) => ({ prompt: shell.prompt(), header: { ...s.header, state: e.state, sessionId: e.sessionId } }));
        if (e.state === 'CONNECTED' && e.previous !== 'CONNECTED') void this.refreshServerVersion(e.connectString);
      }),
    );
    void this.refreshServerVersion(shell.conn.connectString);
  }

  // --- useSyncExternalStore ------------------------------------------------------------------

  subscribe = (listener: () => void): Unsubscribe => this.changes.on(listener);

  /** One object for the whole console; a new one only when a part changed. */
  getSnapshot = (): ConsoleState => {
    const parts = this.parts.map((p) => p.getSnapshot());
    if (this.composed && parts.every((p, i) => p === this.composed!.parts[i])) return this.composed.state;
    const state = Object.freeze(Object.assign({}, ...parts) as ConsoleState);
    this.composed = { parts, state };
    return state;
  };

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    for (const part of this.parts) part.close();
    this.changes.clear();
  }

  // --- output --------------------------------------------------------------------------------

  append(stream: Stream, text: string, tone: Tone = 'plain'): void {
    if (!this.disposed) this.output.append(stream, text, tone);
  }

  window(width: number, height: number): ViewWindow {
    return this.output.window(width, height);
  }

  // --- input line ----------------------------------------------------------------------------

  edit(action: EditAction): void {
    const before = this.editor.line;
    const popup = this.completion.getSnapshot().popup;
    const live = popup !== null && LIVE_COMPLETION.has(action.type);
    const editor = this.editor.apply(action);
    if (!live) this.completion.hide();
    if (editor.event?.type === 'eof') this.overlay.requestQuit(0);
    if (editor.event?.type === 'notice') this.append('stderr', editor.event.text, 'warn');
    if (live && editor.text !== before.text) {
      if (editor.cursor > popup.start) void this.complete(true);
      else this.completion.hide();
    }
  }

  setInput(text: string): void {
    this.editor.setInput(text);
    this.completion.hide();
  }

  /**
   * Enter: echo the (redacted) line under its prompt, then run it. While a command runs the line
   * is queued and runs once it ends (typeahead: never dropped, never glued to the next line).
   */
  submit(): void {
    const line = this.editor.line.text;
    if (this.session.getSnapshot().busy || this.lineQueue.hasQueued) {
      if (line.trim().length === 0) return this.flashBusy();
      this.lineQueue.enqueue([line], null);
      this.editor.apply({ type: 'reset' });
      this.completion.hide();
      this.bringUpHeld();
      return;
    }
    this.echo(line);
    this.editor.apply({ type: 'reset' });
    this.completion.hide();
    this.output.scrollToBottom();
    if (line.trim().length > 0) void this.run(line);
    this.bringUpHeld();
  }

  /**
   * A bracketed paste on the input line. One line (a trailing newline dropped) is inserted and
   * never runs. Several lines are listed in the scrollback and run, one by one, only after the
   * operator says yes; on no they are held: the first goes on the input line, Enter brings up the next.
   */
  paste(text: string): void {
    const lines = text
      .split(/\r\n|\r|\n/)
      .map((l) => l.replace(/\s+$/, ''))
      .filter((l) => l.trim().length > 0);
    if (lines.length === 0) return;
    if (lines.length === 1) return this.edit({ type: 'insert', text: lines[0]! });
    void this.pasteLines(lines);
  }

  private async pasteLines(lines: string[]): Promise<void> {
    const n = lines.length;
    this.append('stdout', `pasted ${n} lines, not run yet:`, 'info');
    lines.forEach((line, i) => this.append('stdout', `  ${String(i + 1).padStart(String(n).length)}  ${this.shown(line)}`, 'info'));
    this.output.scrollToBottom();
    const yes = await this.ask(`Run these ${n} pasted lines one by one (stopping at the first that fails)?`);
    if (this.disposed) return;
    if (!yes) {
      this.hold(lines, `${n} pasted lines not run`);
      return;
    }
    this.lineQueue.enqueue(lines, { id: ++this.pasteBatches, total: n });
    this.drain();
  }

  /** Lines kept for the operator to run by hand: the first on the input line (when it is free). */
  private hold(lines: readonly string[], why: string): void {
    this.lineQueue.hold(lines);
    this.bringUpHeld();
    const keys = `${this.keymap.label('line.submit')} runs the line shown and brings up the next, ${this.keymap.label('line.clear')} drops them`;
    this.append('stdout', `${why}: kept on the input line — ${keys}`, 'warn');
  }

  private bringUpHeld(): void {
    if (this.editor.line.text.length > 0) return;
    const next = this.lineQueue.nextHeld();
    if (next !== undefined) this.setInput(next);
  }

  /** Runs the next queued line once nothing runs. */
  private drain(): void {
    if (this.disposed || this.session.getSnapshot().busy || this.overlay.getSnapshot().quit) return;
    const next = this.lineQueue.shift();
    if (!next) return;
    this.echo(next.line);
    this.output.scrollToBottom();
    void this.run(next.line, next);
  }

  private echo(line: string): void {
    this.append('stdout', this.opts.shell.prompt() + this.shown(line), 'echo');
  }

  /** A command line as the screen may show it: credentials masked. */
  private shown(line: string): string {
    return this.opts.shell.secrets.scrub(redactCommandLine(line));
  }

  /** Runs a command line as if typed (a key bound to a command: F4 → `pegasus`). */
  runCommand(line: string): void {
    const { shell } = this.opts;
    if (this.session.getSnapshot().busy) return this.flashBusy();
    if (!shell.registry.get(line.trim().split(/\s+/)[0] ?? '')) return this.overlay.flash(`no \`${line}\` command in this console`);
    this.append('stdout', shell.prompt() + line, 'echo');
    void this.run(line);
  }

  private flashBusy(): void {
    this.overlay.flash(`a command is running — ${this.keymap.label('command.cancel')} cancels it`);
  }

  private async run(line: string, queued?: QueuedLine): Promise<void> {
    const { shell } = this.opts;
    this.session.set({ busy: true });
    let code = 0;
    try {
      code = await shell.execute(line, 'tui');
    } catch (e) {
      // The shell reports failures itself; this is the last guard so the TUI never dies of one.
      this.append('stderr', `Unexpected error: ${e instanceof Error ? e.message : String(e)}`, 'error');
      code = 1;
    } finally {
      this.session.set({ busy: false, prompt: shell.prompt() });
    }
    if (shell.quitRequested) {
      this.overlay.requestQuit(shell.lastExitCode);
      return;
    }
    if (queued?.batch && code !== 0) this.stopBatch(queued, queued.batch, code);
    this.drain();
  }

  /** A pasted line failed: the rest of its paste does not run; it is held instead. */
  private stopBatch(failed: QueuedLine, batch: PasteBatch, code: number): void {
    const rest = this.lineQueue.takeBatch(batch);
    if (rest.length === 0) return;
    const more = rest.length === 1 ? 'the last line' : `the other ${rest.length} lines`;
    this.append('stderr', `pasted line ${failed.index} of ${batch.total} failed (exit code ${code}): stopped before ${more}`, 'warn');
    this.hold(rest, `${counted(rest.length, 'pasted line')} not run`);
  }

  /** Ctrl-C while a command runs. */
  cancelCommand(): void {
    if (this.opts.shell.cancel()) this.append('stderr', '^C', 'dim');
    // Lines waiting behind it do not run now; they are held, not thrown away.
    const waiting = this.lineQueue.takeQueued();
    if (waiting.length > 0) this.hold(waiting, `${counted(waiting.length, 'waiting line')} not run`);
  }

  /** Ctrl-C on the line: clears it; on an empty line, says how to leave instead (Ctrl-C never quits). */
  clearLine(): void {
    const dropped = this.lineQueue.dropHeld();
    if (dropped > 0) this.append('stdout', `${counted(dropped, 'held pasted line')} dropped, not run`, 'warn');
    else if (this.editor.line.text.length === 0) this.overlay.flash(`${this.keymap.label('line.eofOrDelete')} on an empty line, or \`quit\`, leaves zkpilot`);
    this.edit({ type: 'clear' });
  }

  // --- completion ----------------------------------------------------------------------------

  /** Tab. One candidate is inserted; several open the popup. `live`: re-filter an open popup. */
  async complete(live = false): Promise<void> {
    const { text, cursor } = this.editor.line;
    const result = await this.completion.query(text, cursor, () => this.editor.line.text === text && this.editor.line.cursor === cursor);
    if (!result) return;
    const { start, end, candidates } = result;
    if (candidates.length === 0) {
      this.completion.hide();
      if (!live) this.overlay.flash('no completions');
      return;
    }
    if (candidates.length === 1 && !live) return this.insertCandidate(start, end, candidates[0]!);
    // Several candidates sharing a longer prefix: type that prefix now, as bash does.
    const prefix = commonPrefix(candidates.map((c) => c.value));
    const typed = text.slice(start, cursor);
    let popupEnd = end;
    if (!live && prefix.length > typed.length && prefix.startsWith(typed)) {
      this.edit({ type: 'replace', start, end, text: prefix });
      popupEnd = start + prefix.length;
    }
    this.completion.show({ start, end: popupEnd, candidates, selected: 0 });
  }

  popupAccept(): void {
    const p = this.completion.getSnapshot().popup;
    if (p) this.insertCandidate(p.start, p.end, p.candidates[p.selected]!);
  }

  private insertCandidate(start: number, end: number, c: CompletionCandidate): void {
    // A path may go deeper (Tab again for its children), `name=` waits for its value; a command,
    // option or word is done.
    const after = this.editor.line.text.slice(end);
    const space = c.kind !== 'path' && !c.value.endsWith('=') && !after.startsWith(' ') ? ' ' : '';
    this.edit({ type: 'replace', start, end, text: c.value + space });
    if (space === '' && after.startsWith(' ')) this.edit({ type: 'right' });
    this.completion.hide();
  }

  // --- confirmation (Shell's `ask`) ------------------------------------------------------------

  /** A one-line y/N prompt over the input line; default No. Questions queue up. */
  ask = (question: string): Promise<boolean> => this.confirmations.ask(question);

  answer(yes: boolean): void {
    const question = this.confirmations.answer(yes);
    // The answer stays in the scrollback: the operator sees afterwards what they agreed to.
    if (question !== null) this.append('stdout', `${question} [y/N] ${yes ? 'y' : 'N'}`, yes ? 'warn' : 'dim');
  }

  // --- overlays ------------------------------------------------------------------------------

  openHelp(): void {
    this.overlay.openHelp();
    this.completion.hide();
  }

  get helpPageSize(): number {
    return Math.max(1, this.output.pageRows - 1);
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
    if (ticket === this.versionTicket && !this.disposed) this.session.set((s) => ({ header: { ...s.header, serverVersion: version } }));
  }

  private queueNotify(): void {
    if (this.notifyQueued || this.disposed) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      this.changes.emit();
    });
  }
}

/** Which keymap contexts apply now, most specific first; `paneContext`: the focused pane's own keys. */
export function keyContexts(s: ConsoleState, paneContext?: KeyContext): KeyContext[] {
  if (s.confirm) return ['confirm'];
  if (s.help) return ['help'];
  if (s.focus.current !== 'shell') return paneContext ? [paneContext, 'pane', 'global'] : ['pane', 'global'];
  if (s.busy) return s.editor.search ? ['running', 'search', 'global'] : ['running', 'shell', 'global'];
  if (s.popup) return ['popup', 'shell', 'global'];
  if (s.editor.search) return ['search', 'global'];
  return ['shell', 'global'];
}
