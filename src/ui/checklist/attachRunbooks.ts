// Wires the checklists into one console: the engine, commands and guards (installRunbooks), plus
// the checklist pane for the layout. Its dispose is chained into app.dispose().
import type { ConsoleApp } from '../../app/consoleApp.js';
import { installRunbooks, type InstallRunbooksOptions, type InstalledRunbooks } from '../../commands/runbook/install.js';
import type { PaneSlot } from '../App.js';
import { checklistPane } from './checklistPane.js';

export interface AttachedRunbooks extends InstalledRunbooks {
  panes: PaneSlot[];
}

export function attachRunbooks(app: ConsoleApp, opts: InstallRunbooksOptions): AttachedRunbooks {
  const installed = installRunbooks(app, opts);
  const appDispose = app.dispose.bind(app);
  app.dispose = async () => {
    installed.dispose();
    await appDispose();
  };
  return { ...installed, panes: [checklistPane(installed.engine)] };
}
