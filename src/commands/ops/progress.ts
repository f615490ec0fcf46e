// Progress of a long command: a ProgressMeter whose snapshots go on the event bus, where the
// TUI's progress line and exec mode's stderr printer (attachProgressPrinter) pick them up.
import type { CommandContext } from '../../shell/context.js';
import type { EventBus } from '../../shell/appEvents.js';
import { formatProgress, ProgressMeter } from '../../ops/progressMeter.js';

export function commandProgress(ctx: CommandContext, label: string, unit = 'nodes'): ProgressMeter {
  return new ProgressMeter({
    label,
    unit,
    emit: (progress) => ctx.bus.emit({ type: 'progress', commandId: ctx.commandId, progress }),
  });
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Exec mode: progress on stderr, redrawn in place, only when stderr is a terminal (a log file
 * or a pipe gets nothing: scripts parse stdout and stderr, progress would pollute both).
 * Returns the unsubscribe function.
 */
export function attachProgressPrinter(bus: EventBus, stream: ProgressStream = process.stderr): () => void {
  if (!stream.isTTY) return () => {};
  let shown = false;
  const clear = (): void => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const offProgress = bus.on('progress', (e) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const text = formatProgress(e.progress).slice(0, width);
    stream.write(`\r\x1b[2K${text}`);
    shown = true;
    if (e.progress.state !== 'running') clear();
  });
  const offEnd = bus.on('command.end', clear);
  return () => {
    offProgress();
    offEnd();
    clear();
  };
}
