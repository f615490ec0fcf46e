// Opens the full-screen console on one connect string: builds the console, connects, runs the
// TUI until the operator quits, then closes the session.
import type { OutputSink } from '../shell/output.js';
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
  });
  try {
    // Not awaited: the header shows CONNECTING until the session is up, and commands typed
    // meanwhile get zkCli's ConnectionLoss, as they would in zkCli.
    await app.conn.connect();
    return await runTui({
      shell: app.shell,
      completer: app.completer,
      title: opts.title ?? connectString,
      accent: opts.accent,
      banner: opts.banner?.join('\n'),
    });
  } finally {
    await app.dispose();
  }
}
