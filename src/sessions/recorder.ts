// The session recorder: every event of a run's bus goes to events.jsonl, redacted, one line per
// event, written before the next event is handled. It records every event type generically (an
// ensemble or checklist event added to the bus later is recorded as it is), adds the lifecycle
// (start, resize, end), tees the rendered screen into screen.cast, and brings notes and marks
// written by other panes onto the bus so the running console shows them.
import { chmodSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { AppEvent, EventBus } from '../shell/appEvents.js';
import { appVersion } from '../util/projectRoot.js';
import { FileTail } from './fileTail.js';
import { FILE_MODE, JsonlAppender, toJsonLine } from './jsonlFile.js';
import { LiveCast } from './liveCast.js';
import { redactDeep, redactText, type SecretRegistry } from './redact.js';
import { teeWriteStream } from './screenTee.js';
import {
  SESSION_FORMAT_VERSION,
  isMark,
  isNote,
  isRecordedEvent,
  type EndEvent,
  type RecordedEvent,
  type ResizeEvent,
  type RunMode,
  type StartEvent,
} from './sessionEvents.js';
import { createSessionDir, defaultSessionsDir, type SessionRef } from './sessionStore.js';

/** What the recorder needs of a console: its bus, and its run-time secrets (ConsoleApp fits). */
export interface RecordingTarget {
  bus: EventBus;
  shell?: { secrets: SecretRegistry };
}

export interface RecordingOptions {
  /** Profile name or connect string. */
  cluster: string;
  connectString?: string | null;
  /** `--operator`; default $USER. */
  operator?: string | null;
  /** The terminal at the start; default the process's stdout when it is a terminal. */
  termSize?: { cols: number; rows: number } | null;
  mode?: RunMode;
  runbook?: string | null;
  /** Default settings.sessionsDir. */
  sessionsDir?: string;
  now?: () => number;
  /** Mark the session unclean if the process exits without close() (default true). */
  exitHook?: boolean;
}

// Lines an operator would hate to lose to a power cut go to disk at once; output lines ride along
// with the next of these (all of them survive a kill -9 either way: they are in the file).
const SYNC_TYPES = new Set(['start', 'end', 'command.start', 'command.end', 'note', 'mark', 'confirm', 'notice']);

export function operatorName(explicit?: string | null): string {
  if (explicit && explicit.trim()) return explicit.trim();
  const fromEnv = process.env['USER'] ?? process.env['LOGNAME'];
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export class Recorder {
  readonly ref: SessionRef;
  readonly id: string;
  readonly operator: string;
  readonly startedAt: number;
  private readonly now: () => number;
  private events: JsonlAppender | null;
  private screen: LiveCast | null = null;
  private inbox: FileTail | null = null;
  private readonly offs: (() => void)[] = [];
  private failure: string | null = null;
  private markCount = 0;
  private ended = false;

  constructor(
    private readonly target: RecordingTarget,
    opts: RecordingOptions,
  ) {
    const now = opts.now ?? Date.now;
    this.now = now;
    this.startedAt = now();
    this.ref = createSessionDir(opts.sessionsDir ?? defaultSessionsDir(), new Date(this.startedAt));
    this.id = this.ref.id;
    this.operator = operatorName(opts.operator);
    this.events = new JsonlAppender(this.ref.eventsFile);
    chmodSync(this.ref.eventsFile, FILE_MODE); // open()'s mode is masked by the umask
    const term = opts.termSize === undefined ? terminalSize(process.stdout) : opts.termSize;
    const start: StartEvent = {
      type: 'start',
      ts: this.startedAt,
      v: SESSION_FORMAT_VERSION,
      id: this.id,
      operator: this.operator,
      cluster: opts.cluster,
      connectString: opts.connectString ?? null,
      version: appVersion(),
      term,
      mode: opts.mode ?? 'tui',
      pid: process.pid,
      host: hostname(),
      runbook: opts.runbook ?? null,
      env: pickEnv(['TERM', 'SHELL']),
      tmuxPane: process.env['TMUX_PANE'] ?? null,
    };
    this.write(start);
    // The doorbell other panes ring (pairing.ts): created now so it can be watched.
    new JsonlAppender(this.ref.inboxFile).close();
    chmodSync(this.ref.inboxFile, FILE_MODE);
    this.offs.push(target.bus.subscribe((e) => this.onBusEvent(e)));
    this.inbox = new FileTail(this.ref.inboxFile, { onValue: (v) => this.onPairEvent(v), pollMs: 250 }).start();
    if (opts.exitHook !== false) {
      const onExit = (code: number) => this.finish(false, code, 'the process exited without closing the recording (signal or crash)');
      process.on('exit', onExit);
      this.offs.push(() => process.off('exit', onExit));
    }
  }

  get dir(): string {
    return this.ref.dir;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Why recording stopped early (disk full…), or null while it works. */
  get problem(): string | null {
    return this.failure;
  }

  /**
   * Wraps the stream the TUI renders to: the real terminal gets every byte, screen.cast a
   * redacted copy, and terminal resizes become `resize` events.
   */
  teeScreen<S extends NodeJS.WriteStream>(stdout: S): S {
    if (!this.screen) {
      const size = terminalSize(stdout) ?? { cols: 80, rows: 24 };
      this.screen = new LiveCast(
        this.ref.screenFile,
        {
          version: 2,
          width: size.cols,
          height: size.rows,
          timestamp: Math.floor(this.startedAt / 1000),
          title: `zkpilot ${this.id} ${this.operator}`,
          env: pickEnv(['TERM', 'SHELL']),
        },
        this.startedAt,
        this.now,
      );
      chmodSync(this.ref.screenFile, FILE_MODE);
    }
    const onResize = () => {
      const size = terminalSize(stdout);
      if (size) this.resize(size.cols, size.rows);
    };
    stdout.on('resize', onResize);
    this.offs.push(() => stdout.off('resize', onResize));
    return teeWriteStream(stdout, (chunk) => {
      if (this.screen && !this.failure) this.guard(() => this.screen?.output(this.scrub(chunk)));
    });
  }

  resize(cols: number, rows: number): void {
    const event: ResizeEvent = { type: 'resize', ts: this.now(), cols, rows };
    this.write(event);
    this.guard(() => this.screen?.resize(cols, rows));
  }

  /** A note typed in this console: on the bus (timeline, scrollback) and so in the recording. */
  note(text: string): void {
    this.target.bus.emit({ type: 'note', text: this.scrub(text), author: this.operator, origin: 'console' });
  }

  /** A named point to jump to in replay and in the cast (`mark` alone numbers them). */
  mark(label?: string): string {
    this.markCount += 1;
    const name = label && label.trim() ? this.scrub(label.trim()) : `mark ${this.markCount}`;
    this.target.bus.emit({ type: 'mark', label: name, author: this.operator, origin: 'console' });
    return name;
  }

  /** Ends the recording: `clean` for a normal quit; idempotent. */
  close(clean: boolean, exitCode: number | null = null): void {
    this.finish(clean, exitCode, clean ? null : 'closed unclean');
  }

  private finish(clean: boolean, exitCode: number | null, reason: string | null): void {
    if (this.ended) return;
    this.ended = true;
    for (const off of this.offs.splice(0)) off();
    this.inbox?.stop();
    const end: EndEvent = { type: 'end', ts: this.now(), clean, exitCode, reason };
    this.write(end);
    this.guard(() => this.events?.close());
    this.guard(() => this.screen?.close());
    this.events = null;
    this.screen = null;
  }

  private onBusEvent(event: AppEvent): void {
    // Pair notes and marks are already in the file: their writer put them there.
    if ((event.type === 'note' || event.type === 'mark') && event.origin === 'pair') return;
    this.write(event);
  }

  private onPairEvent(value: unknown): void {
    if (!isRecordedEvent(value) || value['origin'] !== 'pair' || this.ended) return;
    const author = typeof value['author'] === 'string' ? value['author'] : 'unknown';
    if (isNote(value)) this.target.bus.emit({ type: 'note', text: this.scrub(value.text), author, origin: 'pair' });
    else if (isMark(value)) this.target.bus.emit({ type: 'mark', label: this.scrub(String(value.label ?? '')), author, origin: 'pair' });
  }

  private write(event: RecordedEvent | AppEvent): void {
    if (!this.events || this.failure) return;
    let line: string;
    try {
      line = toJsonLine(redactDeep(event, (t) => this.target.shell?.secrets.scrub(t) ?? t));
    } catch {
      // An event that is not plain data: keep its place in the story rather than stop recording.
      line = toJsonLine({ type: event.type, ts: event.ts, unrecordable: true });
    }
    this.guard(() => this.events?.appendText(`${line}\n`, SYNC_TYPES.has(event.type)));
  }

  private scrub(text: string): string {
    const redacted = redactText(text);
    return this.target.shell?.secrets.scrub(redacted) ?? redacted;
  }

  /** A failed write stops the recording, says so once, and never reaches the operator's command. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (this.failure) return;
      this.failure = e instanceof Error ? e.message : String(e);
      this.target.bus.emit({ type: 'notice', level: 'error', text: `recording ${this.id} stopped: ${this.failure}` });
    }
  }
}

/** Starts recording a console run into a new session directory. Throws if it cannot be created. */
export function startRecording(target: RecordingTarget, opts: RecordingOptions): Recorder {
  return new Recorder(target, opts);
}

/**
 * For the console's startup: a read-only or full data dir must not keep an operator out of a
 * maintenance window, so it becomes a one-line problem to show instead of an exception.
 */
export function tryStartRecording(target: RecordingTarget, opts: RecordingOptions): { recorder: Recorder | null; problem: string | null } {
  try {
    return { recorder: startRecording(target, opts), problem: null };
  } catch (e) {
    return { recorder: null, problem: `not recording this session: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function terminalSize(stream: NodeJS.WritableStream): { cols: number; rows: number } | null {
  const s = stream as Partial<NodeJS.WriteStream>;
  return s.isTTY && s.columns && s.rows ? { cols: s.columns, rows: s.rows } : null;
}

function pickEnv(keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = process.env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
