// Puts the checklist engine into a console (no UI): registers `runbook`, `step`, `node`, the
// shell's pre-dispatch guard for `reconfig`, the node-action provider, the persisted run (resumed with `--resume`) and the bus events the recorder keeps.
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import { canaryWrite } from '../../runbooks/canary.js';
import { RunbookEngine } from '../../runbooks/engine.js';
import { createCommandGuard } from '../../runbooks/guards/commandGuard.js';
import { CommandJournal } from '../../runbooks/commandJournal.js';
import { ZK_RUNBOOKS } from '../../runbooks/library/index.js';
import { PEGASUS_RUNBOOKS } from '../../runbooks/library/pegasus.js';
import { RunStore } from '../../runbooks/persistence.js';
import type { RunbookDef } from '../../runbooks/types.js';
import type { EventBus } from '../../shell/appEvents.js';
import type { Connection } from '../../shell/connection.js';
import type { CommandRegistry } from '../../shell/registry.js';
import type { Shell } from '../../shell/shell.js';
import { nodeActionCommands } from '../nodeActions/nodeCommand.js';
import type { NodeActionProvider } from '../nodeActions/provider.js';
import { runbookCommands } from './index.js';

export interface RunbookHost {
  bus: EventBus;
  conn: Connection;
  registry: CommandRegistry;
  shell: Shell;
}

export interface InstallRunbooksOptions {
  model: EnsembleModel;
  /** Sandbox methods or a profile's templates; absent: `node` says none is configured. */
  nodeActions?: NodeActionProvider | null;
  /** Where the active run is persisted; null: not persisted. Default: $XDG_STATE_HOME/zkpilot/runbooks/active.json. */
  runFile?: string | null;
  /** `zkpilot --resume`: continue the persisted run. */
  resume?: boolean;
  operator?: string;
  library?: readonly RunbookDef[];
}

export interface InstalledRunbooks {
  engine: RunbookEngine;
  /** The run resumed at install, if any. */
  resumed: string | null;
  dispose(): void;
}

export function installRunbooks(host: RunbookHost, opts: InstallRunbooksOptions): InstalledRunbooks {
  const store = opts.runFile === null ? null : new RunStore(opts.runFile);
  const model = opts.model;
  // Subscribed before the engine's own listener below: a check sees the command that just ended.
  const journal = new CommandJournal(host.bus);
  const engine = new RunbookEngine({
    model,
    library: opts.library ?? [...ZK_RUNBOOKS, ...PEGASUS_RUNBOOKS],
    operator: opts.operator ?? process.env.USER ?? 'operator',
    emit: (e) => host.bus.emit({ type: 'runbook', ...e }),
    save: (state) => store?.save(state),
    canary: async () => {
      const client = host.conn.client;
      if (client && client.state === 'CONNECTED') await canaryWrite(client);
    },
    facts: () => ({
      digestAuth: host.conn.client?.auths.some((a) => a.scheme === 'digest') ?? false,
      connectString: host.conn.connectString,
      journal,
      pegasusCwd: host.shell.services.pegasus?.configured?.cwd ?? null,
    }),
  });
  host.registry.registerAll([...runbookCommands(() => engine), ...nodeActionCommands()]);
  const services = host.shell.services;
  services.runbooks = engine;
  if (opts.nodeActions) services.nodeActions = opts.nodeActions;
  // In exec mode the model is not polling yet: start it and wait for a full round (config and
  // every server's state) before judging, or the guard would judge an empty picture.
  services.commandGuard = createCommandGuard({
    refresh: async () => {
      await model.whenReady();
      return model.refresh();
    },
    probe: (host, port) => model.probe(host, port),
    engine,
  });

  // Each command's outcome is also a fact checks may read (`command:verify` exited 0 after the
  // step began), persisted with the run, without the commands knowing about checklists;
  // recording it re-evaluates the step at once. (The journal keeps the recent answers' output
  // for the Pegasus checks, for this session only.)
  const offEntries = journal.onEntry((e) => {
    if (e.command) engine.record(`command:${e.command}`, { ok: e.exitCode === 0, text: e.line, data: { exitCode: e.exitCode } });
  });

  let resumed: string | null = null;
  if (opts.resume && store) {
    const saved = store.load();
    if (saved) {
      engine.resume(saved);
      resumed = saved.runbookId;
    } else {
      host.bus.emit({ type: 'notice', level: 'info', text: `--resume: no runbook in progress (${store.file})` });
    }
  }
  return {
    engine,
    resumed,
    dispose() {
      offEntries();
      journal.dispose();
      engine.dispose();
      delete services.runbooks;
      delete services.nodeActions;
      delete services.commandGuard;
    },
  };
}
