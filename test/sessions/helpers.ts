// Shared by the session tests: temp dirs, an offline shell (real Shell, no ZooKeeper), polling
// waits (a condition, never a fixed sleep), grep over a directory tree, and the child-process
// processes for kill -9 and second-pane tests (a bundled fixture, or the built program).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '../../src/shell/appEvents.js';
import { Completer } from '../../src/shell/completion.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry, type CommandSpec } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { bundleFixture } from '../helpers/bundleFixture.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

const made: string[] = [];

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `zkpilot-sessions-${label}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const sayCommand: CommandSpec = { name: 'say', usage: 'text', summary: 'print the arguments', rawArgs: true, run: async (ctx, p) => ctx.out(p.args.slice(1).join(' ')) };
export const failCommand: CommandSpec = { name: 'fail', usage: '', summary: 'exit 3 with an error line', run: async (ctx) => (ctx.err('it failed'), 3) };
export const quitCommand: CommandSpec = { name: 'quit', usage: '', summary: 'leave', run: async (ctx) => ctx.requestQuit() };

/** A real Shell over a connection that never connects: commands run, nothing touches ZooKeeper. */
export function offlineShell(commands: CommandSpec[] = [sayCommand, failCommand, quitCommand], historyFile: string | null = null) {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.registerAll(commands);
  const conn = new Connection(() => {
    throw new Error('no ZooKeeper in this test');
  }, bus, '127.0.0.1:2181');
  const shell = new Shell({ registry, conn, bus, history: new History(historyFile), sink: new MemorySink(), interactive: true });
  return { bus, registry, shell, completer: new Completer(registry, () => null) };
}

export { waitFor } from '../helpers/wait.js';

/** Every file under `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

export function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnChild(argv: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** A fixture of test/sessions/fixtures (a .ts file), bundled from the current sources, in its own process. */
export async function runFixture(name: string, args: string[], env: Record<string, string> = {}): Promise<Child> {
  return spawnChild([await bundleFixture(join(FIXTURES, name)), ...args], env);
}

/** `zkpilot ARGS…` (the built program, as `npm test` builds it), e.g. `note` from another pane. */
export function runCli(args: string[], env: Record<string, string> = {}): Child {
  return spawnChild([join(ROOT, 'build', 'cli.js'), ...args], env);
}

/** XDG dirs of a throw-away home, so a child finds the sessions dir by the default rule. */
export function xdgHome(label: string): { env: Record<string, string>; sessionsDir: string } {
  const home = tempDir(label);
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), USER: 'pairing-bob' };
  return { env, sessionsDir: join(home, 'data', 'zkpilot', 'sessions') };
}
