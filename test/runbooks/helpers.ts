// Rehearsal harness: a real console (createConsoleApp + the live model) on a sandbox ensemble,
// with the checklist engine installed and the sandbox as node-action provider. The test drives
// it as an operator does: start a runbook, read the highlighted node, accept the suggested
// command (the line `step next` fills in), and wait for the engine, never for a fixed time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { SandboxNodeActions } from '../../src/commands/nodeActions/sandboxProvider.js';
import type { PegasusSpawn } from '../../src/commands/pegasus/index.js';
import type { InstalledRunbooks } from '../../src/commands/runbook/install.js';
import type { RunbookEngine } from '../../src/runbooks/engine.js';
import type { CurrentStepView } from '../../src/runbooks/types.js';
import type { Sandbox } from '../../src/sandbox/ensemble.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';
import type { AppEvent } from '../../src/shell/appEvents.js';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import { ensureBuilt } from '../pegasus/helpers.js';
import type { ZkClient } from '../../src/zk/types.js';
import { openConsole, type ConsoleUnderTest } from '../ensemble/helpers.js';
import { useSandbox } from '../helpers/sandbox.js';

export interface Rehearsal {
  ui: ConsoleUnderTest;
  runbooks: InstalledRunbooks;
  engine: RunbookEngine;
  events: AppEvent[];
  runFile: string;
  close(): Promise<void>;
}

export async function openRehearsal(
  sandbox: Sandbox,
  opts: { runFile?: string; resume?: boolean; extraHosts?: string[]; pegasusSpawn?: PegasusSpawn } = {},
): Promise<Rehearsal> {
  const extraHosts = opts.extraHosts ?? sandbox.spares.map((n) => `${n.host}:${n.clientPort}`);
  // A run file of our own lives in a temp dir of our own, removed on close.
  const ownDir = opts.runFile ? null : mkdtempSync(path.join(os.tmpdir(), 'zkpilot-runbook-'));
  const runFile = opts.runFile ?? path.join(ownDir!, 'active.json');
  const events: AppEvent[] = [];
  const ui = await openConsole(sandbox.connectString, { pollIntervalMs: 300, extraHosts }, false, {
    pegasusSpawn: opts.pegasusSpawn ?? null,
    observe: (e) => events.push(e),
    runbooks: { nodeActions: () => new SandboxNodeActions(sandbox), runFile, resume: opts.resume, operator: 'rehearsal' },
  });
  await ui.ensemble.model.whenReady();
  const runbooks = ui.app.runbooks;
  return {
    ui,
    runbooks,
    engine: runbooks.engine,
    events,
    runFile,
    async close() {
      await ui.app.dispose();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/**
 * One sandbox and one rehearsal console for a whole test file, opened before its tests and closed
 * after them. `r` stands for the open rehearsal (it forwards to it; read it inside tests only).
 */
export function useRehearsal(sandboxOpts: SandboxOptions): { sandbox: () => Sandbox; r: Rehearsal } {
  const sandbox = useSandbox(sandboxOpts);
  let current: Rehearsal | null = null;
  beforeAll(async () => {
    current = await openRehearsal(sandbox());
  });
  afterAll(async () => {
    await current?.close();
  });
  const r = new Proxy({} as Rehearsal, {
    get: (_t, prop) => {
      if (!current) throw new Error('the rehearsal is not open (use it inside a test)');
      return current[prop as keyof Rehearsal];
    },
  });
  return { sandbox, r };
}

/** Resolves with the current step once `cond` holds for it (or null once the run ended). */
export function waitStep(engine: RunbookEngine, cond: (v: CurrentStepView | null) => boolean, timeoutMs = 30_000): Promise<CurrentStepView | null> {
  if (cond(engine.current)) return Promise.resolve(engine.current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      const v = engine.current;
      // What each server showed, so that a failure in CI can be read without its logs.
      const servers = engine.snapshot().nodes.map((n) => `server.${n.id ?? '?'} ${n.key} ${n.role} ${n.version ?? '?'} ${n.zxid?.hex ?? '-'}`);
      reject(new Error(`step condition not met in ${timeoutMs} ms; at ${v ? `${v.id}: ${v.title} — ${v.check?.text ?? 'manual'}${v.guard ? ` guard: ${v.guard}` : ''}` : 'no run'}\n${servers.join('\n')}`));
    }, timeoutMs);
    const off = engine.subscribe(() => {
      if (!cond(engine.current)) return;
      clearTimeout(timer);
      off();
      resolve(engine.current);
    });
  });
}

export const atStep = (id: string) => (v: CurrentStepView | null) => v?.id === id;

/** The id of the row the checklist highlights in the ensemble panel. */
export function highlighted(r: Rehearsal): number | null {
  const marked = r.ui.ensemble.model.getSnapshot().nodes.filter((n) => n.marker?.owner === 'runbook');
  expect(marked.length).toBeLessThanOrEqual(1);
  return marked[0]?.id ?? null;
}

/**
 * `step next`, then Enter on the line it filled in. Returns that line. `anyExit`: the command may
 * fail and the step still pass (removing the leader: ConnectionLoss, yet committed — trap 3).
 */
export async function acceptSuggested(r: Rehearsal, anyExit = false): Promise<string> {
  const start = r.events.length;
  const next = await r.ui.run('step next');
  expect(next.code, next.err).toBe(0);
  const fill = r.events.slice(start).find((e) => e.type === 'runbook.fill');
  if (!fill || fill.type !== 'runbook.fill') throw new Error(`step next filled no line:\n${next.out}`);
  const res = await r.ui.run(fill.line);
  if (!anyExit) expect(res.code, `${fill.line}: ${res.err}`).toBe(0);
  return fill.line;
}

// --- no data lost ------------------------------------------------------------------------------

export const ZNODES = 1000;

/** 1,000 znodes under /data, every tenth set once more (version 1), so versions are checked too. */
export async function writeZnodes(client: ZkClient, root = '/data'): Promise<Map<string, { data: string; version: number }>> {
  await client.create(root, Buffer.from('root'));
  const expected = new Map<string, { data: string; version: number }>();
  for (let batch = 0; batch < ZNODES; batch += 100) {
    await Promise.all(
      Array.from({ length: 100 }, async (_, j) => {
        const i = batch + j;
        const p = `${root}/n${String(i).padStart(4, '0')}`;
        await client.create(p, Buffer.from(`value-${i}`));
        if (i % 10 === 0) {
          await client.set(p, Buffer.from(`value-${i}-v1`));
          expected.set(p, { data: `value-${i}-v1`, version: 1 });
        } else expected.set(p, { data: `value-${i}`, version: 0 });
      }),
    );
  }
  return expected;
}

/**
 * Reads everything back over a fresh session (the console's may still be reconnecting). Right
 * after a runbook restarted the leader, a loaded machine may take longer than 20 s to serve a
 * new session (each server tried while it still syncs turns it away): up to a minute.
 */
export async function expectZnodes(connectString: string, expected: Map<string, { data: string; version: number }>, root = '/data'): Promise<void> {
  // Read in a process of its own (a bulk-session worker), as a fresh zkCli would. It was first
  // made so because a new session in this process could stall after a rolling restart: the
  // binding's poll handle kept a socket number the C client had closed and a new session reused
  // (fixed in the binding patch, test/zk/socketReuse.test.ts).
  await ensureBuilt();
  const client = await BulkSession.open({ connectString, callTimeoutMs: 60_000 });
  try {
    await client.sync(root); // a fresh session's server may not have applied the latest writes yet
    await readBack(client, expected, root);
  } finally {
    await client.close();
  }
}

async function readBack(client: Pick<ZkClient, 'get' | 'getChildren'>, expected: Map<string, { data: string; version: number }>, root: string): Promise<void> {
  const { children } = await client.getChildren(root);
  expect(children.length).toBe(expected.size);
  const entries = [...expected];
  for (let i = 0; i < entries.length; i += 100) {
    await Promise.all(
      entries.slice(i, i + 100).map(async ([p, want]) => {
        const got = await client.get(p);
        expect({ path: p, data: got.data?.toString(), version: got.stat.version }).toEqual({ path: p, ...want });
      }),
    );
  }
}

export function runbookEvents(r: Rehearsal): Extract<AppEvent, { type: 'runbook' }>[] {
  return r.events.filter((e): e is Extract<AppEvent, { type: 'runbook' }> => e.type === 'runbook');
}
