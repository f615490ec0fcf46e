// The operator's own shell (the Pegasus shell, or any command line) as one long-lived child:
// commands go to its stdin one at a time, stdout and stderr come back line by line and apart,
// each command's output is delimited by a sentinel (sentinel.ts), and a command that hangs,
// is cancelled (Ctrl-C) or kills the child gets the child restarted — and says so.
import type { ResultPromise } from 'execa';
import { Emitter } from '../../util/store.js';
import { LineBuffer } from './lineBuffer.js';
import { detectStyle, helpTrailerLine, Sentinels, startsHelpTrailer, textBeforeMarker, type SentinelStyle } from './sentinel.js';

export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  text: string;
}

export interface ChildShellOptions {
  argv: string[];
  cwd?: string;
  env?: Record<string, string>;
  style?: SentinelStyle | 'auto';
  /** How long the banner may take (the Pegasus shell asks the meta for the cluster name). */
  startupTimeoutMs?: number;
  /** After the marker on one stream, how long the other may stay quiet before the command ends. */
  drainMs?: number;
}

export type LifecycleEvent =
  | { type: 'started'; pid: number | undefined; banner: OutputLine[] }
  | { type: 'exited'; code: number | null; signal: string | null; during: 'startup' | 'idle' | 'command'; lastLines: OutputLine[] }
  | { type: 'restarting'; reason: string }
  | { type: 'gave-up'; reason: string }
  /** Output that belongs to no command (printed between commands). */
  | { type: 'stray'; line: OutputLine };

export type RunStatus = 'ok' | 'timeout' | 'cancelled' | 'exited' | 'not-started';

export interface RunOptions {
  /** null: no limit (copy_data can run for hours; Ctrl-C still works). */
  timeoutMs?: number | null;
  signal?: AbortSignal;
  /** Each line as it arrives (the scrollback shows long commands live). */
  onLine?: (line: OutputLine) => void;
}

export interface RunResult {
  status: RunStatus;
  lines: OutputLine[];
  stdout: string[];
  stderr: string[];
  /** The child's exit code when status is `exited`. */
  exitCode?: number | null;
  durationMs: number;
  /** Why it did not run (`not-started`): spawn error, startup timeout. */
  error?: string;
}

interface Pending {
  token: string;
  lines: OutputLine[];
  onLine?: (line: OutputLine) => void;
  seen: Set<OutputStream>;
  drain: NodeJS.Timeout | null;
  drainStarted: number;
  finish(status: RunStatus, exitCode?: number | null): void;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Two deaths this soon after starting, one after the other: stop restarting (a crash loop). */
const QUICK_DEATH_MS = 5_000;

interface Live {
  proc: ResultPromise;
  buffers: Record<OutputStream, LineBuffer>;
  startedAt: number;
  /** Still printing its banner. */
  starting: boolean;
}

export class ChildShell {
  readonly style: SentinelStyle;
  private readonly sentinels: Sentinels;
  private live: Live | null = null;
  private quickDeaths = 0;
  private starting: Promise<void> | null = null;
  private current: Pending | null = null;
  private swallowingHelp = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lifecycle = new Emitter<LifecycleEvent>();
  private disposed = false;
  private recent: OutputLine[] = [];

  constructor(private readonly opts: ChildShellOptions) {
    this.style = opts.style === undefined || opts.style === 'auto' ? detectStyle(opts.argv) : opts.style;
    this.sentinels = new Sentinels(this.style);
  }

  get running(): boolean {
    return this.live !== null;
  }

  get pid(): number | undefined {
    return this.live?.proc.pid;
  }

  get argv(): readonly string[] {
    return this.opts.argv;
  }

  onLifecycle(listener: (e: LifecycleEvent) => void): () => void {
    return this.lifecycle.on(listener);
  }

  /** Starts the child (if needed) and returns once its banner is out. */
  start(): Promise<void> {
    if (this.live !== null && this.starting === null) return Promise.resolve();
    if (this.starting === null) {
      const starting: Promise<void> = this.spawn().finally(() => {
        if (this.starting === starting) this.starting = null;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  /** Runs one command line; commands queue up and run one at a time. */
  run(line: string, opts: RunOptions = {}): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(line, opts));
    this.queue = result.catch(() => {});
    return result;
  }

  /** Replaces the child with a fresh one (the reason is reported); resolves once it is up. */
  restart(reason: string): Promise<void> {
    this.emit({ type: 'restarting', reason });
    this.detach();
    return this.start();
  }

  /** Stops the child; the next command starts a new one. */
  async stop(): Promise<void> {
    const live = this.detach();
    if (live) await live.proc.catch(() => {});
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    this.lifecycle.clear();
  }

  // --- internals -------------------------------------------------------------------------------

  private emit(e: LifecycleEvent): void {
    this.lifecycle.emitSafely(e); // a listener's failure is not the child's
  }

  /** Forgets the child (its late output and its exit are ignored) and terminates it. */
  private detach(): Live | null {
    const live = this.live;
    this.live = null;
    this.starting = null;
    this.swallowingHelp = false;
    // A command (or a banner) still waiting on this child will not get its marker now.
    this.current?.finish('exited', null);
    if (live) live.proc.kill('SIGTERM');
    return live;
  }

  private async runNow(line: string, opts: RunOptions): Promise<RunResult> {
    const started = Date.now();
    try {
      await this.start();
    } catch (e) {
      return { status: 'not-started', lines: [], stdout: [], stderr: [], durationMs: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
    }
    const live = this.live!;
    const token = this.sentinels.next();
    const outcome = await new Promise<{ status: RunStatus; lines: OutputLine[]; exitCode?: number | null }>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const onAbort = (): void => pending.finish('cancelled');
      const pending: Pending = {
        token,
        lines: [],
        onLine: opts.onLine,
        seen: new Set(),
        drain: null,
        drainStarted: 0,
        finish: (status, exitCode) => {
          if (this.current !== pending) return;
          this.current = null;
          if (timer) clearTimeout(timer);
          if (pending.drain) clearTimeout(pending.drain);
          opts.signal?.removeEventListener('abort', onAbort);
          // A line still without its newline belongs to this command.
          for (const stream of ['stdout', 'stderr'] as const) {
            const rest = live.buffers[stream].flush();
            if (rest !== null && !this.sentinels.isMarker(rest)) this.collect(pending, { stream, text: rest });
          }
          resolve({ status, lines: pending.lines, exitCode });
        },
      };
      this.current = pending;
      const timeoutMs = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : opts.timeoutMs;
      if (timeoutMs !== null) timer = setTimeout(() => pending.finish('timeout'), timeoutMs);
      if (opts.signal?.aborted) return pending.finish('cancelled');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      live.proc.stdin?.write(`${line}\n${this.sentinels.markerInput(token)}`);
    });
    if ((outcome.status === 'timeout' || outcome.status === 'cancelled') && this.live === live) {
      // The child is mid-command: only a fresh one is in a known state.
      void this.restart(outcome.status === 'timeout' ? `no answer to "${line}" in time` : `"${line}" was cancelled`).catch(() => {});
    }
    const lines = outcome.lines;
    return {
      status: outcome.status,
      lines,
      stdout: lines.filter((l) => l.stream === 'stdout').map((l) => l.text),
      stderr: lines.filter((l) => l.stream === 'stderr').map((l) => l.text),
      ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
      durationMs: Date.now() - started,
    };
  }

  private async spawn(): Promise<void> {
    if (this.disposed) throw new Error('the shell was closed');
    const [file, ...args] = this.opts.argv;
    if (file === undefined) throw new Error('no command line configured');
    this.swallowingHelp = false;
    this.recent = [];
    // Loaded with the first Pegasus command: consoles that never run one do not pay for execa.
    const { execa } = await import('execa');
    const proc = execa(file, args, {
      cwd: this.opts.cwd,
      env: this.opts.env,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      cleanup: true,
      forceKillAfterDelay: 2000,
    });
    const live: Live = { proc, buffers: { stdout: new LineBuffer(), stderr: new LineBuffer() }, startedAt: Date.now(), starting: true };
    this.live = live;
    proc.stdin?.on('error', () => {}); // a dead child's stdin: the exit handler reports it
    proc.stdout?.on('data', (chunk: Buffer | string) => this.onData(live, 'stdout', chunk));
    proc.stderr?.on('data', (chunk: Buffer | string) => this.onData(live, 'stderr', chunk));
    void proc.then((result) => this.onExit(live, result.exitCode ?? null, result.signal ?? null, result.failed && result.exitCode === undefined ? String(result.message) : null));
    const banner: OutputLine[] = [];
    const token = this.sentinels.next();
    let timer: NodeJS.Timeout | null = null;
    const startup = new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        token,
        lines: banner,
        seen: new Set(),
        drain: null,
        drainStarted: 0,
        finish: (status) => {
          if (this.current !== pending) return;
          this.current = null;
          if (timer) clearTimeout(timer);
          if (pending.drain) clearTimeout(pending.drain);
          if (status === 'ok') resolve();
          else reject(new Error(status === 'timeout' ? 'the shell did not finish starting in time' : `the shell exited while starting${this.exitDetail()}`));
        },
      };
      this.current = pending;
      timer = setTimeout(() => pending.finish('timeout'), this.opts.startupTimeoutMs ?? 30_000);
    });
    proc.stdin?.write(this.sentinels.markerInput(token));
    try {
      await startup;
    } catch (e) {
      if (this.live === live) this.detach();
      throw e;
    } finally {
      live.starting = false;
    }
    this.emit({ type: 'started', pid: proc.pid, banner });
  }

  /** The last lines the child printed, for an error message about its death. */
  private exitDetail(): string {
    const last = this.recent[this.recent.length - 1];
    return last ? ` (last output: ${last.text})` : '';
  }

  private onData(live: Live, stream: OutputStream, chunk: Buffer | string): void {
    if (this.live !== live) return; // a child we already gave up on
    for (const text of live.buffers[stream].push(chunk)) this.onLine({ stream, text });
    const pending = this.current;
    // The other stream is still draining after the marker: new data extends the wait.
    if (pending?.drain && !pending.seen.has(stream)) this.scheduleDrain(pending);
  }

  private onLine(line: OutputLine): void {
    if (line.stream === 'stdout' && this.swallowingHelp) {
      const kind = helpTrailerLine(line.text);
      if (kind === 'last') this.swallowingHelp = false;
      if (kind !== 'not-help') return;
      this.swallowingHelp = false;
    }
    if (this.sentinels.isMarker(line.text)) return this.onMarker(line);
    this.recent.push(line);
    if (this.recent.length > 20) this.recent.shift();
    const pending = this.current;
    if (pending) this.collect(pending, line);
    else this.emit({ type: 'stray', line });
  }

  private onMarker(line: OutputLine): void {
    const pending = this.current;
    if (line.stream === 'stdout' && startsHelpTrailer(line.text)) this.swallowingHelp = true;
    if (!pending || !this.sentinels.matches(line.text, pending.token)) return; // a stale marker
    const before = this.style === 'sh' ? line.text.slice(0, line.text.indexOf(pending.token)) : textBeforeMarker(line.text, pending.token);
    if (before) this.collect(pending, { stream: line.stream, text: before });
    pending.seen.add(line.stream);
    if (this.style === 'sh') {
      if (pending.seen.size === 2) pending.finish('ok');
      return;
    }
    pending.drainStarted = Date.now();
    this.scheduleDrain(pending);
  }

  /** The other stream may still hold this command's last lines: wait until it is quiet. */
  private scheduleDrain(pending: Pending): void {
    const quiet = this.opts.drainMs ?? 40;
    if (pending.drain) clearTimeout(pending.drain);
    const left = Math.max(0, pending.drainStarted + quiet * 10 - Date.now());
    pending.drain = setTimeout(() => pending.finish('ok'), Math.min(quiet, left));
  }

  private collect(pending: Pending, line: OutputLine): void {
    pending.lines.push(line);
    try {
      pending.onLine?.(line);
    } catch {
      // the caller's display problem, not the command's
    }
  }

  private onExit(live: Live, code: number | null, signal: string | null, spawnError: string | null): void {
    if (this.live !== live) return; // detached on purpose (restart, stop, cancel): no news
    this.live = null;
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = live.buffers[stream].flush();
      if (rest !== null) this.onLine({ stream, text: rest });
    }
    if (spawnError !== null) this.recent.push({ stream: 'stderr', text: spawnError });
    const during = live.starting ? 'startup' : this.current !== null ? 'command' : 'idle';
    this.emit({ type: 'exited', code, signal, during, lastLines: [...this.recent] });
    this.current?.finish('exited', code);
    if (this.disposed || during === 'startup') return;
    const lived = Date.now() - live.startedAt;
    this.quickDeaths = lived < QUICK_DEATH_MS ? this.quickDeaths + 1 : 0;
    if (this.quickDeaths >= 2) {
      this.quickDeaths = 0;
      this.emit({ type: 'gave-up', reason: `it exited twice within ${QUICK_DEATH_MS / 1000} s of starting; the next command starts it again` });
      return;
    }
    this.emit({ type: 'restarting', reason: `it exited (${signal ?? `exit code ${code}`})` });
    void this.start().catch(() => {});
  }
}
