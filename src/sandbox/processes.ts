// Process control for sandbox JVMs: detached spawn, liveness from /proc, signals, waiting.
//
// Pids come back from state files written by other (possibly long dead) processes, so every
// signal goes through `isSandboxJvm` first: a recycled pid must never receive our SIGKILL.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export type ProcessState = 'running' | 'paused' | 'gone';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Exit statuses of JVMs this process spawned (only the parent can learn them). */
const exits = new Map<number, ExitInfo>();

export const JVM_MAIN_CLASS = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
const POLL_MS = 50;

/**
 * Starts `file args` in its own process group with stdout+stderr appended to `logFile`, and
 * lets this process exit without waiting for it (`zkpilot sandbox up` returns, the JVM stays).
 */
export function spawnDetached(file: string, args: string[], logFile: string, cwd: string): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(file, args, { cwd, detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${file}`);
    const pid = child.pid;
    child.on('exit', (code, signal) => exits.set(pid, { code, signal }));
    child.on('error', () => exits.set(pid, { code: null, signal: null }));
    child.unref();
    return pid;
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

export function exitInfo(pid: number): ExitInfo | undefined {
  return exits.get(pid);
}

export function describeExit(info: ExitInfo | undefined): string {
  if (!info) return 'exited';
  if (info.signal) return `was killed by ${info.signal}`;
  return `exited with code ${info.code}`;
}

function readProcStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * running / paused (SIGSTOP, state T) / gone. A zombie counts as gone: a JVM started by a CLI
 * process that has since exited may linger unreaped, and it no longer serves anything.
 */
export function processState(pid: number | null): ProcessState {
  if (pid === null || pid <= 0) return 'gone';
  const stat = readProcStat(pid);
  if (stat === null) {
    if (process.platform === 'linux') return 'gone';
    try {
      process.kill(pid, 0);
      return 'running';
    } catch {
      return 'gone';
    }
  }
  // Field 3, after the parenthesised command name (which may itself contain spaces or ')').
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (state === 'Z' || state === 'X' || state === 'x') return 'gone';
  return state === 'T' || state === 't' ? 'paused' : 'running';
}

function readCmdline(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/** True when `pid` is a ZooKeeper JVM whose config file is `zooCfg`. */
export function isSandboxJvm(pid: number | null, zooCfg: string): boolean {
  if (pid === null || pid <= 0) return false;
  const args = readCmdline(pid);
  if (args === null) return process.platform !== 'linux' && processState(pid) !== 'gone';
  const main = args.indexOf(JVM_MAIN_CLASS);
  return main >= 0 && args[main + 1] === zooCfg;
}

/** Pids of every ZooKeeper JVM whose config file lies under `root` (safety net for teardown). */
export function findJvmsUnder(root: string): number[] {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const args = readCmdline(Number(entry));
    if (!args) continue;
    const main = args.indexOf(JVM_MAIN_CLASS);
    if (main >= 0 && args[main + 1]?.startsWith(prefix)) pids.push(Number(entry));
  }
  return pids.filter((pid) => processState(pid) !== 'gone');
}

/** Sends `signal` if the pid is still alive; a vanished process is not an error. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Polls until `predicate` holds or the deadline passes; returns whether it held. */
export async function pollUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (predicate()) return true;
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
}

export function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  return pollUntil(() => processState(pid) === 'gone', timeoutMs);
}

/**
 * SIGTERM (ZooKeeper's shutdown hook runs), SIGCONT so a paused JVM can act on it, then SIGKILL
 * if it is still there after `graceMs`.
 */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  signalProcess(pid, 'SIGTERM');
  signalProcess(pid, 'SIGCONT');
  if (await waitForExit(pid, graceMs)) return;
  signalProcess(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 10_000))) throw new Error(`process ${pid} survived SIGKILL`);
}
