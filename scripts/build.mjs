// `npm run build`: bundles the CLI with esbuild into build/. Resolving and loading ~300 separate
// ESM modules cost most of a second at every start; one bundle (split so the TUI's Ink, React and
// yoga load only when a screen is drawn) starts in a fraction of that.
//   build/cli.js                      the program (bin)
//   build/ops/remote/bulkWorker.js    a bulk session worker (copy/verify fork one per ensemble)
//   build/pegasus/standIn/main.js     the Pegasus stand-in shell (its own process)
//   build/chunks/*.js                 code shared by the entries or loaded on demand (the TUI)
//   build/meta.json                   esbuild's metafile: which sources went into which file
// The native `zookeeper` module stays external: it is loaded from node_modules at run time.
// ZKPILOT_NO_MINIFY=1: readable function names in CPU profiles (bench/copy.bench.mjs BENCH_CPU_PROF).
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The program: split, so each path loads only its own chunks. */
export const PROGRAM_ENTRY = { in: 'src/cli.ts', out: 'cli' };
/**
 * Separate processes, each one self-contained file: sharing chunks with the program would cut
 * the program's code into more, smaller files that every start has to load.
 */
export const PROCESS_ENTRIES = [
  { in: 'src/ops/remote/bulkWorker.ts', out: 'ops/remote/bulkWorker' },
  { in: 'src/pegasus/standIn/main.ts', out: 'pegasus/standIn/main' },
];

/** The native client; and Ink's optional devtools hook (only with DEV=true, not installed). */
export const EXTERNAL = ['zookeeper', 'react-devtools-core'];

// Bundled CommonJS dependencies call require() for Node's built-ins; ESM has no require.
const REQUIRE_SHIM = "import { createRequire as __zkpilotCreateRequire } from 'node:module'; const require = __zkpilotCreateRequire(import.meta.url);";

/** Shared options: Node 20, ESM, code splitting, source maps. */
export function bundleOptions(overrides = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    sourcemap: true,
    external: EXTERNAL,
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: REQUIRE_SHIM },
    // React reads NODE_ENV at run time; the production build skips its development checks.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Smaller code compiles faster at every start; names are kept for error messages and stacks.
    minify: process.env.ZKPILOT_NO_MINIFY ? false : true,
    keepNames: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    ...overrides,
  };
}

export async function buildCli(outdir = path.join(ROOT, 'build')) {
  rmSync(outdir, { recursive: true, force: true });
  const [program, processes] = await Promise.all([
    build(bundleOptions({ entryPoints: [PROGRAM_ENTRY], outdir, metafile: true })),
    build(bundleOptions({ entryPoints: PROCESS_ENTRIES, outdir, splitting: false, metafile: true })),
  ]);
  const meta = {
    inputs: { ...processes.metafile.inputs, ...program.metafile.inputs },
    outputs: { ...program.metafile.outputs, ...processes.metafile.outputs },
  };
  writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(meta));
  return meta;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
