// Builds one console: event bus, ZooKeeper connection, command registry, shell and completer.
// The TUI, exec mode and tests all start from here so they run the same commands the same way.
import { opsCommands } from '../commands/ops/index.js';
import { attachPegasus, pegasusCommands, type AttachedPegasus, type PegasusSpawn } from '../commands/pegasus/index.js';
import { snapshotCommands } from '../commands/snapshot/index.js';
import { zkCommands } from '../commands/zk/index.js';
import { EventBus } from '../shell/appEvents.js';
import { Completer } from '../shell/completion.js';
import { Connection, type ClientFactory } from '../shell/connection.js';
import { History } from '../shell/history.js';
import type { OutputSink } from '../shell/output.js';
import { CommandRegistry } from '../shell/registry.js';
import { Shell } from '../shell/shell.js';
import { attachWatchPrinter } from '../shell/watchPrinter.js';
import { createZkClient } from '../zk/client.js';

export interface ConsoleAppOptions {
  connectString: string;
  sink: OutputSink;
  interactive: boolean;
  assumeYes?: boolean;
  ask?: (question: string) => Promise<boolean>;
  sessionTimeoutMs?: number;
  historyFile?: string | null;
  /** Settings: lines kept in the per-cluster history, and how long one ZooKeeper call may take. */
  historySize?: number;
  callTimeoutMs?: number;
  /** Exec mode hides zkCli's connect preamble (the first SyncConnected event). */
  hideConnectPreamble?: boolean;
  clientFactory?: ClientFactory;
  /** The operator's Pegasus shell (a profile's `pegasus.command`, the sandbox's stand-in); null: `pegasus start CMDLINE`. */
  pegasusSpawn?: PegasusSpawn | null;
}

export interface ConsoleApp {
  bus: EventBus;
  conn: Connection;
  registry: CommandRegistry;
  shell: Shell;
  completer: Completer;
  /** `pg`, `pegasus` and Pegasus mode (also `shell.services.pegasus`, for the runbooks). */
  pegasus: AttachedPegasus;
  /** Closes the ZooKeeper session and detaches listeners. */
  dispose(): Promise<void>;
}

export function createConsoleApp(opts: ConsoleAppOptions): ConsoleApp {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.registerAll(zkCommands());
  registry.registerAll(snapshotCommands());
  registry.registerAll(opsCommands());
  const conn = new Connection(opts.clientFactory ?? createZkClient, bus, opts.connectString, opts.sessionTimeoutMs ?? 30000, opts.callTimeoutMs);
  const history = new History(opts.historyFile ?? null, opts.historySize);
  const shell = new Shell({
    registry,
    conn,
    bus,
    history,
    sink: opts.sink,
    interactive: opts.interactive,
    assumeYes: opts.assumeYes,
    ask: opts.ask,
  });
  const completer = new Completer(registry, () => conn.client);
  const pegasus = attachPegasus(shell, { spawn: opts.pegasusSpawn ?? null });
  registry.registerAll(pegasusCommands(pegasus.session));
  const detach = [
    attachWatchPrinter(shell, { hideConnectPreamble: opts.hideConnectPreamble ?? false }),
    // Cached children go stale after any command or watch event.
    bus.on('command.end', () => completer.invalidate()),
    bus.on('watch', () => completer.invalidate()),
  ];
  return {
    bus,
    conn,
    registry,
    shell,
    completer,
    pegasus,
    async dispose() {
      // Listeners go first: the Closed event of our own shutdown is nobody's business.
      for (const off of detach) off();
      await pegasus.dispose();
      await conn.close();
    },
  };
}
