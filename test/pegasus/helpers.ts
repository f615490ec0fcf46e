// Shared by the Pegasus tests: the stand-in runs as a separate executable (compiled to build/),
// so make sure it is built, and lay out stand-in clusters on a real sandbox ensemble.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZkClient } from '../../src/zk/client.js';
import type { ZkClient } from '../../src/zk/types.js';
import { createStandInCluster, standInArgv, type StandInClusterOptions } from '../../src/pegasus/standIn/control.js';
import { sandboxTestDir } from '../helpers/sandbox.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The stand-in executable (build/pegasus/standIn/main.js) and the bulk session worker
 * (build/ops/remote/bulkWorker.js) run from the build, which the test run's global setup brings
 * up to date with the sources before any test starts (test/globalSetup.ts).
 */
export async function ensureBuilt(): Promise<void> {
  for (const entry of ['build/pegasus/standIn/main.js', 'build/ops/remote/bulkWorker.js']) {
    if (!existsSync(path.join(ROOT, entry))) throw new Error(`${entry} is missing (npm run build)`);
  }
}

export interface StandInFixture {
  dir: string;
  argv: string[];
  /** The session that holds the meta's leader lock and seeded the tree. */
  zk: ZkClient;
  close(): Promise<void>;
}

export async function standInCluster(connectString: string, opts: Partial<StandInClusterOptions> = {}): Promise<StandInFixture> {
  const dir = opts.dir ?? sandboxTestDir('pegasus');
  const zk = createZkClient({ connectString });
  await zk.waitConnected(20_000);
  await createStandInCluster(zk, { zkConnect: connectString, ...opts, dir });
  return { dir, argv: standInArgv(dir), zk, close: () => zk.close() };
}
