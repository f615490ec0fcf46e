// Where a sandbox lives on disk, and how it is cleared away again.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxError } from './errors.js';
import { nodeDir, zooCfgPath } from './nodeFiles.js';
import { isSandboxJvm } from './processes.js';
import { readState, STATE_FILE_NAME } from './stateFile.js';
import type { SandboxState } from './types.js';

/**
 * Parent of fresh temp sandboxes. Test runs point ZKPILOT_SANDBOX_TMP at a per-run directory so
 * their global teardown can find (and kill) whatever a crashed test file left behind.
 */
export function tempRoot(): string {
  return process.env.ZKPILOT_SANDBOX_TMP ?? os.tmpdir();
}

export function liveNodeIds(state: SandboxState): number[] {
  return state.nodes.filter((n) => isSandboxJvm(n.pid, zooCfgPath(n.dir))).map((n) => n.id);
}

/**
 * Resolves the directory for a new sandbox. A given directory may be new (we create and own
 * it), empty (we leave it behind on down), or hold a dead sandbox (its files are cleared and its
 * ownership carried over); one holding a live sandbox or anything else is refused.
 */
export async function prepareDir(requested: string | undefined): Promise<{ dir: string; ownsDir: boolean }> {
  if (requested === undefined) {
    await fs.mkdir(tempRoot(), { recursive: true });
    const dir = await fs.mkdtemp(path.join(tempRoot(), 'zkpilot-sandbox-'));
    return { dir: await fs.realpath(dir), ownsDir: true };
  }
  const dir = path.resolve(requested);
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fs.mkdir(dir, { recursive: true });
    return { dir, ownsDir: true };
  }
  const previous = await readState(dir);
  if (previous) {
    const live = liveNodeIds(previous);
    if (live.length > 0) {
      throw new SandboxError(
        `a sandbox is already running in ${dir} (nodes ${live.join(', ')}); ` +
          `run "zkpilot sandbox down --dir ${dir}" first`,
      );
    }
    await removeSandboxFiles(dir, false, previous.nodes.map((n) => n.id));
    return { dir, ownsDir: previous.ownsDir };
  }
  if (entries.length > 0) {
    throw new SandboxError(`${dir} is not empty and holds no sandbox; choose an empty or new directory`);
  }
  return { dir, ownsDir: false };
}

/** Removes the whole dir when the sandbox created it, otherwise only the files it wrote. */
export async function removeSandboxFiles(dir: string, ownsDir: boolean, nodeIds: number[]): Promise<void> {
  if (ownsDir) {
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    return;
  }
  const ours = [STATE_FILE_NAME, 'log4j.properties', ...nodeIds.map((id) => path.basename(nodeDir(dir, id)))];
  await Promise.all(
    ours.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true, maxRetries: 3 })),
  );
}
