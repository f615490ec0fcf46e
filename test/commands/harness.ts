// Drives a real Shell with the zkCli command set against a real server, and hands back each
// command's stdout/stderr lines and exit code. Watch events are printed only when asked for
// (they arrive asynchronously and would interleave with the lines a test compares).
import { EventBus } from '../../src/shell/appEvents.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink, type OutputLine } from '../../src/shell/output.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { attachWatchPrinter } from '../../src/shell/watchPrinter.js';
import { zkCommands } from '../../src/commands/zk/index.js';
import { createZkClient } from '../../src/zk/client.js';
import type { ZkClient } from '../../src/zk/types.js';

export interface CommandResult {
  code: number;
  out: string[];
  err: string[];
  lines: OutputLine[];
}

export interface HarnessOptions {
  printWatches?: boolean;
  assumeYes?: boolean;
  interactive?: boolean;
  ask?: (question: string) => Promise<boolean>;
}

export class ShellHarness {
  readonly bus = new EventBus();
  readonly sink = new MemorySink();
  readonly registry = new CommandRegistry();
  readonly conn: Connection;
  readonly shell: Shell;
  private readonly detach: (() => void)[] = [];

  constructor(connectString: string, opts: HarnessOptions = {}) {
    this.registry.registerAll(zkCommands(this.registry));
    this.conn = new Connection(createZkClient, this.bus, connectString);
    this.shell = new Shell({
      registry: this.registry,
      conn: this.conn,
      bus: this.bus,
      history: new History(null),
      sink: this.sink,
      interactive: opts.interactive ?? false,
      assumeYes: opts.assumeYes ?? true,
      ask: opts.ask,
    });
    if (opts.printWatches) this.detach.push(attachWatchPrinter(this.shell, { hideConnectPreamble: true }));
  }

  /** Opens the session and waits until it is connected. */
  static async open(connectString: string, opts: HarnessOptions = {}): Promise<ShellHarness> {
    const h = new ShellHarness(connectString, opts);
    const client = await h.conn.connect();
    await client.waitConnected(20_000);
    return h;
  }

  get client(): ZkClient {
    return this.conn.require();
  }

  /** Runs one line; returns what it printed while it ran. */
  async run(line: string): Promise<CommandResult> {
    const start = this.sink.lines.length;
    const code = await this.shell.execute(line);
    const lines = this.sink.lines.slice(start);
    return {
      code,
      out: lines.filter((l) => l.stream === 'stdout').map((l) => l.text),
      err: lines.filter((l) => l.stream === 'stderr').map((l) => l.text),
      lines,
    };
  }

  /** Lines printed since `mark` (e.g. asynchronous watch events). */
  since(mark: number): OutputLine[] {
    return this.sink.lines.slice(mark);
  }

  async close(): Promise<void> {
    for (const off of this.detach) off();
    await this.conn.close();
  }
}

/** Polls `check` until it holds (no fixed sleeps): for asynchronous effects such as watch events. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
