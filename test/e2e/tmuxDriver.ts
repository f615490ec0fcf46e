// Drives the real zkpilot binary in a real tmux server: send keys, read the screen.
// Each driver uses its own tmux socket so tests never touch an operator's tmux.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));
const EXIT_MARK = '[zkpilot exited ';

export class TmuxDriver {
  readonly socket = `zkpilot-e2e-${randomBytes(4).toString('hex')}`;
  readonly session = 'e2e';

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(command: string[], cols = 120, rows = 40, env: Record<string, string> = {}): void {
    const envArgs = Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${shellQuote(v)}`);
    // sh waits for the program and prints its exit status on the (restored) screen, then keeps the
    // pane open: tmux's own exit status of a pane is not always collected promptly.
    const program = `env ${envArgs.join(' ')} ${command.map(shellQuote).join(' ')}`;
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows),
      `${program}; echo "${EXIT_MARK}$?]"; exec sleep 600`);
  }

  /** Waits until the program has exited; returns its exit status. */
  async waitForExit(timeoutMs = 20000): Promise<number> {
    const screen = await this.waitFor((s) => s.includes(EXIT_MARK), 'zkpilot to exit', timeoutMs);
    return Number(new RegExp(`${EXIT_MARK.replace(/[[\]]/g, '\\$&')}(\\d+)\\]`).exec(screen)![1]);
  }

  /** Keys as tmux names them (`Enter`, `Tab`, `C-c`) or literal text with `literal`. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** Types text and waits until the input line shows it (then a following key acts on the whole line). */
  async typeLine(text: string): Promise<void> {
    this.type(text);
    // The input line is `…] text` (panels may share the row to its right).
    await this.waitFor((s) => s.split('\n').some((l) => l.includes(`] ${text}`)), `the input line to show ${JSON.stringify(text)}`);
  }

  /**
   * Pastes `text` as a terminal does: tmux's paste buffer, bracketed (ESC[200~ … ESC[201~) when
   * the program asked for bracketed paste mode, as a real terminal's paste would be.
   */
  paste(text: string): void {
    const buffer = `e2e-${randomBytes(3).toString('hex')}`;
    this.tmux('set-buffer', '-b', buffer, text);
    this.tmux('paste-buffer', '-p', '-d', '-b', buffer, '-t', this.session);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  display(format: string): string {
    return this.tmux('display-message', '-p', '-t', this.session, format).trim();
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.session, '-x', String(cols), '-y', String(rows));
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 20000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
  }

  async waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => s.includes(text), JSON.stringify(text), timeoutMs);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * For a test file: a throw-away HOME with its XDG dirs (no operator's history, profiles or
 * recordings are touched), and drivers killed after each test, even a failed one.
 */
export function useE2eHome(label: string): { env: () => Record<string, string>; driver: () => TmuxDriver } {
  let home = '';
  const drivers: TmuxDriver[] = [];
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), `zkpilot-e2e-${label}-`));
  });
  afterEach(() => {
    for (const d of drivers.splice(0)) d.kill();
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  return {
    env: () => ({ HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') }),
    driver: () => {
      const d = new TmuxDriver();
      drivers.push(d);
      return d;
    },
  };
}
