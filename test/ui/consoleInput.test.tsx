// The input side of the console against a real Shell and CommandRegistry (test commands, no
// ZooKeeper): reads that hold several keys (typing with Enter, two lines at once), bracketed
// pastes (never run by themselves; several lines only on the operator's yes), the input line
// wrapping onto several rows, the prompt in a third of the width, and notices wrapped at words.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { EventBus } from '../../src/shell/appEvents.js';
import { Completer } from '../../src/shell/completion.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry, type CommandSpec } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { App } from '../../src/ui/App.js';
import { fitPrompt, inputLineRows } from '../../src/ui/InputLine.js';
import { displayWidth, wrapLine } from '../../src/util/scrollback.js';
import { waitFor } from '../helpers/wait.js';

const ENTER = '\r';
const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;

function setup(opts: { cols?: number; rows?: number; connectString?: string } = {}) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const commands: CommandSpec[] = [
    { name: 'say', usage: 'text', summary: 'print the arguments', args: ['word'], run: async (ctx, p) => ctx.out(p.args.slice(1).join(' ')) },
    {
      name: 'create',
      usage: 'path data',
      summary: 'records its arguments',
      run: async (ctx, p) => {
        calls.push(p.args.join(' '));
        ctx.out(`Created ${p.args[1]}`);
      },
    },
    {
      name: 'ls',
      usage: 'path',
      summary: 'records its arguments',
      run: async (ctx, p) => {
        calls.push(p.args.join(' '));
        ctx.out(`listing ${p.args[1]}`);
      },
    },
    {
      name: 'fail',
      usage: '',
      summary: 'fails',
      run: async (ctx) => {
        calls.push('fail');
        ctx.err('it failed');
        return 1;
      },
    },
    { name: 'addauth', usage: 'scheme auth', summary: 'records', run: async () => void calls.push('addauth') },
    {
      name: 'gate',
      usage: '',
      summary: 'runs until the test releases it',
      run: () =>
        new Promise<void>((resolve) => {
          calls.push('gate');
          release = resolve;
        }),
    },
  ];
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.registerAll(commands);
  const conn = new Connection(
    () => {
      throw new Error('no ZooKeeper in UI tests');
    },
    bus,
    opts.connectString ?? '127.0.0.1:2181',
  );
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink: new MemorySink(), interactive: true });
  const model = new ConsoleStore({ shell, completer: new Completer(registry, () => null), title: 'test-cluster' });
  shell.setAsk(model.ask);
  const size = { cols: opts.cols ?? 100, rows: opts.rows ?? 30 };
  const app = <App model={model} size={size} color={false} />;
  const r = render(app);
  if (size.cols > 100) {
    // The library's stdout reports 100 columns and Ink sizes its root from that: widen it, re-render.
    Object.defineProperty(r.stdout, 'columns', { value: size.cols, configurable: true });
    r.rerender(app);
  }
  const frame = () => (r.lastFrame() ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    ...r,
    shell,
    model,
    calls,
    release: () => release(),
    frame,
    lines: () => frame().split('\n'),
    ready: () => waitFor(() => r.stdin.listenerCount('readable') > 0 && frame().includes('(NOT_CONNECTED) 0]'), frame),
    /** One read: everything in one stdin chunk, as tmux send-keys or a laggy link delivers it. */
    read: (chunk: string) => r.stdin.write(chunk),
    until: (text: string) => waitFor(() => frame().includes(text), frame),
  };
}


/** The input line's last row: just above the hint bar. */
function inputRow(lines: string[]): string {
  return lines[lines.length - 2] ?? '';
}

afterEach(() => {
  cleanup();
});

describe('reads holding several keys are typing', () => {
  it('one read `create /x v\\r` runs the command', async () => {
    const t = setup();
    await t.ready();
    t.read(`create /x v${ENTER}`);
    await t.until('Created /x');
    expect(t.calls).toEqual(['create /x v']);
    expect(t.lines().some((l) => l.startsWith('[zk: 127.0.0.1:2181(NOT_CONNECTED) 0] create /x v'))).toBe(true);
  });

  it('two lines in one read run both, in order, never glued', async () => {
    const t = setup();
    await t.ready();
    t.read(`ls /${ENTER}ls /zookeeper${ENTER}`);
    await t.until('listing /zookeeper');
    expect(t.calls).toEqual(['ls /', 'ls /zookeeper']);
    const lines = t.lines();
    expect(lines.findIndex((l) => l === 'listing /')).toBeLessThan(lines.findIndex((l) => l === 'listing /zookeeper'));
    expect(t.shell.commandCount).toBe(2);
  });

  it('a line typed ahead while a command runs is queued, shown, and runs once it ends', async () => {
    const t = setup();
    await t.ready();
    t.read(`gate${ENTER}ls /a${ENTER}ls /b${ENTER}`);
    await t.until('⋯ queued: ls /b');
    expect(t.frame()).toContain('⋯ queued: ls /a');
    expect(t.calls).toEqual(['gate']);
    t.release();
    await t.until('listing /b');
    expect(t.calls).toEqual(['gate', 'ls /a', 'ls /b']);
    await waitFor(() => !t.frame().includes('queued'), t.frame);
  });
});

describe('bracketed paste', () => {
  it('two pasted lines are listed and not run until confirmed; y runs both in order', async () => {
    const t = setup();
    await t.ready();
    t.read(paste('ls /one\nls /two\n'));
    await t.until('Run these 2 pasted lines');
    expect(t.frame()).toContain('pasted 2 lines, not run yet:');
    expect(t.frame()).toMatch(/1 {2}ls \/one/);
    expect(t.frame()).toMatch(/2 {2}ls \/two/);
    expect(t.calls).toEqual([]);
    t.read('y');
    await t.until('listing /two');
    expect(t.calls).toEqual(['ls /one', 'ls /two']);
  });

  it('after n the pasted lines are kept: the first on the input line, each Enter brings up the next', async () => {
    const t = setup();
    await t.ready();
    t.read(paste('ls /one\nls /two\nls /three'));
    await t.until('Run these 3 pasted lines');
    t.read('n');
    await t.until('3 pasted lines not run: kept on the input line');
    await waitFor(() => t.lines().some((l) => l.endsWith('] ls /one')), t.frame);
    expect(t.frame()).toContain('⋯ 2 more pasted lines held: Enter runs this one and brings up the next, Ctrl-C drops them');
    expect(t.calls).toEqual([]);
    t.read(ENTER);
    await t.until('listing /one');
    await waitFor(() => t.lines().some((l) => l.endsWith('] ls /two')), t.frame);
    expect(t.calls).toEqual(['ls /one']);
    t.read('\x03'); // Ctrl-C: clears the line and drops what is held, saying so
    await t.until('1 held pasted line dropped, not run');
    await waitFor(() => !t.frame().includes('ls /two') || !t.frame().includes('held:'), t.frame);
    expect(t.model.getSnapshot().lines.held).toEqual([]);
  });

  it('stops at the first pasted line that fails and holds the rest', async () => {
    const t = setup();
    await t.ready();
    t.read(paste('fail\nls /after\nls /last'));
    await t.until('Run these 3 pasted lines');
    t.read('y');
    await t.until('pasted line 1 of 3 failed (exit code 1): stopped before the other 2 lines');
    await waitFor(() => t.lines().some((l) => l.endsWith('] ls /after')), t.frame);
    expect(t.calls).toEqual(['fail']);
  });

  it('a pasted addauth line is redacted wherever it is listed', async () => {
    const t = setup();
    await t.ready();
    t.read(paste('addauth digest bob:s3cret\nls /x'));
    await t.until('Run these 2 pasted lines');
    expect(t.frame()).toContain('addauth digest bob:***');
    expect(t.frame()).not.toContain('s3cret');
    t.read('y');
    await t.until('listing /x');
    expect(t.frame()).not.toContain('s3cret');
    expect(t.calls).toEqual(['addauth', 'ls /x']);
  });

  it('a paste never answers a question', async () => {
    const t = setup();
    await t.ready();
    t.read(paste('ls /a\nls /b'));
    await t.until('Run these 2 pasted lines');
    t.read(paste('y'));
    await t.until('paste ignored');
    expect(t.model.getSnapshot().confirm).not.toBeNull();
    expect(t.calls).toEqual([]);
  });
});

describe('the input line', () => {
  it('a 150-character command wraps and is entirely visible before Enter', async () => {
    const t = setup({ cols: 80, rows: 24 });
    await t.ready();
    const long = `say ${'0123456789'.repeat(15)}`;
    t.read(long);
    await waitFor(() => t.model.getSnapshot().editor.text === long);
    await waitFor(() => t.lines().join('').includes(long), t.frame);
    const lines = t.lines();
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    // Prompt and command start on the first row of the input line; the hint bar is still there.
    const first = lines.findIndex((l) => l.includes('] say 0123'));
    expect(first).toBeGreaterThan(0);
    expect(lines.length - 1 - first).toBe(3);
    expect(lines.at(-1)).toContain('Enter');
    expect(inputLineRows(t.model.getSnapshot(), 80, 7)).toBe(3);
    expect(t.calls).toEqual([]);
  });

  it('beyond a third of the screen the line scrolls, keeping the cursor row in view', async () => {
    const t = setup({ cols: 60, rows: 15 });
    await t.ready();
    const long = `say ${'abcdefghij'.repeat(40)}END`;
    t.read(long);
    await waitFor(() => t.frame().includes('END'), t.frame);
    expect(inputLineRows(t.model.getSnapshot(), 60, 5)).toBe(5);
    expect(t.lines().length).toBeLessThanOrEqual(14);
    expect(t.frame()).not.toContain('] say'); // the start scrolled off; the cursor's end shows
    t.read('\x01'); // Ctrl-A: cursor home, the start comes back
    await waitFor(() => t.frame().includes('] say abc'), t.frame);
    expect(t.frame()).not.toContain('END');
  });

  it('a long three-server connect string gives a prompt of at most a third of the width', async () => {
    const cs = 'zk-node-1.example.com:2181,zk-node-2.example.com:2181,zk-node-3.example.com:2181';
    const t = setup({ cols: 120, rows: 30, connectString: cs });
    await t.ready();
    const prompt = `${/^\[zk: .*?\) \d+\]/.exec(inputRow(t.lines()))?.[0]} `;
    expect(prompt).toMatch(/^\[zk: zk-node-1\.ex.*…,\+2\(NOT_CONNECTED\) 0\]/);
    expect(displayWidth(prompt)).toBeLessThanOrEqual(40);
    t.read('say hi');
    await waitFor(() => inputRow(t.lines()).includes(`${prompt}say hi`), t.frame);
    t.read(ENTER);
    // The scrollback keeps zkCli's own prompt, whole (as exec and piped modes print it).
    await t.until(`[zk: ${cs}(NOT_CONNECTED) 0] say hi`.slice(0, 60));
    expect(t.shell.prompt()).toBe(`[zk: ${cs}(NOT_CONNECTED) 1] `);
  });

  it('fitPrompt keeps zkCli’s form, shortening only the connect string', () => {
    const three = '[zk: 127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183(CONNECTED) 3] ';
    expect(fitPrompt(three, 120)).toBe(three);
    expect(fitPrompt(three, 40)).toBe('[zk: 127.0.0.1:2181,+2(CONNECTED) 3] ');
    expect(fitPrompt(three, 33)).toBe('[zk: 127.0.0.1…,+2(CONNECTED) 3] ');
    expect(fitPrompt('[zk: a:1,b:2,c:3/app(CONNECTED) 0] ', 30)).toBe('[zk: a:1,+2/app(CONNECTED) 0] ');
    expect(fitPrompt('[zk: 127.0.0.1:2181(CONNECTED) 3] ', 26)).toBe('[zk: 127.0…(CONNECTED) 3] ');
    for (const w of [60, 80, 100, 150]) expect(displayWidth(fitPrompt(three, Math.floor(w / 3)))).toBeLessThanOrEqual(Math.floor(w / 3));
    expect(fitPrompt('>>> ', 10)).toBe('>>> ');
  });
});

describe('notices', () => {
  const banner = 'sandbox: 3 servers at 127.0.0.1:21810,127.0.0.1:21811,127.0.0.1:21812 (stopped when you quit)';

  it('a long notice wraps at spaces in the shell pane', async () => {
    const t = setup({ cols: 60, rows: 15 });
    await t.ready();
    t.shell.print('stdout', banner, 'info');
    await t.until('you quit)');
    const lines = t.lines().map((l) => l.trimEnd());
    expect(lines).toContain('sandbox: 3 servers at');
    expect(lines).toContain('127.0.0.1:21810,127.0.0.1:21811,127.0.0.1:21812 (stopped');
    expect(lines).toContain('when you quit)');
    // Every word of the notice is whole on some row.
    for (const word of banner.split(' ')) expect(lines.some((l) => l.includes(word)), word).toBe(true);
  });

  it('notices wrap at words; command output keeps every byte in place (cut at the edge)', () => {
    expect(wrapLine('alpha beta gamma', 'info', 12)).toEqual(['alpha beta', 'gamma']);
    expect(wrapLine('alpha beta gamma', 'warn', 12)).toEqual(['alpha beta', 'gamma']);
    expect(wrapLine('alpha beta gamma', 'plain', 12)).toEqual(['alpha beta g', 'amma']);
    expect(wrapLine('x'.repeat(30), 'info', 12)).toEqual(['x'.repeat(12), 'x'.repeat(12), 'x'.repeat(6)]);
  });
});
