// The command journal the Pegasus checks read: one entry per finished command, output by stream,
// `pg CMD` split out, newest first, nothing from before `since`, bounded.
import { describe, expect, it } from 'vitest';
import { CommandJournal, MAX_TOTAL_LINES } from '../../src/runbooks/commandJournal.js';
import { EventBus } from '../../src/shell/appEvents.js';

function run(bus: EventBus, id: number, line: string, out: string[], err: string[] = [], exitCode = 0): void {
  bus.emit({ type: 'command.start', id, line, source: 'tui' });
  for (const text of out) bus.emit({ type: 'output', commandId: id, line: { stream: 'stdout', text, tone: 'plain' } });
  for (const text of err) bus.emit({ type: 'output', commandId: id, line: { stream: 'stderr', text, tone: 'plain' } });
  bus.emit({ type: 'command.end', id, exitCode, durationMs: 1 });
}

describe('CommandJournal', () => {
  it('keeps each command with its output by stream, `pg CMD` split out', () => {
    const bus = new EventBus();
    const journal = new CommandJournal(bus);
    run(bus, 1, 'pg get_meta_level', ['current meta level is fl_blind']);
    run(bus, 2, 'copy /a zk2:2181:/a', [], ['copy done: 3 nodes'], 0);
    const pg = journal.last((e) => e.pegasus === 'get_meta_level');
    expect(pg).toMatchObject({ command: 'pg', pegasus: 'get_meta_level', args: [], stdout: ['current meta level is fl_blind'], stderr: [], exitCode: 0 });
    expect(journal.last((e) => e.command === 'copy')).toMatchObject({ args: ['/a', 'zk2:2181:/a'], stderr: ['copy done: 3 nodes'] });
    // Output outside any command (a watch event) belongs to nobody.
    bus.emit({ type: 'output', commandId: null, line: { stream: 'stdout', text: 'WATCHER::', tone: 'plain' } });
    expect(journal.last(() => true)?.stdout).toEqual([]);
  });

  it('answers the newest match, and nothing started before `since`', () => {
    let now = 1000;
    const bus = new EventBus();
    const journal = new CommandJournal(bus, () => now);
    run(bus, 1, 'pg ls', ['old']);
    now = 2000;
    run(bus, 2, 'pg ls', ['new']);
    expect(journal.last((e) => e.pegasus === 'ls')?.stdout).toEqual(['new']);
    expect(journal.last((e) => e.pegasus === 'ls', 1500)?.stdout).toEqual(['new']);
    expect(journal.last((e) => e.pegasus === 'nodes', 1500)).toBeNull();
    now = 3000;
    expect(journal.last((e) => e.pegasus === 'ls', 2500)).toBeNull();
  });

  it('stays bounded: old entries drop out, long outputs are cut', () => {
    const bus = new EventBus();
    const journal = new CommandJournal(bus);
    run(bus, 1, 'pg nodes -d', Array.from({ length: 6000 }, (_, i) => `row ${i}`));
    expect(journal.last(() => true)?.stdout).toHaveLength(5000);
    for (let i = 2; i < 100; i++) run(bus, i, `ls /n${i}`, []);
    expect(journal.last((e) => e.pegasus === 'nodes')).toBeNull();
    expect(journal.last((e) => e.line === 'ls /n99')).not.toBeNull();
    journal.dispose();
    run(bus, 200, 'ls /after', []);
    expect(journal.last((e) => e.line === 'ls /after')).toBeNull();
  });

  it('bounds the output held in all, not only per command: the oldest entries drop out whole', () => {
    const bus = new EventBus();
    const journal = new CommandJournal(bus);
    const held = () => {
      const sizes: number[] = [];
      journal.last((e) => (sizes.push(e.stdout.length + e.stderr.length), false));
      return sizes;
    };
    run(bus, 1, 'pg get_meta_level', ['current meta level is fl_steady']);
    const burst = Array.from({ length: 6000 }, (_, i) => `/bench/b${i % 10}/n${i}`);
    // A few long outputs after an answer leave it in place…
    for (let id = 2; id <= 4; id++) run(bus, id, `ls -R /bench${id}`, burst);
    expect(journal.last((e) => e.pegasus === 'get_meta_level')?.stdout).toEqual(['current meta level is fl_steady']);
    // …but forty of them (64 entries of 5,000 lines were 320,000 lines held) do not pile up.
    for (let id = 5; id <= 44; id++) run(bus, id, `ls -R /bench${id}`, burst, ['warn']);
    const sizes = held();
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_TOTAL_LINES);
    expect(sizes.every((n) => n === 5001)).toBe(true); // never half an answer
    expect(journal.last((e) => e.pegasus === 'get_meta_level')).toBeNull();
    expect(journal.last(() => true)?.line).toBe('ls -R /bench44');
  });
});
