// The TUI of one built console: its panes come from the services (the live ensemble model, the
// checklist engine), its screen is teed into the recording, and it runs until the operator quits.
import type { ConsoleServices } from '../app/buildConsole.js';
import { checklistPane } from './checklist/checklistPane.js';
import { ensemblePanes } from './ensemble/ensemblePanes.js';
import { runTui } from './runTui.js';

export interface RunConsoleOptions {
  /** Header title: a cluster name, or the connect string. */
  title: string;
  accent?: { colour: string; badge: string } | null;
  /** Settings' key-binding overrides (action id → keys). */
  keyBindings?: Readonly<Record<string, readonly string[]>>;
  maxScrollbackLines?: number;
  /** Lines shown first in the scrollback. */
  banner?: readonly string[];
}

export function runConsole(services: ConsoleServices, opts: RunConsoleOptions): Promise<number> {
  const { recorder } = services;
  // Screen order: the table, the checklist (when a run is on), the timeline.
  const [table, timeline] = ensemblePanes(services.ensemble);
  return runTui({
    shell: services.shell,
    completer: services.completer,
    title: opts.title,
    accent: opts.accent,
    keyBindings: opts.keyBindings,
    panes: [table!, checklistPane(services.runbooks.engine), timeline!],
    maxScrollbackLines: opts.maxScrollbackLines,
    stdout: recorder ? recorder.teeScreen(process.stdout) : undefined,
    recording: recorder ? { sessionId: recorder.id } : null,
    banner: opts.banner?.length ? opts.banner.join('\n') : undefined,
  });
}
