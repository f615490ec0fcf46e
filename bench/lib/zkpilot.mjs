// Loads bench/lib/zkpilot.ts: bundled with the build's own esbuild settings into .bench-build/
// (rebuilt when a source is newer), with Ink and React left to node_modules so a bench that
// renders with its own `ink` import shares one React with the panels it renders.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, EXTERNAL, ROOT } from '../../scripts/build.mjs';

const ENTRY = fileURLToPath(new URL('./zkpilot.ts', import.meta.url));
const OUT = path.join(ROOT, '.bench-build', 'zkpilot.mjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export async function loadZkpilot() {
  const fresh = existsSync(OUT) && statSync(OUT).mtimeMs >= Math.max(newest(path.join(ROOT, 'src')), statSync(ENTRY).mtimeMs);
  if (!fresh) {
    const own = `${OUT}.${process.pid}`;
    await build(bundleOptions({ entryPoints: [ENTRY], outfile: own, splitting: false, sourcemap: false, external: [...EXTERNAL, 'ink', 'react', 'react/*'] }));
    renameSync(own, OUT);
  }
  return import(pathToFileURL(OUT).href);
}
