// Shared by the Pegasus tests: the stand-in runs as a separate executable (compiled to build/),
// so make sure the build is current, and lay out stand-in clusters on a real sandbox ensemble.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createZkClient } from '../../src/zk/client.js';
import type { ZkClient } from '../../src/zk/types.js';
import { createStandInCluster, standInArgv, type StandInClusterOptions } from '../../src/pegasus/standIn/control.js';
import { sandboxTestDir } from '../helpers/sandbox.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The stand-in executable (build/pegasus/standIn/main.js) and the bulk session worker
 * (build/ops/remote/bulkWorker.js) run from the build: rebuild when any source it runs is
 * newer than the build (`npm test` builds first; a bare `npx vitest run test/pegasus` may not).
 * A lock directory keeps parallel test files from compiling at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  const entry = path.join(ROOT, 'build/pegasus/standIn/main.js');
  const fresh = (): boolean => existsSync(entry) && statSync(entry).mtimeMs >= Math.max(...['src/pegasus', 'src/zk', 'src/ops'].map((d) => newestMtime(path.join(ROOT, d), '.ts')));
  if (fresh()) return;
  const lock = path.join(ROOT, 'build', '.standin-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (fresh()) return;
      await delay(200); // another test file is compiling: wait for its result
    }
  }
  try {
    if (!fresh()) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    // type errors elsewhere still emit JavaScript; the freshness check below decides
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!fresh()) throw new Error('build/pegasus/standIn/main.js is stale and could not be rebuilt (npm run build)');
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
