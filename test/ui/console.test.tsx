// The console screen against a real Shell and CommandRegistry (test commands, no ZooKeeper):
// render with ink-testing-library at an injected size, type keys, poll frames.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Text } from 'ink';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { EventBus } from '../../src/shell/appEvents.js';
import { Completer } from '../../src/shell/completion.js';
import { Connection } from '../../src/shell/connection.js';
import { CancelledError } from '../../src/shell/errors.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry, type CommandSpec } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { App, type PaneSlot } from '../../src/ui/App.js';
import { waitFor } from '../helpers/wait.js';

const KEY = { enter: '\r', tab: '\t', esc: '\x1b', up: '\x1b[A', down: '\x1b[B', pageUp: '\x1b[5~', ctrlEnd: '\x1b[1;5F', ctrlC: '\x03', ctrlD: '\x04', f1: '\x1bOP' };

const testCommands: CommandSpec[] = [
  { name: 'say', usage: 'text', summary: 'print the arguments', args: ['word'], run: async (ctx, p) => ctx.out(p.args.slice(1).join(' ')) },
  {
    name: 'spam',
    usage: 'count',
    summary: 'print numbered lines',
    run: async (ctx, p) => {
      const n = Number(p.args[1] ?? 10);
      ctx.out(Array.from({ length: n }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n'));
    },
  },
  {
    name: 'slow',
    usage: '',
    summary: 'wait until cancelled',
    run: (ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new CancelledError()));
      }),
  },
  {
    name: 'wipe',
    usage: 'path',
    summary: 'destructive: asks first',
    destructive: true,
    run: async (ctx, p) => {
      const yes = await ctx.confirm(`Wipe ${p.args[1] ?? '/'} and everything below it?`);
      ctx.out(yes ? 'wiped' : 'kept', yes ? 'warn' : 'plain');
    },
  },
  { name: 'quit', usage: '', summary: 'leave', run: async (ctx) => ctx.requestQuit() },
  { name: 'tune', usage: 'name=value', summary: 'takes name=value words', args: ['word'], words: () => ['level='], run: async () => undefined },
];

function setup(opts: { cols?: number; rows?: number; panes?: PaneSlot[]; history?: string[]; probe?: (cs: string) => Promise<string | null>; autoSize?: boolean; accent?: { colour: string; badge: string } } = {}) {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.registerAll(testCommands);
  const conn = new Connection(
    () => {
      throw new Error('no ZooKeeper in UI tests');
    },
    bus,
    '127.0.0.1:2181',
  );
  const history = new History(null);
  (opts.history ?? []).forEach((line, i) => history.put(i, line));
  const shell = new Shell({ registry, conn, bus, history, sink: new MemorySink(), interactive: true });
  const model = new ConsoleStore({ shell, completer: new Completer(registry, () => null), title: 'test-cluster', accent: opts.accent, probeServerVersion: opts.probe });
  shell.setAsk(model.ask);
  const size = { cols: opts.cols ?? 100, rows: opts.rows ?? 30 };
  const exits: number[] = [];
  const app = <App model={model} size={opts.autoSize ? undefined : size} panes={opts.panes} color={false} onExit={(c) => exits.push(c)} />;
  const r = render(app);
  if (size.cols > 100) {
    // The library's stdout reports 100 columns and Ink sizes its root from that: widen it, re-render.
    Object.defineProperty(r.stdout, 'columns', { value: size.cols, configurable: true });
    r.rerender(app);
  }
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  return {
    ...r,
    shell,
    model,
    exits,
    frame,
    lines: () => frame().split('\n'),
    /** Resolves once the keypress listeners are attached (they attach in an effect after mount). */
    ready: () => waitFor(() => r.stdin.listenerCount('readable') > 0 && frame().includes('(NOT_CONNECTED) 0]')),
    /** Types characters one event at a time (a multi-character write would be a paste). */
    type: (text: string) => {
      for (const ch of text) r.stdin.write(ch);
    },
    press: (...keys: string[]) => {
      for (const k of keys) r.stdin.write(k);
    },
    until: (text: string) => waitFor(() => frame().includes(text), () => frame()),
  };
}

function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Polls until `cond` holds, yielding to React and Ink between checks (no fixed sleeps). */

/** The line of the frame holding the input line (just above the hint bar). */
function inputLine(lines: string[]): string {
  return lines[lines.length - 2] ?? '';
}

afterEach(() => {
  cleanup();
});

describe('console screen', () => {
  it('renders the header, the prompt and output lines', async () => {
    const t = setup();
    await t.ready();
    expect(t.frame()).toContain('zkpilot');
    expect(t.frame()).toContain('test-cluster');
    expect(t.frame()).toContain('NOT_CONNECTED');
    t.shell.print('stdout', 'hello from the shell', 'info');
    await t.until('hello from the shell');
    // zkCli's form in at most a third of the width (100 columns: 33); the connect string is cut.
    expect(inputLine(t.lines())).toMatch(/^\[zk: 127\.0\.0\.…\(NOT_CONNECTED\) 0\]/);
  });

  it('shows a production profile as a badge in place of the title', async () => {
    const t = setup({ accent: { colour: 'red', badge: 'PROD prod-a' } });
    await t.ready();
    expect(t.frame().split('\n')[0]).toContain('PROD prod-a');
    expect(t.frame().split('\n')[0]).not.toContain('test-cluster');
  });

  it('typing + Enter echoes the redacted line and runs it in the shell', async () => {
    const t = setup();
    await t.ready();
    t.type('say hello world');
    await t.until('say hello world');
    t.press(KEY.enter);
    await t.until('(NOT_CONNECTED) 1]');
    const lines = t.lines();
    expect(lines.some((l) => l.startsWith('[zk: 127.0.0.1:2181(NOT_CONNECTED) 0] say hello world'))).toBe(true);
    expect(lines.some((l) => l === 'hello world')).toBe(true);
    expect(t.shell.commandCount).toBe(1);
    // The echo is redacted: a digest password never reaches the scrollback.
    t.type('addauth digest alice:s3cret');
    t.press(KEY.enter);
    await t.until('addauth digest alice:***');
    expect(t.frame()).not.toContain('s3cret');
  });

  it('Up recalls history and Down returns to the draft', async () => {
    const t = setup({ history: ['say one', 'say two'] });
    await t.ready();
    t.type('dra');
    t.press(KEY.up);
    await waitFor(() => inputLine(t.lines()).includes('say two'));
    t.press(KEY.up, KEY.down, KEY.down);
    await waitFor(() => inputLine(t.lines()).includes('dra'));
  });

  it('Tab with one candidate completes directly', async () => {
    const t = setup();
    await t.ready();
    t.type('wi');
    t.press(KEY.tab);
    await waitFor(() => inputLine(t.lines()).includes('] wipe'), t.frame);
    expect(t.model.getSnapshot().editor.text).toBe('wipe ');
    expect(t.model.getSnapshot().popup).toBeNull();
  });

  it('Tab leaves the cursor right after a completed `name=`, for its value', async () => {
    const t = setup();
    await t.ready();
    t.type('tune le');
    t.press(KEY.tab);
    await waitFor(() => t.model.getSnapshot().editor.text === 'tune level=', t.frame);
    expect(t.model.getSnapshot().editor.cursor).toBe('tune level='.length);
  });

  it('Tab with several candidates opens the popup; Down moves, Enter inserts', async () => {
    const t = setup();
    await t.ready();
    t.type('s');
    t.press(KEY.tab);
    await t.until('1/3');
    expect(t.frame()).toContain('print the arguments'); // candidate detail
    expect(t.frame()).toContain('wait until cancelled');
    t.press(KEY.down);
    await t.until('2/3');
    t.press(KEY.enter);
    await waitFor(() => t.model.getSnapshot().popup === null);
    expect(t.model.getSnapshot().editor.text).toBe('slow ');
    expect(t.shell.commandCount).toBe(0); // accepting a candidate does not run the line
  });

  it('Esc closes the popup and keeps the line', async () => {
    const t = setup();
    await t.ready();
    t.type('s');
    t.press(KEY.tab);
    await t.until('1/3');
    t.press(KEY.esc);
    await waitFor(() => !t.frame().includes('1/3'));
    expect(t.model.getSnapshot().editor.text).toBe('s');
  });

  it('Ctrl-C clears the line and does not exit', async () => {
    const t = setup();
    await t.ready();
    t.type('say something');
    await t.until('say something');
    t.press(KEY.ctrlC);
    await waitFor(() => !t.frame().includes('say something'));
    expect(t.exits).toEqual([]);
    t.type('say still here');
    t.press(KEY.enter);
    await t.until('still here');
  });

  it('Ctrl-C cancels a running command; keys keep working while it runs', async () => {
    const t = setup();
    await t.ready();
    t.type('slow');
    t.press(KEY.enter);
    await t.until('running… (Ctrl-C to cancel)');
    t.press(KEY.f1);
    await t.until('Key bindings');
    t.press(KEY.esc);
    await waitFor(() => !t.frame().includes('Key bindings'));
    t.press(KEY.ctrlC);
    await t.until('Cancelled');
    await waitFor(() => !t.frame().includes('running…'));
    expect(t.exits).toEqual([]);
  });

  it('keeps typeahead while a command runs: Enter queues the line; Ctrl-C holds it on the input line, never drops it', async () => {
    const t = setup();
    await t.ready();
    t.type('slow');
    t.press(KEY.enter);
    await t.until('running… (Ctrl-C to cancel)');
    t.type('say typed ahead?');
    await t.until('running… (Enter queues) say typed ahead?');
    t.press(KEY.enter);
    await t.until('⋯ queued: say typed ahead?');
    t.press(KEY.enter); // an empty line while busy: only says a command runs
    await t.until('a command is running');
    t.press(KEY.ctrlC);
    await t.until('Cancelled');
    await t.until('1 waiting line not run');
    await waitFor(() => inputLine(t.lines()).includes('say typed ahead?') && !t.frame().includes('running…'), () => t.frame());
    expect(t.shell.commandCount).toBe(1);
    t.press(KEY.enter);
    await waitFor(() => t.lines().some((l) => l.trim() === 'typed ahead?'), () => t.frame());
  });

  it('? on an empty line opens help listing keymap entries; Esc closes; ? stays typeable', async () => {
    const t = setup();
    await t.ready();
    t.type('?');
    await t.until('Key bindings');
    expect(t.frame()).toContain('search history backwards (reverse-i-search)');
    expect(t.frame()).toContain('Ctrl-R');
    // The action id settings.keyBindings name to remap it.
    expect(t.frame()).toContain('[history.search]');
    t.press(KEY.esc);
    await waitFor(() => !t.frame().includes('Key bindings'));
    t.type('say what?');
    await waitFor(() => inputLine(t.lines()).includes('say what?'));
    expect(t.frame()).not.toContain('Key bindings');
  });

  it('PgUp shows older lines with a "more" marker; new output does not move the view; Ctrl-End follows again', async () => {
    const t = setup();
    await t.ready();
    t.type('spam 200');
    t.press(KEY.enter);
    await t.until('line 199');
    expect(t.frame()).not.toContain('line 150');
    t.press(KEY.pageUp, KEY.pageUp);
    await t.until('more lines');
    const before = t.lines().filter((l) => l.startsWith('line '));
    expect(before.length).toBeGreaterThan(5);
    expect(t.frame()).not.toContain('line 199');
    const below = () => Number(/↓ (\d+) more lines/.exec(t.frame())?.[1] ?? -1);
    const waiting = below();
    t.shell.print('stdout', 'a watch event arrives');
    await waitFor(() => below() === waiting + 1, t.frame);
    expect(t.lines().filter((l) => l.startsWith('line '))).toEqual(before);
    t.press(KEY.ctrlEnd);
    await t.until('a watch event arrives');
    expect(t.frame()).not.toContain('more lines');
  });

  it('a destructive command asks y/N: y proceeds, n and Enter refuse', async () => {
    const t = setup();
    await t.ready();
    t.type('wipe /a');
    t.press(KEY.enter);
    await t.until('Wipe /a and everything below it? [y/N]');
    t.type('y');
    await t.until('wiped');
    t.type('wipe /b');
    t.press(KEY.enter);
    await t.until('Wipe /b and everything below it? [y/N]');
    t.type('n');
    await t.until('kept');
    t.type('wipe /c');
    t.press(KEY.enter);
    await t.until('Wipe /c and everything below it? [y/N]');
    t.press(KEY.enter);
    await waitFor(() => t.frame().split('kept').length === 3, t.frame);
    expect(t.frame()).not.toContain('wipe /c and');
  });

  it('output is sanitised: escape sequences from znode data cannot reach the terminal', async () => {
    const t = setup();
    await t.ready();
    t.shell.print('stdout', 'data:\x1b[2J\x1b]52;c;aGk=\x07\x1b[31mred\x1b[0m\u202eevil');
    await t.until('data:^[[2J^[]52;c;aGk=^Gred<U+202E>evil');
    expect(t.lastFrame()).not.toContain('\x1b[2J');
    expect(t.lastFrame()).not.toContain('\x1b]52');
  });

  it('Ctrl-D on an empty line quits; `quit` quits', async () => {
    const t = setup();
    await t.ready();
    t.type('say x');
    t.press(KEY.ctrlD);
    expect(t.exits).toEqual([]);
    t.press(KEY.ctrlC, KEY.ctrlD);
    await waitFor(() => t.exits.length === 1);
    expect(t.exits).toEqual([0]);

    const u = setup();
    await u.ready();
    u.type('quit');
    u.press(KEY.enter);
    await waitFor(() => u.exits.length === 1);
  });

  it('a bracketed paste of one line (with its newline) goes on the input line and does not run', async () => {
    const t = setup();
    await t.ready();
    t.press('\x1b[200~say pasted\n\x1b[201~');
    await waitFor(() => inputLine(t.lines()).includes('say pasted'));
    expect(t.shell.commandCount).toBe(0);
  });

  it('Ctrl-L clears the view but keeps the lines (PgUp brings them back)', async () => {
    const t = setup();
    await t.ready();
    t.type('spam 5');
    t.press(KEY.enter);
    await t.until('line 004');
    t.press('\x0c');
    await waitFor(() => !t.frame().includes('line 004'));
    t.press(KEY.pageUp);
    await t.until('line 004');
  });

  it('the header follows session state, session id and server version on (re)connect', async () => {
    const probed: string[] = [];
    const t = setup({ probe: async (cs) => (probed.push(cs), '3.8.4') });
    await t.ready();
    await t.until('ZooKeeper 3.8.4');
    t.shell.bus.emit({ type: 'session.state', state: 'CONNECTED', previous: 'CONNECTING', connectString: '127.0.0.1:2181', sessionId: '10000abc' });
    await t.until('● CONNECTED');
    expect(t.frame()).toContain('session 0x10000abc');
    expect(probed).toEqual(['127.0.0.1:2181', '127.0.0.1:2181']);
    t.shell.bus.emit({ type: 'session.state', state: 'EXPIRED', previous: 'CONNECTED', connectString: '127.0.0.1:2181', sessionId: '10000abc' });
    await t.until('● EXPIRED');
  });

  it('re-lays out when the terminal is resized', async () => {
    const t = setup({ autoSize: true });
    await t.ready();
    expect(t.lines().length).toBe(23); // no rows on the fake stdout: 24 assumed, drawn at rows-1
    Object.defineProperty(t.stdout, 'columns', { value: 70, configurable: true });
    Object.defineProperty(t.stdout, 'rows', { value: 16, configurable: true });
    t.stdout.emit('resize');
    await waitFor(() => t.lines().length === 15, t.frame);
    Object.defineProperty(t.stdout, 'rows', { value: 12, configurable: true });
    t.stdout.emit('resize');
    await t.until('pane too small (70x12)');
  });
});

describe('layout', () => {
  it('below the minimum size renders only "pane too small"', async () => {
    const t = setup({ cols: 50, rows: 12 });
    await waitFor(() => t.frame().includes('pane too small'));
    expect(t.frame().trim()).toBe('pane too small (50x12)');
  });

  it.each([
    [80, 24],
    [120, 40],
    [60, 15],
  ])('%ix%i renders header, input and hint bar within rows-1 lines', async (cols, rows) => {
    const t = setup({ cols, rows });
    await t.ready();
    const lines = t.lines();
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    expect(lines[0]).toContain('zkpilot');
    expect(inputLine(lines)).toMatch(cols >= 80 ? /^\[zk: 1.*\(NOT_CONNECTED\) 0\]/ : /^….*\(NOT_CONNECTED\) 0\]/);
    expect(inputLine(lines).indexOf('] ') + 2).toBeLessThanOrEqual(Math.floor(cols / 3));
    expect(lines[lines.length - 1]).toContain('Enter run');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(cols);
  });

  const ensemble: PaneSlot = { id: 'ensemble', title: 'Ensemble', focusable: true, wantedRows: () => 3, render: ({ width }) => <Text>{`members (${width} cols)`}</Text> };

  it('at 120 columns optional panes get a right-hand column', async () => {
    const t = setup({ cols: 120, rows: 40, panes: [ensemble] });
    await t.ready();
    expect(t.frame()).toContain('Ensemble');
    expect(t.frame()).toContain('members (');
    expect(t.lines().length).toBeLessThanOrEqual(39);
    expect(t.model.getSnapshot().focus.panes).toEqual(['shell', 'ensemble']);
    await t.until('F6 pane');
  });

  it('at 80x24 optional panes are hidden, and the header says so', async () => {
    const t = setup({ cols: 80, rows: 24, panes: [ensemble] });
    await t.ready();
    expect(t.frame()).not.toContain('members (');
    expect(t.frame()).toContain('+1 pane: F2');
    // The header is often cut at 80 columns: the hint bar names the key too, early enough to fit.
    expect(t.lines().at(-1)).toMatch(/^Enter run {2}Tab complete {2}F2 panes {2}/);
    expect(t.model.getSnapshot().focus.panes).toEqual(['shell']);
  });

  it('F2 cycles the layouts: shell, panes above the shell, panes full screen (80x24); beside, full, shell (120x40)', async () => {
    const small = setup({ cols: 80, rows: 24, panes: [ensemble] });
    await small.ready();
    small.press('\x1bOQ');
    await small.until('members (78 cols)');
    expect(small.lines().at(-1)).not.toContain('F2 panes');
    expect(inputLine(small.lines())).toContain('(NOT_CONNECTED) 0]');
    expect(small.lines().length).toBeLessThanOrEqual(23);
    // The pane takes the rows it asked for (3 + its frame); the shell pane the rest.
    expect(small.lines().findIndex((l) => l.includes('members ('))).toBe(3);
    expect(small.lines().findIndex((l) => l.startsWith('└'))).toBe(6);
    small.press('\x1bOQ');
    await waitFor(() => small.frame().includes('members (78 cols)') && !small.frame().includes('WATCHER') && small.lines().length <= 23, () => small.frame());
    small.press('\x1bOQ');
    await waitFor(() => !small.frame().includes('members ('), () => small.frame());
    expect(small.frame()).toContain('+1 pane: F2');

    const wide = setup({ cols: 120, rows: 40, panes: [ensemble] });
    await wide.ready();
    await wide.until('members (');
    expect(wide.frame()).not.toContain('members (118 cols)');
    expect(wide.lines().at(-1)).not.toContain('F2 panes');
    wide.press('\x1bOQ');
    await wide.until('members (118 cols)');
    wide.press('\x1bOQ');
    await waitFor(() => !wide.frame().includes('members ('), () => wide.frame());
    expect(wide.frame()).toContain('+1 pane');
  });
});
