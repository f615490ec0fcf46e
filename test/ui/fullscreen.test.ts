// Bracketed paste goes on with the full screen and off again however zkpilot ends: normal exit,
// crash (one line, never a stack trace) and SIGTERM/SIGHUP/SIGINT.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { enterFullscreen } from '../../src/ui/fullscreen.js';

const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

class FakeStream {
  readonly chunks: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(s: string): boolean {
    this.chunks.push(s);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & { exit: ReturnType<typeof vi.fn> };
  proc.exit = vi.fn();
  return proc;
}

function start() {
  const stdout = new FakeStream(true);
  const stderr = new FakeStream(false);
  const proc = fakeProcess();
  const screen = enterFullscreen(stdout as never, stderr as never, proc as never);
  return { stdout, stderr, proc, screen };
}

describe('bracketed paste and the full screen', () => {
  it('is turned on when the screen is entered', () => {
    const { stdout } = start();
    expect(stdout.text).toContain(PASTE_ON);
    expect(stdout.text).not.toContain(PASTE_OFF);
  });

  it.each([
    ['exit', undefined, undefined],
    ['SIGTERM', undefined, 143],
    ['SIGHUP', undefined, 129],
    ['SIGINT', undefined, 130],
    ['uncaughtException', new Error('boom'), 1],
    ['unhandledRejection', new Error('boom'), 1],
  ])('is turned off exactly once on %s', (event, arg, code) => {
    const { stdout, proc } = start();
    proc.emit(event, arg);
    expect(stdout.text.split(PASTE_OFF)).toHaveLength(2);
    if (code !== undefined) expect(proc.exit).toHaveBeenCalledWith(code);
    proc.emit('exit');
    expect(stdout.text.split(PASTE_OFF)).toHaveLength(2);
  });

  it('a crash is reported in one line, never a stack trace', () => {
    const { stderr, proc } = start();
    const error = new Error('socket hang up');
    expect(error.stack).toContain('\n    at ');
    proc.emit('uncaughtException', error);
    expect(stderr.text).toBe('zkpilot: unexpected error: socket hang up\n');
  });
});
