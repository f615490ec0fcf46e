// Where an active run lives between zkpilot runs: one JSON file, rewritten atomically (temp file +
// rename) on every transition, so a crash loses at most the transition in flight and
// `zkpilot --resume` continues from the last completed step.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { xdg } from '../app/xdgPaths.js';
import type { RunState } from './types.js';

export function defaultRunFile(): string {
  return path.join(xdg.state(), 'runbooks', 'active.json');
}

export class RunStore {
  constructor(readonly file: string = defaultRunFile()) {}

  save(state: RunState | null): void {
    if (state === null || state.status !== 'running') {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  /** The saved run, null when there is none; a damaged file is reported, not silently dropped. */
  load(): RunState | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    const state = JSON.parse(text) as RunState;
    if (state.version !== 1 || typeof state.runbookId !== 'string' || !Array.isArray(state.steps)) {
      throw new Error(`${this.file}: not a zkpilot runbook state file`);
    }
    return state;
  }
}
