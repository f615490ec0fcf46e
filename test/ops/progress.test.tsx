// Progress of long commands: the meter's rate and ETA, the text it shows, the TUI's progress line
// (set by bus events, cleared when the command ends) and exec mode's stderr printer (TTY only).
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { attachProgressPrinter, commandProgressForTest } from './progressHelpers.js';
import { duration, formatProgress, ProgressMeter, type ProgressSnapshot } from '../../src/ops/progressMeter.js';
import { EventBus } from '../../src/shell/appEvents.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { ProgressLine } from '../../src/ui/ProgressLine.js';

describe('ProgressMeter', () => {
  it('measures the recent rate and derives the ETA from the total', () => {
    let now = 0;
    const snaps: ProgressSnapshot[] = [];
    const meter = new ProgressMeter({ label: 'copy', now: () => now, intervalMs: 0, emit: (s) => snaps.push(s) });
    meter.setTotal(10_000);
    for (let i = 0; i < 10; i++) {
      now += 1000;
      meter.add(500);
    }
    const last = snaps[snaps.length - 1]!;
    expect(last.ratePerSec).toBeCloseTo(500, 0);
    expect(last.etaMs).toBeCloseTo(10_000, -2); // 5,000 left at 500/s
    const end = meter.end('done');
    expect(end).toMatchObject({ state: 'done', done: 5000, etaMs: 0 });
  });

  it('throttles running snapshots and always emits the last one', () => {
    let now = 0;
    const snaps: ProgressSnapshot[] = [];
    const meter = new ProgressMeter({ label: 'x', now: () => now, intervalMs: 200, emit: (s) => snaps.push(s) });
    for (let i = 0; i < 1000; i++) {
      now += 1;
      meter.add();
    }
    expect(snaps.length).toBeLessThanOrEqual(6);
    meter.end('cancelled');
    expect(snaps[snaps.length - 1]).toMatchObject({ state: 'cancelled', done: 1000 });
  });

  it('formats a bar with count, rate and ETA, or a count while the total is unknown', () => {
    const running = { label: 'copy /a → /b', done: 2500, total: 10_000, unit: 'nodes', ratePerSec: 1250, etaMs: 6000, elapsedMs: 2000, state: 'running' as const };
    expect(formatProgress(running, 10)).toBe('copy /a → /b  [###.......] 25%  2,500/10,000 nodes  1,250/s  ETA 0:06');
    expect(formatProgress({ ...running, total: null, etaMs: null })).toBe('copy /a → /b  2,500 nodes (counting…)  1,250/s');
    expect(formatProgress({ ...running, state: 'done', done: 10_000, elapsedMs: 8000 }, 10)).toContain('done in 0:08');
    expect(duration(3_725_000)).toBe('1:02:05');
  });
});

function shellWithProgressCommand() {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  let release: () => void = () => {};
  registry.register({
    name: 'work',
    usage: '',
    summary: 'emit progress, then wait',
    run: async (ctx) => {
      const meter = commandProgressForTest(ctx, 'work');
      meter.add(40);
      meter.setTotal(100); // a new total is always shown at once
      await new Promise<void>((r) => (release = r));
      meter.end('done');
    },
  });
  const conn = new Connection(() => {
    throw new Error('no ZooKeeper here');
  }, bus, 'localhost:1');
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink: new MemorySink(), interactive: true });
  return { shell, bus, finish: () => release() };
}

describe('progress in the TUI and in exec mode', () => {
  it('shows the running command’s progress in the store and clears it when the command ends', async () => {
    const { shell, finish } = shellWithProgressCommand();
    const store = new ConsoleStore({ shell, title: 't' });
    const running = shell.execute('work');
    await new Promise((r) => setImmediate(r));
    expect(store.getSnapshot().progress).toMatchObject({ label: 'work', done: 40, total: 100 });
    finish();
    await running;
    await new Promise((r) => setImmediate(r));
    expect(store.getSnapshot().progress).toBeNull();
    store.dispose();
  });

  it('renders the progress line', () => {
    const { lastFrame } = render(<ProgressLine width={80} progress={{ label: 'verify /a ⇔ /b', done: 10, total: 20, unit: 'nodes', ratePerSec: 5, etaMs: 2000, elapsedMs: 2000, state: 'running' }} />);
    expect(lastFrame()).toContain('verify /a ⇔ /b');
    expect(lastFrame()).toContain('50%');
    expect(lastFrame()).toContain('ETA 0:02');
  });

  it('prints progress on a terminal’s stderr only, redrawn in place, and clears it at the end', async () => {
    const { shell, bus, finish } = shellWithProgressCommand();
    const tty: string[] = [];
    const pipe: string[] = [];
    const offTty = attachProgressPrinter(bus, { isTTY: true, columns: 100, write: (t) => tty.push(t) });
    const offPipe = attachProgressPrinter(bus, { isTTY: false, write: (t) => pipe.push(t) });
    const running = shell.execute('work', 'exec');
    await new Promise((r) => setImmediate(r));
    finish();
    await running;
    offTty();
    offPipe();
    expect(pipe).toEqual([]);
    expect(tty.some((t) => t.startsWith('\r\x1b[2Kwork') && t.includes('40/100 nodes'))).toBe(true);
    expect(tty[tty.length - 1]).toBe('\r\x1b[2K');
  });
});
