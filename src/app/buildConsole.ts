// The one composition root: every service of a console, built in one fixed order for the TUI,
// exec mode and tests, returned typed, and undone by one disposal stack (last built, first
// disposed). Nothing here loads the UI: the TUI draws from the services it is handed.
//
//   bus → registry → connection → history → shell (+ watch printer) → completer → Pegasus
//   → recorder (+ note/mark) → ensemble model → checklists (engine, guards, node actions)
//
// The recorder comes before the ensemble so a recording sees every ensemble event from the first
// poll; the checklists come last because their guards and checks read the model.
import { opsCommands, attachProgressPrinter } from '../commands/ops/index.js';
import { treeCommands } from '../commands/tree/index.js';
import { attachPegasus, pegasusCommands, type PegasusSession, type PegasusSpawn } from '../commands/pegasus/index.js';
import type { NodeActionProvider } from '../commands/nodeActions/provider.js';
import { installRunbooks, type InstalledRunbooks, type InstallRunbooksOptions } from '../commands/runbook/install.js';
import { sessionCommands } from '../commands/session/index.js';
import { snapshotCommands } from '../commands/snapshot/index.js';
import { zkCommands } from '../commands/zk/index.js';
import type { EnsembleModel } from '../ensemble/ensembleModel.js';
import { tryStartRecording, type Recorder, type RecordingOptions } from '../sessions/recorder.js';
import { EventBus, type AppEvent } from '../shell/appEvents.js';
import { Completer } from '../shell/completion.js';
import { Connection } from '../shell/connection.js';
import { History } from '../shell/history.js';
import type { OutputSink } from '../shell/output.js';
import { CommandRegistry } from '../shell/registry.js';
import { Shell } from '../shell/shell.js';
import { attachWatchPrinter } from '../shell/watchPrinter.js';
import { createZkClient } from '../zk/client.js';
import type { ClientFactory } from '../zk/types.js';
import { DisposalStack } from './disposalStack.js';
import { wireEnsemble, type EnsembleOptions } from './ensembleWiring.js';

export type ConsoleMode = 'tui' | 'exec';

export interface BuildConsoleOptions {
  /** 'tui': a human answers prompts and the model polls at once; 'exec': scripts and one-shot commands. */
  mode: ConsoleMode;
  connectString: string;
  /** Where command output goes besides the bus (exec: stdout/stderr; the TUI renders from the bus). */
  sink: OutputSink;
  /** Exec mode's `--yes`: destructive commands proceed without asking. */
  assumeYes?: boolean;
  ask?: (question: string) => Promise<boolean>;
  sessionTimeoutMs?: number;
  /** How long one ZooKeeper call may take (settings.callTimeoutMs). */
  callTimeoutMs?: number;
  /** Per-cluster history file; null or absent: history in memory only. */
  historyFile?: string | null;
  historySize?: number;
  /** zkCli's connection preamble (the first SyncConnected event); hidden in exec mode by default. */
  hideConnectPreamble?: boolean;
  clientFactory?: ClientFactory;
  /** The operator's Pegasus shell (a profile's `pegasus.command`, the sandbox's stand-in); null: `pegasus start CMDLINE`. */
  pegasusSpawn?: PegasusSpawn | null;
  /** Record this run (the TUI always does, exec mode with --record); absent: not recorded. */
  recording?: RecordingOptions | null;
  /** The live model's polling; `start` defaults to true in the TUI, false in exec mode. */
  ensemble?: EnsembleOptions;
  /** The checklists: persisted run file, --resume, operator, and where node actions come from. */
  runbooks?: Omit<InstallRunbooksOptions, 'model' | 'nodeActions'> & {
    nodeActions?: (model: EnsembleModel) => NodeActionProvider | null;
  };
  /** Exec mode: copy/verify/deleteall progress on this stream when it is a terminal. */
  progressTo?: NodeJS.WriteStream;
  /** Sees every event from the first (tests: what the checklists said while the console was built). */
  observe?: (event: AppEvent) => void;
}

/** Every service of one console. */
export interface ConsoleServices {
  readonly mode: ConsoleMode;
  readonly bus: EventBus;
  readonly registry: CommandRegistry;
  readonly conn: Connection;
  readonly history: History;
  readonly shell: Shell;
  readonly completer: Completer;
  readonly pegasus: PegasusSession;
  /** This run's recording, or null (not asked for, or it could not start: see recordingProblem). */
  readonly recorder: Recorder | null;
  readonly recordingProblem: string | null;
  readonly ensemble: EnsembleModel;
  readonly runbooks: InstalledRunbooks;
}

export interface ConsoleOutcome {
  /** The exit code the run ended with; absent: it did not end cleanly (an exception). */
  exitCode?: number;
}

export interface BuiltConsole extends ConsoleServices {
  /** Undoes everything, newest first: checklists, model, recording (closed with the outcome), Pegasus, session. */
  dispose(outcome?: ConsoleOutcome): Promise<void>;
}

export function buildConsole(opts: BuildConsoleOptions): BuiltConsole {
  const stack = new DisposalStack();
  const interactive = opts.mode === 'tui';
  let outcome: ConsoleOutcome = {};

  const bus = new EventBus();
  if (opts.observe) stack.defer(bus.subscribe(opts.observe));
  const registry = new CommandRegistry();
  registry.registerAll(zkCommands(registry));
  registry.registerAll(snapshotCommands());
  registry.registerAll(opsCommands());
  registry.registerAll(treeCommands());
  const conn = new Connection(opts.clientFactory ?? createZkClient, bus, opts.connectString, opts.sessionTimeoutMs ?? 30000, opts.callTimeoutMs);
  // Closed last of all: the Closed event of our own shutdown is nobody's business, so every
  // listener above it is gone by then.
  stack.defer(() => conn.close());
  const history = new History(opts.historyFile ?? null, opts.historySize);
  const shell = new Shell({ registry, conn, bus, history, sink: opts.sink, interactive, assumeYes: opts.assumeYes, ask: opts.ask });
  stack.defer(attachWatchPrinter(shell, { hideConnectPreamble: opts.hideConnectPreamble ?? opts.mode === 'exec' }));
  const completer = new Completer(registry, () => conn.client);
  // Cached children go stale after any command or watch event.
  stack.defer(bus.on('command.end', () => completer.invalidate()));
  stack.defer(bus.on('watch', () => completer.invalidate()));

  const pegasus = attachPegasus(shell, { spawn: opts.pegasusSpawn ?? null });
  registry.registerAll(pegasusCommands(pegasus.session));
  stack.defer(() => pegasus.dispose());

  if (opts.progressTo) stack.defer(attachProgressPrinter(bus, opts.progressTo));

  const recording = opts.recording ? tryStartRecording({ bus, shell }, opts.recording) : { recorder: null, problem: null };
  const recorder = recording.recorder;
  if (recorder) stack.defer(() => recorder.close(outcome.exitCode !== undefined, outcome.exitCode));
  registry.registerAll(sessionCommands(recorder));

  const ensemble = wireEnsemble(shell, registry, { start: interactive, ...opts.ensemble }, stack);

  const { nodeActions, ...runbookOptions } = opts.runbooks ?? {};
  const runbooks = installRunbooks({ bus, conn, registry, shell }, { ...runbookOptions, model: ensemble, nodeActions: nodeActions?.(ensemble) ?? null });
  stack.defer(() => runbooks.dispose());

  return {
    mode: opts.mode,
    bus,
    registry,
    conn,
    history,
    shell,
    completer,
    pegasus: pegasus.session,
    recorder,
    recordingProblem: recording.problem,
    ensemble,
    runbooks,
    dispose(end?: ConsoleOutcome) {
      if (end) outcome = end;
      return stack.dispose();
    },
  };
}
