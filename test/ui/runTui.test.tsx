// runTui end to end over fake streams (no TTY, no ZooKeeper) and the full-screen guard with a
// fake process, so no real signal handler is ever triggered.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/shell/appEvents.js';
import { Completer } from '../../src/shell/completion.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { enterFullscreen } from '../../src/ui/fullscreen.js';
import { runTui } from '../../src/ui/runTui.js';
import { shortServerVersion as shortVersion } from '../../src/zk/fourLetterParsers.js';
import { FakeStdin } from '../helpers/fakeTty.js';


class FakeStdout extends EventEmitter {
  columns = 80;
  rows = 24;
  readonly chunks: string[] = [];
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(s: string): boolean {
    this.chunks.push(s);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

function makeShell() {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.register({ name: 'quit', usage: '', summary: 'leave', run: async (ctx) => ctx.requestQuit() });
  registry.register({ name: 'fail', usage: '', summary: 'exit 3', run: async () => 3 });
  const conn = new Connection(() => {
    throw new Error('no ZooKeeper here');
  }, bus, '127.0.0.1:2181');
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink: new MemorySink(), interactive: true });
  return { shell, completer: new Completer(registry, () => null) };
}

async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 4000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setImmediate(() => setTimeout(r, 0)));
  }
}

function typeLine(stdin: FakeStdin, line: string): void {
  for (const ch of line) stdin.write(ch);
  stdin.write('\r');
}

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';

describe('runTui', () => {
  it('resolves with the exit code when the operator types quit (no TTY: no alternate screen)', async () => {
    const { shell, completer } = makeShell();
    const stdin = new FakeStdin();
    const stdout = new FakeStdout(false);
    const done = runTui({ shell, completer, title: 'lab', stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(false) as never, probeServerVersion: null });
    await until(() => stdin.listenerCount('readable') > 0);
    typeLine(stdin, 'quit');
    await expect(done).resolves.toBe(0);
    expect(stdout.text).not.toContain(ENTER_ALT);
  });

  it('on a TTY enters the alternate screen and leaves it exactly once; Ctrl-D on an empty line quits', async () => {
    const { shell, completer } = makeShell();
    const stdin = new FakeStdin();
    const stdout = new FakeStdout(true);
    const done = runTui({ shell, completer, title: 'lab', stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(false) as never, probeServerVersion: async () => '3.8.4' });
    await until(() => stdin.listenerCount('readable') > 0);
    await until(() => stdout.text.includes('3.8.4'));
    stdin.write('\x04');
    await expect(done).resolves.toBe(0);
    expect(stdout.chunks[0]).toContain(ENTER_ALT);
    expect(stdout.text.split(LEAVE_ALT)).toHaveLength(2);
    expect(stdout.text.endsWith(`\x1b[?25h${LEAVE_ALT}`)).toBe(true);
  });

  it('shortens the srvr version for the header', () => {
    expect(shortVersion('3.8.4-5a02a05eddb59aee6ac762f7ea82e92a68eb9c0f, built on 2024-02-12 22:16 UTC')).toBe('3.8.4');
    expect(shortVersion('3.9.2')).toBe('3.9.2');
    expect(shortVersion('3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC')).toBe('3.8.0');
  });
});

describe('enterFullscreen', () => {
  function fakeProcess() {
    const proc = new EventEmitter() as EventEmitter & { exit: ReturnType<typeof vi.fn> };
    proc.exit = vi.fn();
    return proc;
  }

  it('restores exactly once on SIGTERM, then removes its handlers', () => {
    const stdout = new FakeStdout(true);
    const proc = fakeProcess();
    enterFullscreen(stdout as never, new FakeStdout(false) as never, proc as never);
    expect(stdout.text).toContain(ENTER_ALT);
    expect(proc.listenerCount('SIGHUP')).toBe(1);
    proc.emit('SIGTERM');
    expect(proc.exit).toHaveBeenCalledWith(143);
    proc.emit('exit');
    expect(stdout.text.split(LEAVE_ALT)).toHaveLength(2);
    for (const e of ['exit', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection']) expect(proc.listenerCount(e)).toBe(0);
  });

  it('restores, reports and exits 1 on an uncaught exception', () => {
    const stdout = new FakeStdout(true);
    const stderr = new FakeStdout(false);
    const proc = fakeProcess();
    const screen = enterFullscreen(stdout as never, stderr as never, proc as never);
    proc.emit('uncaughtException', new Error('boom'));
    expect(stdout.text).toContain(LEAVE_ALT);
    expect(stderr.text).toContain('boom');
    expect(proc.exit).toHaveBeenCalledWith(1);
    screen.restore();
    expect(stdout.text.split(LEAVE_ALT)).toHaveLength(2);
  });

  it('does nothing when stdout is not a terminal', () => {
    const stdout = new FakeStdout(false);
    const proc = fakeProcess();
    const screen = enterFullscreen(stdout as never, new FakeStdout(false) as never, proc as never);
    expect(screen.active).toBe(false);
    expect(stdout.chunks).toEqual([]);
    expect(proc.listenerCount('exit')).toBe(0);
  });
});
