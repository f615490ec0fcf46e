// Per-run sandbox root + last-resort cleanup. Sandboxes created without an explicit dir land in
// $ZKPILOT_SANDBOX_TMP (see src/sandbox/sandboxDir.ts); the teardown kills every ZooKeeper JVM
// whose config lies under this run's root, so a test file that crashed or timed out before its
// afterAll cannot leave JVMs behind. Other runs (other engineers, CI jobs) are left alone: each
// run has its own root, named after the vitest process, and only dead runs' roots are swept.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findJvmsUnder, processState, signalProcess, waitForExit } from '../src/sandbox/processes.js';
// @ts-expect-error: a plain ESM build script without type declarations
import { buildCli } from '../scripts/build.mjs';

const ROOT = path.join(os.tmpdir(), 'zkpilot-test-sandboxes');

async function killJvmsUnder(dir: string): Promise<number> {
  const pids = findJvmsUnder(dir);
  for (const pid of pids) signalProcess(pid, 'SIGKILL');
  await Promise.all(pids.map((pid) => waitForExit(pid, 10_000)));
  return pids.length;
}

/** Roots of earlier runs whose vitest process is gone (killed with SIGKILL, machine crash, …). */
async function sweepDeadRuns(): Promise<void> {
  const entries = await fs.readdir(ROOT).catch(() => [] as string[]);
  for (const entry of entries) {
    const owner = /^run-(\d+)-/.exec(entry);
    if (!owner || processState(Number(owner[1])) !== 'gone') continue;
    const dir = path.join(ROOT, entry);
    await killJvmsUnder(dir);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const PROJECT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(p) : (await fs.stat(p)).mtimeMs);
  }
  return newest;
}

/**
 * Tests start the built program, the stand-in and the bulk workers as processes: bring build/ up
 * to date with src/ once, before any test file runs (`npm test` has just built; a bare
 * `npx vitest run …` after an edit has not). Never during the run: a rebuild would pull files
 * from under running processes.
 */
async function buildIfStale(): Promise<void> {
  const built = await fs.stat(path.join(PROJECT, 'build', 'meta.json')).then((s) => s.mtimeMs, () => 0);
  if (built >= (await newestSource(path.join(PROJECT, 'src')))) return;
  await buildCli();
}

export default async function setup(): Promise<() => Promise<void>> {
  await buildIfStale();
  await fs.mkdir(ROOT, { recursive: true });
  await sweepDeadRuns();
  const runDir = await fs.mkdtemp(path.join(ROOT, `run-${process.pid}-`));
  // Inherited by the forked test workers, which start after global setup.
  process.env.ZKPILOT_SANDBOX_TMP = runDir;
  return async () => {
    const killed = await killJvmsUnder(runDir);
    if (killed > 0) console.warn(`[globalSetup] killed ${killed} stray sandbox JVM(s) under ${runDir}`);
    await fs.rm(runDir, { recursive: true, force: true });
  };
}
