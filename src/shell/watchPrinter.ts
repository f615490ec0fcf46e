// zkCli's default watcher: with `printwatches on` every watch and session event is printed on
// stdout as a blank line, `WATCHER::`, a blank line and `WatchedEvent state:S type:T path:P`
// (ZooKeeperMain.printMessage prints "\n" + msg twice). The setting is read when the event
// arrives, as zkCli reads it.
import type { WatchEvent } from '../zk/types.js';
import type { EventBus } from './appEvents.js';
import type { ShellSettings } from './context.js';
import type { Stream, Tone } from './output.js';

/** What the printer needs of a Shell (a Shell satisfies it). */
export interface WatchPrinterHost {
  readonly bus: EventBus;
  readonly settings: ShellSettings;
  print(stream: Stream, text: string, tone?: Tone): void;
}

export interface WatchPrinterOptions {
  /**
   * Exec mode: zkCli's one-shot preamble shows the first `SyncConnected` event, but exec mode
   * prints no preamble, so it asks to skip that first connect event.
   */
  hideConnectPreamble?: boolean;
}

/** WatchedEvent.toString() in 3.8. */
export function watchedEventText(event: WatchEvent): string {
  return `WatchedEvent state:${event.state} type:${event.type} path:${event.path ?? 'null'}`;
}

/** The four lines zkCli prints for one event, as one text block. */
export function watcherBlock(event: WatchEvent): string {
  return `\nWATCHER::\n\n${watchedEventText(event)}`;
}

/** Starts printing watch events; returns the function that stops it. */
export function attachWatchPrinter(host: WatchPrinterHost, opts: WatchPrinterOptions = {}): () => void {
  let skipConnect = opts.hideConnectPreamble ?? false;
  return host.bus.on('watch', ({ event }) => {
    if (skipConnect && event.type === 'None' && event.state === 'SyncConnected') {
      skipConnect = false;
      return;
    }
    if (!host.settings.printWatches) return;
    host.print('stdout', watcherBlock(event), 'watch');
  });
}
