// `pg`, `pegasus` and Pegasus mode in a real console (buildConsole wires them) over the
// stand-in: output in the scrollback by stream, exit codes, the >>> prompt and its key, the
// recover_node_list helper (ALIVE only, asked before written) and the blind check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, type BuiltConsole } from '../../src/app/buildConsole.js';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import type { PegasusSession } from '../../src/commands/pegasus/index.js';
import { MemorySink } from '../../src/shell/output.js';
import { decodeKey } from '../../src/ui/input/decodeKey.js';
import { dispatchKey } from '../../src/ui/input/useConsoleKeys.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureBuilt, standInCluster, type StandInFixture } from './helpers.js';

const sandbox = useSandbox({ nodes: 1 });
let fx: StandInFixture;
let app: BuiltConsole;
let sink: MemorySink;
let pegasus: PegasusSession;
let answer = true;

beforeAll(async () => {
  await ensureBuilt();
  fx = await standInCluster(sandbox().connectString, { unalive: ['127.0.0.1:34802'] });
  sink = new MemorySink();
  app = buildConsole({ mode: 'tui', connectString: sandbox().connectString, sink, ask: async () => answer, pegasusSpawn: { argv: fx.argv, cwd: fx.dir }, ensemble: { start: false }, runbooks: { runFile: null } });
  pegasus = app.pegasus;
});
afterAll(async () => {
  await app?.dispose();
  await fx?.close();
});

async function run(line: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const mark = sink.lines.length;
  const code = await app.shell.execute(line);
  const lines = sink.lines.slice(mark);
  return { code, out: lines.filter((l) => l.stream === 'stdout').map((l) => l.text), err: lines.filter((l) => l.stream === 'stderr').map((l) => l.text) };
}

describe('pg', () => {
  it('runs one command in the Pegasus shell, its output in the scrollback by stream', async () => {
    const r = await run('pg ls -d');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[healthy_info]');
    const use = await run('pg use temp');
    expect(use.err).toContain('OK');
    expect(use.out).not.toContain('OK');
  });

  it('exits 1 when the Pegasus shell answered with USAGE or an error, and keeps quoting', async () => {
    expect((await run('pg set_meta_level sideways')).code).toBe(1);
    const r = await run('pg app "no such"');
    expect(r.code).toBe(1);
    expect(r.out).toContain('query app no such failed, error=ERR_INVALID_PARAMETERS');
  });

  it('refuses `pg exit`: stopping the shell is `pegasus stop`', async () => {
    const r = await run('pg exit');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('pegasus stop');
    expect(pegasus.running).toBe(true);
  });
});

describe('Pegasus mode', () => {
  it('switches the prompt to >>> and sends typed lines to the Pegasus shell', async () => {
    await run('pegasus on');
    expect(app.shell.prompt()).toBe('>>> ');
    const r = await run('get_meta_level');
    expect(r.out).toEqual(['current meta level is fl_steady']);
    await run('exit');
    expect(app.shell.prompt()).toMatch(/^\[zk: /);
  });

  it('toggles with F4 in the TUI', async () => {
    const store = new ConsoleStore({ shell: app.shell, title: 'test' });
    try {
      dispatchKey(store, decodeKey('\x1bOS'));
      await vitestWaitFor(() => app.shell.prompt() === '>>> ' && !store.getSnapshot().busy);
      expect(store.getSnapshot().prompt).toBe('>>> ');
      dispatchKey(store, decodeKey('\x1bOS'));
      await vitestWaitFor(() => app.shell.prompt() !== '>>> ' && !store.getSnapshot().busy);
    } finally {
      store.dispose();
    }
  });
});

describe('P1/P2 helpers', () => {
  it('derives recover_node_list from the ALIVE rows of a nodes -d -o file and writes it when agreed', async () => {
    expect((await run('pg nodes -d -o nodes.list')).code).toBe(0);
    answer = false;
    const refused = await run('pegasus recover-node-list nodes.list');
    expect(refused.code).toBe(1);
    expect(existsSync(path.join(fx.dir, 'recover_node_list'))).toBe(false);
    expect(refused.out).toContain('left out (UNALIVE): 127.0.0.1:34802');
    expect(refused.out.join('\n')).toContain("the seed's `grep ALIVE");
    answer = true;
    const r = await run('pegasus recover-node-list nodes.list');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(fx.dir, 'recover_node_list'), 'utf8')).toBe('127.0.0.1:34801\n127.0.0.1:34803\n');
  });

  it('passes the blind check only after set_meta_level blind', async () => {
    expect((await run('pegasus check-blind')).code).toBe(1);
    expect((await run('pg set_meta_level blind')).code).toBe(0);
    const r = await run('pegasus check-blind');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('blind');
    await run('pg set_meta_level steady');
  });

  it('reports the shell’s lifecycle and restarts on request', async () => {
    const before = pegasus.pid;
    const mark = sink.lines.length;
    expect((await run('pegasus restart')).code).toBe(0);
    expect(pegasus.pid).not.toBe(before);
    const notices = sink.lines.slice(mark).map((l) => l.text).join('\n');
    expect(notices).toContain('restarting the Pegasus shell: asked for');
    expect(notices).toContain('The cluster name is: onebox');
    expect((await run('pegasus status')).out.join('\n')).toContain(`running (pid ${pegasus.pid})`);
  });
});

async function vitestWaitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('without a Pegasus shell', () => {
  it('pg says in one line how to configure one', async () => {
    const bare = new MemorySink();
    const console2 = buildConsole({ mode: 'exec', connectString: sandbox().connectString, sink: bare, runbooks: { runFile: null } });
    try {
      expect(await console2.shell.execute('pg ls')).toBe(1);
      const err = bare.lines.filter((l) => l.stream === 'stderr').map((l) => l.text);
      expect(err).toEqual(['pegasus: no Pegasus shell configured: set `pegasus.command` in the cluster profile, or run `pegasus start COMMAND LINE`']);
    } finally {
      await console2.dispose();
    }
  });
});
