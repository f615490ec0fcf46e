// Opens the full-screen console on one connect string: builds the console, connects, runs the
// TUI until the operator quits, then closes the session.
import { sessionCommands } from '../commands/session/index.js';
import { tryStartRecording } from '../sessions/recorder.js';
import type { OutputSink } from '../shell/output.js';
import type { NodeActionProvider } from '../commands/nodeActions/provider.js';
import { SandboxNodeActions } from '../commands/nodeActions/sandboxProvider.js';
import { TemplateNodeActions } from '../commands/nodeActions/templateProvider.js';
import type { EnsembleModel } from '../ensemble/index.js';
import type { PegasusSpawn } from '../commands/pegasus/index.js';
import { pegasusShellSpawn } from '../profiles/index.js';
import type { Profile, Settings } from '../profiles/types.js';
import { applyKeyBindings } from '../shell/keymap.js';
import type { Sandbox } from '../sandbox/ensemble.js';
import { attachRunbooks } from '../ui/checklist/attachRunbooks.js';
import { attachEnsemble } from '../ui/ensemble/attachEnsemble.js';
import { runTui } from '../ui/runTui.js';
import { createConsoleApp } from './consoleApp.js';
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
  /** Where node actions (start/stop/restart/status) come from: the sandbox, or a profile's templates. */
  sandbox?: Sandbox;
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
  const app = createConsoleApp({
    connectString,
    sink: quietSink,
    interactive: true,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    historyFile: historyFile(opts.clusterKey ?? connectString),
    historySize: opts.settings?.historySize,
    callTimeoutMs: opts.settings?.callTimeoutMs,
    pegasusSpawn: opts.pegasusSpawn ?? (opts.profile ? pegasusShellSpawn(opts.profile) : null),
  });
  if (opts.settings) applyKeyBindings(opts.settings.keyBindings);
  // Every interactive run is recorded for the postmortem; a recording that cannot start is
  // said once in the scrollback and the console runs on without it.
  const { recorder, problem } = tryStartRecording(app, { cluster: opts.title ?? connectString, connectString, operator: opts.operator, mode: 'tui' });
  app.registry.registerAll(sessionCommands(recorder));
  // Attached after the recorder so the recording sees every ensemble event from the first poll.
  const ensemble = attachEnsemble(app, { extraHosts: opts.extraHosts, pollIntervalMs: opts.pollIntervalMs });
  const runbooks = attachRunbooks(app, { model: ensemble.model, nodeActions: nodeActionsFor(opts, ensemble.model), resume: opts.resume, operator: opts.operator ?? undefined });
  let code: number | null = null;
  try {
    await app.conn.connect();
    code = await runTui({
      shell: app.shell,
      completer: app.completer,
      title: opts.title ?? connectString,
      accent: opts.accent,
      panes: [...ensemble.panes, ...runbooks.panes],
      maxScrollbackLines: opts.settings?.scrollbackLines,
      stdout: recorder ? recorder.teeScreen(process.stdout) : undefined,
      recording: recorder ? { sessionId: recorder.id } : null,
      banner: [...(opts.banner ?? []), ...(problem ? [problem] : [])].join('\n') || undefined,
    });
    return code;
  } finally {
    recorder?.close(code !== null, code ?? undefined);
    await app.dispose();
  }
}

/** The sandbox's own servers, or the profile's command templates; none: `node` says so. */
function nodeActionsFor(opts: OpenTuiOptions, model: EnsembleModel): NodeActionProvider | null {
  if (opts.sandbox) return new SandboxNodeActions(opts.sandbox);
  const profile = opts.profile;
  if (!profile?.nodeActions) return null;
  return new TemplateNodeActions({
    profileName: profile.name,
    templates: profile.nodeActions,
    resolve: (id) => {
      const node = model.getSnapshot().nodes.find((n) => n.id === id);
      return node && node.id !== null ? { host: node.host, id: node.id, clientPort: node.port } : null;
    },
  });
}
