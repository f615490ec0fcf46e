// The console's Pegasus shell: the configured command line (a profile's `pegasus.command`, or
// `pegasus start CMDLINE`), the long-lived child behind it, Pegasus mode (the `>>> ` prompt),
// and what the operator is told when the child starts, dies or is restarted.
import { CliError } from '../../shell/errors.js';
import type { Shell } from '../../shell/shell.js';
import { ChildShell, type LifecycleEvent, type OutputLine, type RunOptions, type RunResult } from '../../pegasus/passthrough/childShell.js';

export interface PegasusSpawn {
  argv: string[];
  cwd?: string;
  env?: Record<string, string>;
}

export interface PegasusSessionOptions {
  /** From the profile (pegasusShellSpawn); null until `pegasus start CMDLINE`. */
  spawn: PegasusSpawn | null;
  /** Default per-command timeout (60 s); copy_data has none, recover gets its -w plus a margin. */
  timeoutMs?: number;
}

/** How a finished Pegasus command went, for exit codes and checklists. */
export type PegasusRun = RunResult & { line: string };

declare module '../../shell/context.js' {
  interface ShellServices {
    /** The console's Pegasus shell (the P runbooks ask it questions). */
    pegasus?: PegasusSession;
  }
}

export class PegasusSession {
  private child: ChildShell | null = null;
  private spawnConfig: PegasusSpawn | null;
  private modeOn = false;
  timeoutMs: number;
  private offChild: (() => void) | null = null;
  /** Where notices go (the console's scrollback, outside any command). */
  private notify: (text: string, tone: 'info' | 'warn' | 'error' | 'dim') => void = () => {};

  constructor(opts: PegasusSessionOptions) {
    this.spawnConfig = opts.spawn;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** Binds notices to a shell's scrollback (attachPegasus does this). */
  attach(shell: Shell): void {
    this.notify = (text, tone) => shell.print(tone === 'error' || tone === 'warn' ? 'stderr' : 'stdout', text, tone);
  }

  get configured(): PegasusSpawn | null {
    return this.spawnConfig;
  }

  get mode(): boolean {
    return this.modeOn;
  }

  set mode(on: boolean) {
    this.modeOn = on;
    this.onModeChange(on);
  }

  /** The console's prompt and line routing follow the mode (attachPegasus sets this). */
  onModeChange: (on: boolean) => void = () => {};

  get running(): boolean {
    return this.child?.running ?? false;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** A different command line: the old child (if any) is stopped first. */
  async configure(spawn: PegasusSpawn): Promise<void> {
    await this.stop();
    this.spawnConfig = spawn;
  }

  /** The child, created on first use. */
  private shell(): ChildShell {
    if (this.spawnConfig === null) throw new CliError('pegasus: no Pegasus shell configured: set `pegasus.command` in the cluster profile, or run `pegasus start COMMAND LINE`');
    if (this.child === null) {
      const child = new ChildShell({ argv: this.spawnConfig.argv, cwd: this.spawnConfig.cwd, env: this.spawnConfig.env });
      this.offChild = child.onLifecycle((e) => this.report(e));
      this.child = child;
    }
    return this.child;
  }

  async start(): Promise<void> {
    await this.shell().start();
  }

  async restart(reason: string): Promise<void> {
    await this.shell().restart(reason);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.offChild?.();
    this.offChild = null;
    await child?.dispose();
  }

  async run(line: string, opts: RunOptions = {}): Promise<PegasusRun> {
    const result = await this.shell().run(line, { timeoutMs: timeoutFor(line, this.timeoutMs), ...opts });
    return { ...result, line };
  }

  private report(e: LifecycleEvent): void {
    const argv = this.spawnConfig?.argv.join(' ') ?? '';
    switch (e.type) {
      case 'started':
        for (const l of e.banner) this.notify(l.text, 'dim');
        this.notify(`pegasus: shell started (pid ${e.pid ?? '?'}): ${argv}`, 'info');
        return;
      case 'exited': {
        const how = e.signal ?? `exit code ${e.code ?? '?'}`;
        this.notify(`pegasus: the Pegasus shell exited (${how})${e.during === 'idle' ? ' while idle' : ''}`, 'warn');
        return;
      }
      case 'restarting':
        this.notify(`pegasus: restarting the Pegasus shell: ${e.reason}`, 'warn');
        return;
      case 'gave-up':
        this.notify(`pegasus: not restarting the Pegasus shell: ${e.reason}`, 'error');
        return;
      case 'stray':
        this.notify(e.line.text, e.line.stream === 'stderr' ? 'warn' : 'dim');
        return;
    }
  }
}

/**
 * How long one command may take: copy_data and count_data run as long as the table is big
 * (Ctrl-C stops them), recover waits up to its -w seconds (default 100) before it answers.
 */
export function timeoutFor(line: string, fallbackMs: number): number | null {
  const words = line.trim().split(/\s+/);
  const name = words[0] ?? '';
  if (name === 'copy_data' || name === 'count_data' || name === 'clear_data' || name === 'full_scan') return null;
  if (name === 'recover') {
    const at = words.findIndex((w) => w === '-w' || w === '--wait_seconds');
    const wait = at >= 0 ? Number(words[at + 1]) : 100;
    return (Number.isFinite(wait) && wait > 0 ? wait : 100) * 1000 + 30_000;
  }
  if (name === 'create') return Math.max(fallbackMs, 300_000); // waits for the table to be ready
  return fallbackMs;
}

/** Tone of a stderr line: Pegasus writes plain progress and `OK` there too, not only errors. */
export function stderrTone(text: string): 'error' | 'warn' | 'info' {
  if (/^(ERROR|error)\b/.test(text)) return 'error';
  if (/^(WARN|WARNING)\b/.test(text)) return 'warn';
  return 'info';
}

/** A command that answered but failed (for exit codes): USAGE, ERROR lines, `error=ERR_…`. */
export function looksFailed(lines: readonly OutputLine[]): boolean {
  return lines.some((l) => /^USAGE: |^ERROR: |failed, error ?= ?ERR_|got error ERR_|Recover result: ERR_(?!OK)|^Wait recovery failed/.test(l.text));
}
