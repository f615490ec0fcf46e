// The dispatcher without ZooKeeper: commands registered here need no session.
import { describe, expect, it } from 'vitest';
import { EventBus, type AppEvent } from '../../src/shell/appEvents.js';
import { Connection } from '../../src/shell/connection.js';
import { CliError, UsageError } from '../../src/shell/errors.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry, type CommandSpec } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';

function makeShell(extra: CommandSpec[] = [], opts: { interactive?: boolean; assumeYes?: boolean; ask?: (q: string) => Promise<boolean> } = {}) {
  const registry = new CommandRegistry();
  registry.registerAll([
    { name: 'echo', usage: 'text', summary: '', zkcli: true, run: async (ctx, p) => ctx.out(p.args.slice(1).join(' ')) },
    { name: 'fail', usage: 'x', summary: '', zkcli: true, run: async () => { throw new CliError('Node does not exist: /x'); } },
    { name: 'needs', usage: 'path', summary: '', zkcli: true, run: async () => { throw new UsageError('needs path'); } },
    { name: 'boom', usage: '', summary: '', run: async () => { throw new TypeError('cannot read x of undefined'); } },
    ...extra,
  ]);
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const sink = new MemorySink();
  const conn = new Connection(() => { throw new Error('no ZooKeeper in this test'); }, bus, '127.0.0.1:2181');
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink, interactive: opts.interactive ?? false, assumeYes: opts.assumeYes, ask: opts.ask });
  return { shell, sink, events };
}

describe('Shell dispatch', () => {
  it('runs a command and counts it after running, as zkCli numbers its prompt', async () => {
    const { shell, sink } = makeShell();
    expect(shell.prompt()).toBe('[zk: 127.0.0.1:2181(NOT_CONNECTED) 0] ');
    expect(await shell.execute('echo "hello world"')).toBe(0);
    expect(sink.text('stdout')).toBe('hello world');
    expect(shell.prompt()).toContain(') 1] ');
    expect(await shell.execute('   ')).toBe(0);
    expect(shell.commandCount).toBe(1);
  });

  it('prints zkCli usage and "Command not found" with exit 127 for an unknown command', async () => {
    const { shell, sink } = makeShell();
    expect(await shell.execute('frob /x')).toBe(127);
    const err = sink.text('stderr').split('\n');
    expect(err[0]).toBe('ZooKeeper -server host:port -client-configuration properties-file cmd args');
    expect(err.slice(1, -1)).toEqual(['\techo text', '\tfail x', '\tneeds path']);
    expect(err.at(-1)).toBe('Command not found: Command not found frob');
  });

  it('turns failures into one stderr line and exit 1, never a stack trace', async () => {
    const { shell, sink } = makeShell();
    expect(await shell.execute('fail')).toBe(1);
    expect(await shell.execute('needs')).toBe(1);
    expect(await shell.execute('boom')).toBe(1);
    expect(sink.text('stderr').split('\n')).toEqual(['Node does not exist: /x', 'needs path', 'Unexpected error: cannot read x of undefined']);
    expect(sink.text('stderr')).not.toMatch(/at .*\.ts:\d+/);
  });

  it('redacts credentials in history and command events', async () => {
    const { shell, events } = makeShell([{ name: 'addauth', usage: 'scheme auth', summary: '', run: async () => {} }]);
    await shell.execute('addauth digest super:s3cret');
    expect(shell.history.get(0)).toBe('addauth digest super:***');
    expect(JSON.stringify(events)).not.toContain('s3cret');
  });

  it('refuses destructive confirmation without a human or --yes, and records how it was answered', async () => {
    const destroy: CommandSpec = {
      name: 'destroy', usage: '', summary: '', destructive: true,
      run: async (ctx) => ctx.out((await ctx.confirm('destroy?')) ? 'done' : 'kept'),
    };
    const refused = makeShell([destroy]);
    await refused.shell.execute('destroy');
    expect(refused.sink.text('stdout')).toBe('kept');
    expect(refused.events.find((e) => e.type === 'confirm')).toMatchObject({ accepted: false, how: 'refused-noninteractive' });

    const yes = makeShell([destroy], { assumeYes: true });
    await yes.shell.execute('destroy');
    expect(yes.sink.text('stdout')).toBe('done');

    const asked: string[] = [];
    const tui = makeShell([destroy], { interactive: true, ask: async (q) => { asked.push(q); return true; } });
    await tui.shell.execute('destroy');
    expect(asked).toEqual(['destroy?']);
    expect(tui.events.find((e) => e.type === 'confirm')).toMatchObject({ accepted: true, how: 'prompt' });
  });

  it('cancels the running command through its abort signal', async () => {
    const wait: CommandSpec = {
      name: 'wait', usage: '', summary: '',
      run: (ctx) => new Promise<number>((resolve) => ctx.signal.addEventListener('abort', () => resolve(130))),
    };
    const { shell } = makeShell([wait]);
    expect(shell.cancel()).toBe(false);
    const running = shell.execute('wait');
    expect(shell.busy).toBe(true);
    expect(shell.cancel()).toBe(true);
    expect(await running).toBe(130);
    expect(shell.busy).toBe(false);
  });

  it('takes argv tokens as they are in one-shot mode', async () => {
    const { shell, sink, events } = makeShell();
    await shell.executeArgv(['echo', 'two words', '"quoted"']);
    expect(sink.text('stdout')).toBe('two words "quoted"');
    expect(events.find((e) => e.type === 'command.start')).toMatchObject({ line: 'echo "two words" "quoted"' });
  });
});
