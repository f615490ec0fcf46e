// Full screen by hand on Ink 6.8 (its `alternateScreen` option arrived in 7.0): enter the
// alternate screen before the first frame and leave it exactly once — on normal exit, on an
// uncaught exception or unhandled rejection, and on SIGTERM/SIGHUP/SIGINT — with the cursor shown,
// so an operator's terminal is never left blank or cursorless at 2 a.m. Bracketed paste goes on
// with the screen (a paste then arrives marked, so it is never taken for typing) and off with it.

const ENTER = '\x1b[?1049h\x1b[H\x1b[?2004h';
// Also switch off modes a later version might enable (mouse) — harmless if unset.
const LEAVE = '\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[?1049l';

export interface Fullscreen {
  /** False when stdout is not a terminal: nothing was written and nothing will be. */
  readonly active: boolean;
  /** Leaves the alternate screen; idempotent. */
  restore(): void;
}

const SIGNAL_EXIT_CODES = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

export function enterFullscreen(
  stdout: NodeJS.WriteStream,
  stderr: NodeJS.WritableStream = process.stderr,
  proc: NodeJS.Process = process,
): Fullscreen {
  if (!stdout.isTTY) return { active: false, restore: () => undefined };

  let restored = false;
  const handlers: [string, (...args: unknown[]) => void][] = [];
  const restore = (): void => {
    if (restored) return;
    restored = true;
    for (const [event, handler] of handlers) proc.off(event, handler);
    try {
      stdout.write(LEAVE); // synchronous on a TTY, so it also works inside an 'exit' handler
    } catch {
      // The terminal is gone (SIGHUP): nothing left to restore.
    }
  };
  const fatal = (error: unknown): void => {
    restore();
    // One clear line, never a stack trace in front of an operator.
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`zkpilot: unexpected error: ${message.split('\n')[0]}\n`);
    proc.exit(1);
  };

  handlers.push(['exit', restore], ['uncaughtException', fatal], ['unhandledRejection', fatal]);
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    handlers.push([
      signal,
      () => {
        restore();
        proc.exit(code);
      },
    ]);
  }
  for (const [event, handler] of handlers) proc.on(event, handler);
  stdout.write(ENTER);
  return { active: true, restore };
}
