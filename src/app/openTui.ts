// Opens the full-screen console on one connect string: builds the console, connects, runs the
// TUI until the operator quits, then disposes of everything. The UI (Ink, React, the panes) is
// loaded here, on demand, and nowhere else: exec mode and the subcommands never pay for it.
import type { PegasusSpawn } from '../commands/pegasus/index.js';
import { pegasusShellSpawn } from '../profiles/profileUse.js';
import type { Profile, Settings } from '../profiles/types.js';
import type { NodeActionProvider } from '../commands/nodeActions/provider.js';
import type { EnsembleModel } from '../ensemble/ensembleModel.js';
import type { OutputSink } from '../shell/output.js';
import { buildConsole } from './buildConsole.js';
import { templateNodeActions } from './templateNodeActions.js';
import { historyFile } from './xdgPaths.js';

export interface OpenTuiOptions {
  /** Header title: a cluster name, or the connect string. */
  title?: string;
  /** Lines shown first in the scrollback. */
  banner?: string[];
  sessionTimeoutMs?: number;
  /** Key of the per-cluster history file (a profile name); defaults to the connect string. */
  clusterKey?: string;
  accent?: { colour: string; badge: string } | null;
  /** Who is at the keyboard (default $USER), for the session recording. */
  operator?: string | null;
  /** Servers to watch beyond the config and connect string (spares, new servers). */
  extraHosts?: string[];
  pollIntervalMs?: number;
  /** Where node actions (start/stop/restart/status) come from; default: the profile's templates. The sandbox passes its own. */
  nodeActions?: (model: EnsembleModel) => NodeActionProvider | null;
  profile?: Profile;
  /** `--resume`: continue the checklist that was in progress. */
  resume?: boolean;
  /** The Pegasus shell to run behind `pg` (default: the profile's `pegasus.command`). */
  pegasusSpawn?: PegasusSpawn | null;
  /** The operator's settings (scrollback, history, timeouts, key bindings); defaults without. */
  settings?: Settings;
}

/** The TUI renders from the shell's event bus; nothing may write to the terminal directly. */
const quietSink: OutputSink = { write() {} };

export async function openTui(connectString: string, opts: OpenTuiOptions = {}): Promise<number> {
  // Loaded while the services are built; awaited before connecting, so the screen is there to
  // show the session's first events.
  const ui = import('../ui/runConsole.js');
  const app = buildConsole({
    mode: 'tui',
    connectString,
    sink: quietSink,
    hideConnectPreamble: true,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    historyFile: historyFile(opts.clusterKey ?? connectString),
    historySize: opts.settings?.historySize,
    callTimeoutMs: opts.settings?.callTimeoutMs,
    pegasusSpawn: opts.pegasusSpawn ?? (opts.profile ? pegasusShellSpawn(opts.profile) : null),
    // Every interactive run is recorded for the postmortem; a recording that cannot start is
    // said once in the scrollback and the console runs on without it.
    recording: { cluster: opts.title ?? connectString, connectString, operator: opts.operator, mode: 'tui' },
    ensemble: { extraHosts: opts.extraHosts, pollIntervalMs: opts.pollIntervalMs },
    runbooks: {
      nodeActions: opts.nodeActions ?? ((model) => templateNodeActions(opts.profile, model)),
      resume: opts.resume,
      operator: opts.operator ?? undefined,
    },
  });
  let exitCode: number | undefined;
  try {
    const { runConsole } = await ui;
    await app.conn.connect();
    exitCode = await runConsole(app, {
      title: opts.title ?? connectString,
      accent: opts.accent,
      keyBindings: opts.settings?.keyBindings,
      maxScrollbackLines: opts.settings?.scrollbackLines,
      banner: [...(opts.banner ?? []), ...(app.recordingProblem ? [app.recordingProblem] : [])],
    });
    return exitCode;
  } finally {
    await app.dispose({ exitCode });
  }
}
