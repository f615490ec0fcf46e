// What each way of running zkpilot loads. The program is one bundle split into chunks; the
// bundle's metafile says which sources went into which chunk. Running the built program with a
// loader hook that logs every file it loads tells which sources a run really evaluated: exec mode
// and the subcommands must never load Ink, React or anything under src/ui (they start in a blink;
// only the TUI pays for the screen). The same metafile shows the sources import no cycle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'build', 'cli.js');
const HOOK = fileURLToPath(new URL('./registerModuleLog.mjs', import.meta.url));

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
const meta = (): Metafile => JSON.parse(readFileSync(path.join(ROOT, 'build', 'meta.json'), 'utf8')) as Metafile;

const home = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-modules-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The sources a run of `zkpilot ARGS` evaluated (the inputs of every chunk it loaded). */
function sourcesLoaded(args: string[]): { sources: string[]; status: number | null; stderr: string } {
  const log = path.join(home, `modules-${args.join('_').replace(/\W+/g, '-')}.log`);
  const env = { ...process.env, ZKPILOT_MODULE_LOG: log, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state') };
  const run = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], { env, encoding: 'utf8', input: '', timeout: 60_000 });
  const outputs = meta().outputs;
  const files = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file://')).map((u) => path.relative(ROOT, fileURLToPath(u)));
  const sources = files.flatMap((f) => Object.keys(outputs[f]?.inputs ?? {}));
  expect(files, 'the entry itself was logged').toContain('build/cli.js');
  return { sources, status: run.status, stderr: run.stderr };
}

const UI = (s: string): boolean => s.startsWith('src/ui/') || /^node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(s);

describe('the UI loads only for the TUI', () => {
  const runs: [string, string[]][] = [
    ['--version', ['--version']],
    ['exec mode (one command)', ['-timeout', '300', '-server', '127.0.0.1:1', 'ls', '/']],
    ['exec mode (version)', ['-server', '127.0.0.1:1', 'version']],
    ['sessions', ['sessions']],
    ['export', ['export', 'none', '--format', 'md']],
    ['note', ['note', 'hello']],
    ['profile', ['profile', 'list']],
    ['sandbox status', ['sandbox', 'status', '--dir', path.join(home, 'no-sandbox')]],
  ];
  for (const [label, args] of runs) {
    it(`${label}: no Ink, React or src/ui`, () => {
      const { sources, stderr } = sourcesLoaded(args);
      expect(sources.length, stderr).toBeGreaterThan(0);
      expect(sources.filter(UI), stderr).toEqual([]);
    });
  }

  it('the TUI does load them (the check above can see a UI module when one is loaded)', () => {
    const outputs = meta().outputs;
    const tui = Object.keys(outputs).find((o) => /chunks\/runConsole-[^/]+\.js$/.test(o));
    expect(tui).toBeDefined();
    // The TUI's chunk and the chunks it imports statically, as Node loads them.
    const seen = new Set<string>();
    const stack = [tui!];
    const imports = (o: string): string[] => ((outputs[o] as unknown as { imports?: { path: string; kind: string }[] }).imports ?? []).filter((i) => i.kind === 'import-statement' && outputs[i.path]).map((i) => i.path);
    while (stack.length > 0) {
      const o = stack.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      stack.push(...imports(o));
    }
    const sources = [...seen].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(sources.some((s) => s.startsWith('node_modules/ink/'))).toBe(true);
    expect(sources.some((s) => s.startsWith('src/ui/'))).toBe(true);
  });
});

describe('module graph', () => {
  it('has no import cycles among the sources', () => {
    const inputs = meta().inputs;
    const edges = (file: string): string[] => (inputs[file]?.imports ?? []).filter((i) => !i.external && i.path.startsWith('src/')).map((i) => i.path);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges(file)) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of Object.keys(inputs).filter((f) => f.startsWith('src/'))) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
