// Fixtures that run as their own process (kill -9, a second tmux pane) import the sources the
// way the program does: bundled by the same esbuild settings as `npm run build`, into
// .test-build/ inside the project (so the native `zookeeper` module resolves from node_modules).
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ESM build script without type declarations
import { bundleOptions } from '../../scripts/build.mjs';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = path.join(ROOT, '.test-build');

/** Bundles `source` (a .ts path) into one .mjs file and returns its path. */
export async function bundleFixture(source: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const name = path.basename(source).replace(/\.tsx?$/, '.mjs');
  const final = path.join(OUT, name);
  // Test files run in parallel processes: each writes its own file, then renames it into place.
  const own = path.join(OUT, `${process.pid}-${name}`);
  await build(bundleOptions({ entryPoints: [source], outfile: own, splitting: false, sourcemap: false }));
  renameSync(own, final);
  return final;
}
