// The REPL engine: one line in, one exit code out. Tokenizes as zkCli does, looks the command
// up, parses its options, runs it over a context, and turns every failure into zkCli's one-line
// message on stderr. Used unchanged by the TUI, exec mode, scripts and tests.
import { SecretRegistry, redactCommandLine } from '../sessions/redact.js';
import { ZkError } from '../zk/types.js';
import type { CommandSource, EventBus } from './appEvents.js';
import type { Connection } from './connection.js';
import type { CommandContext, ShellServices, ShellSettings } from './context.js';
import { CancelledError, CliError, UsageError } from './errors.js';
import type { History } from './history.js';
import { OptionParseError, parseOptions } from './options.js';
import type { OutputSink, Stream, Tone } from './output.js';
import { CommandRegistry } from './registry.js';
import { tokenize } from './tokenizer.js';
import { zkCliMessage } from './zkMessages.js';

export interface ShellOptions {
  registry: CommandRegistry;
  conn: Connection;
  bus: EventBus;
  history: History;
  sink: OutputSink;
  interactive: boolean;
  /** Exec mode's `--yes`: destructive commands proceed without asking. */
  assumeYes?: boolean;
  /** The TUI's prompt; absent in exec mode. */
  ask?: (question: string) => Promise<boolean>;
  secrets?: SecretRegistry;
  services?: ShellServices;
  settings?: Partial<ShellSettings>;
}

/**
 * A console mode that takes over the prompt and the lines typed (Pegasus mode: `>>> `, every
 * line goes to the Pegasus shell). `route` returns the line to run instead of the typed one.
 */
export interface InputMode {
  prompt(): string;
  route(line: string): string;
}


export class Shell {
  commandCount = 0;
  lastExitCode = 0;
  quitRequested = false;
  readonly settings: ShellSettings;
  readonly secrets: SecretRegistry;
  readonly services: ShellServices;
  private running: AbortController | null = null;
  private inputMode: InputMode | null = null;

  constructor(private readonly opts: ShellOptions) {
    this.settings = { printWatches: true, ...opts.settings };
    this.secrets = opts.secrets ?? new SecretRegistry();
    this.services = opts.services ?? {};
  }

  get registry(): CommandRegistry {
    return this.opts.registry;
  }
  get conn(): Connection {
    return this.opts.conn;
  }
  get history(): History {
    return this.opts.history;
  }
  get bus(): EventBus {
    return this.opts.bus;
  }
  get busy(): boolean {
    return this.running !== null;
  }

  /** zkCli's prompt: `[zk: 127.0.0.1:2181(CONNECTED) 3] `. */
  prompt(): string {
    if (this.inputMode) return this.inputMode.prompt();
    return `[zk: ${this.conn.connectString}(${this.conn.state}) ${this.commandCount}] `;
  }

  /** Cancels the running command (Ctrl-C). Returns false when nothing was running. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }

  /**
   * Binds the operator's y/N prompt after construction: runTui attaches its confirmation line
   * here (and detaches it on exit), since the shell is built before the TUI exists.
   */
  setAsk(ask: ((question: string) => Promise<boolean>) | undefined): void {
    this.opts.ask = ask;
  }

  /** Writes a line outside any command (watch events, notices), through the same sink. */
  print(stream: Stream, text: string, tone?: Tone, commandId: number | null = null): void {
    const safe = this.secrets.scrub(text);
    this.opts.sink.write(stream, safe, tone);
    for (const line of safe.split('\n')) this.bus.emit({ type: 'output', line: { stream, text: line, tone: tone ?? 'plain' }, commandId });
  }

  /** Switches the console into (or, with null, out of) another input mode. */
  setInputMode(mode: InputMode | null): void {
    this.inputMode = mode;
  }

  async execute(line: string, source: CommandSource = 'tui', parentSignal?: AbortSignal): Promise<number> {
    if (line.trim().length === 0) return this.lastExitCode;
    if (this.inputMode) line = this.inputMode.route(line);
    return this.run(tokenize(line), line, source, parentSignal);
  }

  /** One-shot exec mode: argv tokens are taken as they are, like zkCli's launcher does. */
  async executeArgv(argv: readonly string[], source: CommandSource = 'exec', parentSignal?: AbortSignal): Promise<number> {
    const display = argv.map((t) => (t === '' || /\s/.test(t) ? `"${t}"` : t)).join(' ');
    return this.run([...argv], display, source, parentSignal);
  }

  private async run(tokens: string[], line: string, source: CommandSource, parentSignal?: AbortSignal): Promise<number> {
    const id = this.commandCount;
    const redacted = this.secrets.scrub(redactCommandLine(line));
    this.history.put(id, redacted);
    const started = Date.now();
    this.bus.emit({ type: 'command.start', id, line: redacted, source });

    const controller = new AbortController();
    const onParentAbort = () => controller.abort();
    if (parentSignal?.aborted) controller.abort();
    parentSignal?.addEventListener('abort', onParentAbort);
    const outer = this.running;
    this.running = controller;
    let code: number;
    try {
      code = await this.dispatch(tokens, id, controller.signal);
    } finally {
      this.running = outer;
      parentSignal?.removeEventListener('abort', onParentAbort);
      // zkCli counts a line after running it: `history` lists itself under the current count.
      this.commandCount += 1;
    }
    this.lastExitCode = code;
    this.bus.emit({ type: 'command.end', id, exitCode: code, durationMs: Date.now() - started });
    return code;
  }

  private async dispatch(tokens: string[], id: number, signal: AbortSignal): Promise<number> {
    const name = tokens[0] ?? '';
    const spec = this.registry.get(name);
    const ctx = this.context(id, signal);
    if (!spec) {
      ctx.err(this.registry.zkcliUsage());
      ctx.err(`Command not found: Command not found ${name}`);
      return 127;
    }
    try {
      // zkCli checks the session before it parses: a closed shell answers "Not connected" even to bad options.
      if (spec.needsSession) this.conn.require();
      const guard = this.services.commandGuard;
      if (guard) {
        const verdict = await guard(spec.name, tokens, ctx);
        if (typeof verdict === 'number') return verdict;
        tokens = verdict;
      }
      const parsed = spec.rawArgs
        ? { args: [...tokens], flags: new Set<string>(), values: new Map<string, string>(), tokens: [...tokens] }
        : parseOptions(tokens, spec.options ?? []);
      const result = await spec.run(ctx, parsed);
      return typeof result === 'number' ? result : 0;
    } catch (e) {
      return this.report(ctx, e);
    }
  }

  private report(ctx: CommandContext, e: unknown): number {
    if (e instanceof UsageError) {
      ctx.err(e.usage);
      return e.exitCode;
    }
    if (e instanceof CancelledError) {
      ctx.err(e.message, 'warn');
      return e.exitCode;
    }
    if (e instanceof CliError) {
      // "Not connected" goes to stdout with exit 0, as zkCli does.
      if (e.exitCode === 0) ctx.out(e.message);
      else ctx.err(e.message);
      return e.exitCode;
    }
    if (e instanceof OptionParseError) {
      ctx.err(e.message);
      return 1;
    }
    if (e instanceof ZkError) {
      ctx.err(zkCliMessage(e));
      return 1;
    }
    // Never a stack trace in front of an operator: one line, and the shell goes on.
    const message = e instanceof Error ? e.message : String(e);
    ctx.err(`Unexpected error: ${message}`);
    return 1;
  }

  private context(commandId: number, signal: AbortSignal): CommandContext {
    return {
      conn: this.conn,
      history: this.history,
      settings: this.settings,
      bus: this.bus,
      secrets: this.secrets,
      services: this.services,
      interactive: this.opts.interactive,
      signal,
      commandId,
      lastExitCode: this.lastExitCode,
      out: (text, tone) => this.print('stdout', text, tone, commandId),
      err: (text, tone) => this.print('stderr', text, tone ?? 'error', commandId),
      confirm: (question) => this.confirm(question),
      preapproved: this.opts.assumeYes === true,
      execute: (line) => this.dispatch(tokenize(line), commandId, signal),
      requestQuit: () => {
        this.quitRequested = true;
      },
    };
  }

  private async confirm(question: string): Promise<boolean> {
    if (this.opts.assumeYes) {
      this.bus.emit({ type: 'confirm', question, accepted: true, how: 'flag' });
      return true;
    }
    if (!this.opts.interactive || !this.opts.ask) {
      this.bus.emit({ type: 'confirm', question, accepted: false, how: 'refused-noninteractive' });
      this.print('stderr', `${question} — no one to ask here: run it in the TUI, or pass --yes`, 'warn');
      return false;
    }
    const accepted = await this.opts.ask(question);
    this.bus.emit({ type: 'confirm', question, accepted, how: 'prompt' });
    return accepted;
  }
}
