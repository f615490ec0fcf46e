// The sandbox's state file (`<dir>/sandbox.json`): the only link between `sandbox up`, later
// `sandbox status|node|down` invocations, the TUI and tests. Written atomically so a reader never
// sees half a file, even when two processes act on the same sandbox.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SandboxState } from './types.js';

export const STATE_FILE_NAME = 'sandbox.json';

export function stateFilePath(dir: string): string {
  return path.join(dir, STATE_FILE_NAME);
}

export async function writeState(state: SandboxState): Promise<void> {
  const file = stateFilePath(state.dir);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(tmp, file);
}

/** The state in `dir`, or null when there is none; throws when the file is not ours. */
export async function readState(dir: string): Promise<SandboxState | null> {
  let text: string;
  try {
    text = await fs.readFile(stateFilePath(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const state = JSON.parse(text) as Partial<SandboxState>;
  if (state.version !== 1 || !Array.isArray(state.nodes)) {
    throw new Error(`${stateFilePath(dir)} is not a zkpilot sandbox state file (version 1)`);
  }
  return state as SandboxState;
}
