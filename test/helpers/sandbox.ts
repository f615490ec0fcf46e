// Sandboxes for test files: one real ensemble per file (or describe block), torn down after it.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Sandbox } from '../../src/sandbox/ensemble.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';

/**
 * Starts a sandbox in `beforeAll` and downs it in `afterAll` of the enclosing suite; call the
 * returned getter inside tests. JVMs are also killed if the worker exits early (killOnExit) and,
 * failing that, by the global teardown.
 *
 *   const sandbox = useSandbox({ nodes: 3, spares: 1 });
 *   it('…', async () => { const zk = connect(sandbox().connectString); … });
 */
export function useSandbox(opts: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await Sandbox.start({ killOnExit: true, ...opts });
  });
  afterAll(async () => {
    await sandbox?.down();
  });
  return () => {
    if (!sandbox) throw new Error('useSandbox: the sandbox is not started (getter used outside a test?)');
    return sandbox;
  };
}

/**
 * A fresh, not yet existing path under this run's sandbox root, for tests that pass `dir`
 * (e.g. `sandbox up --dir`) and still want the global teardown to clean up after them.
 */
export function sandboxTestDir(label = 'sandbox'): string {
  const root = process.env.ZKPILOT_SANDBOX_TMP ?? os.tmpdir();
  return path.join(root, `${label}-${randomBytes(4).toString('hex')}`);
}
