// The passthrough engine against the stand-in Pegasus shell and against plain programs (cat, sh):
// output delimited per command and kept apart by stream, a hanging child timed out, a dying
// child restarted, Ctrl-C (abort) cancelling a long command.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChildShell, type LifecycleEvent } from '../../src/pegasus/passthrough/childShell.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureBuilt, standInCluster, type StandInFixture } from './helpers.js';

const shells: ChildShell[] = [];
function child(argv: string[], opts: { env?: Record<string, string> } = {}): { shell: ChildShell; events: LifecycleEvent[] } {
  const shell = new ChildShell({ argv, env: opts.env });
  const events: LifecycleEvent[] = [];
  shell.onLifecycle((e) => events.push(e));
  shells.push(shell);
  return { shell, events };
}
afterEach(async () => {
  await Promise.all(shells.splice(0).map((s) => s.dispose()));
});

describe('any command line', () => {
  it('delimits `cat` output by echoing the marker line', async () => {
    const { shell } = child(['cat']);
    expect(shell.style).toBe('line');
    const a = await shell.run('hello world');
    const b = await shell.run('second');
    expect(a).toMatchObject({ status: 'ok', stdout: ['hello world'], stderr: [] });
    expect(b.stdout).toEqual(['second']);
  });

  it('keeps a shell’s stdout and stderr apart, partial lines included', async () => {
    const { shell } = child(['sh']);
    expect(shell.style).toBe('sh');
    const r = await shell.run('echo out; echo err 1>&2; printf no-newline');
    expect(r.status).toBe('ok');
    expect(r.stdout).toEqual(['out', 'no-newline']);
    expect(r.stderr).toEqual(['err']);
    expect((await shell.run('echo next')).stdout).toEqual(['next']);
  });

  it('times a hanging command out and restarts the child', async () => {
    const { shell, events } = child(['sh']);
    await shell.start();
    const firstPid = shell.pid;
    const r = await shell.run('sleep 30', { timeoutMs: 300 });
    expect(r.status).toBe('timeout');
    const after = await shell.run('echo alive');
    expect(after).toMatchObject({ status: 'ok', stdout: ['alive'] });
    expect(shell.pid).not.toBe(firstPid);
    expect(events.find((e) => e.type === 'restarting')).toMatchObject({ reason: expect.stringContaining('no answer to "sleep 30"') });
  });

  it('reports a child that dies during a command and restarts it', async () => {
    const { shell, events } = child(['sh']);
    const r = await shell.run('echo bye; exit 3');
    expect(r).toMatchObject({ status: 'exited', exitCode: 3, stdout: ['bye'] });
    expect(events.some((e) => e.type === 'exited' && e.code === 3 && e.during === 'command')).toBe(true);
    expect(events.some((e) => e.type === 'restarting')).toBe(true);
    expect(await shell.run('echo back')).toMatchObject({ status: 'ok', stdout: ['back'] });
  });

  it('cancels a running command when its signal aborts', async () => {
    const { shell } = child(['sh']);
    const controller = new AbortController();
    const running = shell.run('echo started; sleep 30', { timeoutMs: null, signal: controller.signal, onLine: (l) => l.text === 'started' && controller.abort() });
    const r = await running;
    expect(r.status).toBe('cancelled');
    expect(r.stdout).toEqual(['started']);
    expect((await shell.run('echo ok')).stdout).toEqual(['ok']);
  });

  it('says why a command line cannot start', async () => {
    const missing = child(['/nonexistent/pegasus_shell']).shell;
    expect(await missing.run('ls')).toMatchObject({ status: 'not-started', error: expect.stringContaining('exited while starting') });
    const dies = child(['sh', '-c', 'echo "ERROR: init pegasus failed: config.ini"; exit 255']).shell;
    const r = await dies.run('ls');
    expect(r.status).toBe('not-started');
    expect(r.error).toContain('ERROR: init pegasus failed');
  });
});

describe('the stand-in Pegasus shell', () => {
  const sandbox = useSandbox({ nodes: 1 });
  let fx: StandInFixture;
  beforeAll(async () => {
    await ensureBuilt();
    fx = await standInCluster(sandbox().connectString);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('captures the banner and delimits each command, swallowing the sentinel’s help', async () => {
    const { shell, events } = child(fx.argv);
    await shell.start();
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.banner.map((l) => l.text)).toContain('The cluster name is: onebox');
    const level = await shell.run('get_meta_level');
    expect(level).toMatchObject({ status: 'ok', stdout: ['current meta level is fl_steady'], stderr: [] });
    const bad = await shell.run('set_meta_level zz');
    expect(bad.stdout).toEqual(['USAGE: \tset_meta_level          <stopped|blind|freezed|steady|lively>']);
    expect(bad.stderr).toEqual(['parse zz as meta function level failed']);
    const use = await shell.run('use temp');
    expect(use).toMatchObject({ stdout: [], stderr: ['OK'] });
    const nodes = await shell.run('nodes');
    expect(nodes.stdout[0]).toBe('[details]');
    expect(nodes.stdout.join('\n')).not.toContain('Usage:');
    expect(events.filter((e) => e.type === 'stray')).toEqual([]);
  });

  it('streams copy_data progress line by line and stops it on cancel', async () => {
    const { shell, events } = child(fx.argv, { env: { ZKPILOT_STANDIN_COPY_SECONDS: '20', ZKPILOT_STANDIN_TICK_MS: '50' } });
    await shell.run('use temp');
    const controller = new AbortController();
    const seen: string[] = [];
    const r = await shell.run('copy_data -c onebox -a temp2', {
      timeoutMs: null,
      signal: controller.signal,
      onLine: (l) => {
        seen.push(l.text);
        if (l.text.startsWith('INFO: processed for 2 seconds')) controller.abort();
      },
    });
    expect(r.status).toBe('cancelled');
    expect(seen).toContain('INFO: source_app_name = temp');
    expect(r.stderr.filter((t) => t.startsWith('INFO: processed for'))).toHaveLength(2);
    expect(events.some((e) => e.type === 'restarting')).toBe(true);
    const full = await shell.run('get_meta_level');
    expect(full.stdout).toEqual(['current meta level is fl_steady']);
  });
});
