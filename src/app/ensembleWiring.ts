// The live ensemble model in one console: created on the console's connect string, fed the
// session's state changes, notes and marks, and forwarding its events to the app's event bus
// (checklists, recorder). No UI here: the TUI builds its panes from the model it is given.
import { ensembleCommands } from '../commands/ensemble/index.js';
import { EnsembleModel } from '../ensemble/ensembleModel.js';
import type { FourLetterFn } from '../ensemble/poller.js';
import type { Shell } from '../shell/shell.js';
import type { CommandRegistry } from '../shell/registry.js';
import { createZkClient } from '../zk/client.js';
import type { ClientFactory } from '../zk/types.js';
import type { DisposalStack } from './disposalStack.js';

export interface EnsembleOptions {
  /** Poll interval (default 1000 ms; a profile's settings.pollIntervalMs). */
  pollIntervalMs?: number;
  /** Per-server poll timeout (default 60 % of the interval). */
  timeoutMs?: number;
  /** `host:port` of servers beyond config and connect string: a profile's watchHosts, the sandbox's spares. */
  extraHosts?: readonly string[];
  /** Start polling now (the TUI's default). Exec mode does not: `ensemble` starts it on demand. */
  start?: boolean;
  /** Session client for the watched getConfig (default: the real client); null: `conf` fallback only. */
  clientFactory?: ClientFactory | null;
  fourLetter?: FourLetterFn;
}

export function wireEnsemble(shell: Shell, registry: CommandRegistry, opts: EnsembleOptions, stack: DisposalStack): EnsembleModel {
  const { bus, conn } = shell;
  const model = new EnsembleModel({
    connectString: conn.connectString,
    extraHosts: opts.extraHosts,
    pollIntervalMs: opts.pollIntervalMs,
    timeoutMs: opts.timeoutMs,
    clientFactory: opts.clientFactory === undefined ? createZkClient : opts.clientFactory,
    fourLetter: opts.fourLetter,
  });
  registry.registerAll(ensembleCommands(() => model));
  shell.services.ensemble = model;
  const offs = [
    bus.on('session.state', (e) => model.noteSession(e.state, e.previous, e.connectString)),
    bus.on('note', (e) => model.noteAnnotation('note', e.text, e.author)),
    bus.on('mark', (e) => model.noteAnnotation('mark', e.label, e.author)),
    // Session states, notes and marks are on the bus already; the rest of the model's stream goes there too.
    model.onEvent((event) => {
      if (event.kind !== 'session.state' && event.kind !== 'annotation') bus.emit({ type: 'ensemble.event', event });
    }),
  ];
  stack.defer(async () => {
    for (const off of offs) off();
    if (shell.services.ensemble === model) delete shell.services.ensemble;
    await model.dispose();
  });
  if (opts.start) model.start();
  return model;
}
