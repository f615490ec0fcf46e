// Wires the live ensemble model into one console: creates it on the console's connect string,
// registers the ensemble commands, puts the model in `shell.services.ensemble`, feeds it the
// session's state changes and forwards its events to the app's event bus (checklists, recorder).
// Its dispose is chained into app.dispose(), so a console never leaves polling behind.
import type { ConsoleApp } from '../../app/consoleApp.js';
import { ensembleCommands } from '../../commands/ensemble/index.js';
import { ENSEMBLE_SERVICE } from '../../commands/ensemble/service.js';
import type { ClientFactory } from '../../ensemble/configSource.js';
import { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { FourLetterFn } from '../../ensemble/poller.js';
import { createZkClient } from '../../zk/client.js';
import type { PaneSlot } from '../App.js';
import { ensemblePanes } from './ensemblePanes.js';

export interface AttachEnsembleOptions {
  /** Poll interval (default 1000 ms; a profile's settings.pollIntervalMs). */
  pollIntervalMs?: number;
  /** Per-server poll timeout (default 60 % of the interval). */
  timeoutMs?: number;
  /** `host:port` of servers beyond config and connect string: a profile's watchHosts, the sandbox's spares. */
  extraHosts?: readonly string[];
  /** Start polling now (TUI: true, the default). Exec mode passes false: `ensemble` starts it on demand. */
  start?: boolean;
  /** Session client for the watched getConfig (default: the real client); null: `conf` fallback only. */
  clientFactory?: ClientFactory | null;
  fourLetter?: FourLetterFn;
}

export interface AttachedEnsemble {
  model: EnsembleModel;
  /** The ensemble and timeline panes for runTui({ panes }). */
  panes: PaneSlot[];
  dispose(): Promise<void>;
}

export function attachEnsemble(app: ConsoleApp, opts: AttachEnsembleOptions = {}): AttachedEnsemble {
  const model = new EnsembleModel({
    connectString: app.conn.connectString,
    extraHosts: opts.extraHosts,
    pollIntervalMs: opts.pollIntervalMs,
    timeoutMs: opts.timeoutMs,
    clientFactory: opts.clientFactory === undefined ? createZkClient : opts.clientFactory,
    fourLetter: opts.fourLetter,
  });
  app.registry.registerAll(ensembleCommands(() => model));
  app.shell.services[ENSEMBLE_SERVICE] = model;
  const offs = [
    app.bus.on('session.state', (e) => model.noteSession(e.state, e.previous, e.connectString)),
    app.bus.on('note', (e) => model.noteAnnotation('note', e.text, e.author)),
    app.bus.on('mark', (e) => model.noteAnnotation('mark', e.label, e.author)),
    // Session states, notes and marks are on the bus already; the rest of the model's stream goes there too.
    model.onEvent((event) => {
      if (event.kind !== 'session.state' && event.kind !== 'annotation') app.bus.emit({ type: 'ensemble.event', event });
    }),
  ];
  if (opts.start ?? true) model.start();

  let disposed: Promise<void> | null = null;
  const dispose = (): Promise<void> => {
    disposed ??= (async () => {
      for (const off of offs) off();
      if (app.shell.services[ENSEMBLE_SERVICE] === model) delete app.shell.services[ENSEMBLE_SERVICE];
      await model.dispose();
    })();
    return disposed;
  };
  const appDispose = app.dispose.bind(app);
  app.dispose = async () => {
    await dispose();
    await appDispose();
  };
  return { model, panes: ensemblePanes(model), dispose };
}
