// Remapped keys from the settings change what the screen says, not only what the keys do: the
// hint bar, the help overlay, flash messages and the input line all name the new key; pane rows
// (the timeline's scroll keys) are remapped the same way.
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
import { TimelineScroll, timelineKeys } from '../../src/ui/ensemble/ensemblePanes.js';
import type { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
import { buildKeymap, type Keymap } from '../../src/ui/input/keymap.js';
import type { ActionId } from '../../src/profiles/keyTable.js';
import { waitFor } from '../helpers/wait.js';

const slow: CommandSpec = {
  name: 'slow',
  usage: '',
  summary: 'wait until cancelled',
  run: (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new CancelledError()))),
};

function setup(keymap: Keymap, panes: PaneSlot[] = [], size = { cols: 100, rows: 30 }) {
  const bus = new EventBus();
  const registry = new CommandRegistry();
  registry.registerAll([slow]);
  const conn = new Connection(() => {
    throw new Error('no ZooKeeper in UI tests');
  }, bus, '127.0.0.1:2181');
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink: new MemorySink(), interactive: true });
  const model = new ConsoleStore({ shell, completer: new Completer(registry, () => null), title: 'remap', keymap });
  const app = <App model={model} size={size} panes={panes} color={false} />;
  const r = render(app);
  if (size.cols > 100) {
    Object.defineProperty(r.stdout, 'columns', { value: size.cols, configurable: true });
    r.rerender(app);
  }
  const frame = () => (r.lastFrame() ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    model,
    frame,
    hintBar: () => frame().split('\n').at(-1) ?? '',
    ready: () => waitFor(() => r.stdin.listenerCount('readable') > 0 && frame().includes('(NOT_CONNECTED) 0]'), frame),
    press: (...keys: string[]) => keys.forEach((k) => r.stdin.write(k)),
    until: (text: string) => waitFor(() => frame().includes(text), frame),
  };
}


afterEach(() => cleanup());

describe('a remapped action', () => {
  it('changes the hint bar, the help overlay, the input line and the flash messages', async () => {
    const t = setup(buildKeymap({ 'command.cancel': ['ctrl+x'], 'line.eofOrDelete': ['ctrl+q'], 'history.search': ['ctrl+s'] }));
    await t.ready();
    expect(t.hintBar()).toContain('^S search');
    expect(t.hintBar()).toContain('^Q quit');
    t.press('\x03'); // Ctrl-C on an empty line says how to leave: with the remapped key
    await t.until('Ctrl-Q on an empty line, or `quit`, leaves zkpilot');
    t.press('\x1bOP');
    await t.until('Key bindings');
    expect(t.frame()).toContain('Ctrl-S');
    expect(t.frame()).not.toContain('Ctrl-R ');
    t.press('\x1b');
    await waitFor(() => !t.frame().includes('Key bindings'), t.frame);

    for (const ch of 'slow') t.press(ch);
    t.press('\r');
    await t.until('running… (Ctrl-X to cancel)');
    expect(t.hintBar()).toContain('^X cancel');
    t.press('\r'); // Enter on an empty line while a command runs names the cancel key
    await t.until('a command is running — Ctrl-X cancels it');
    t.press('\x18');
    await t.until('Cancelled');
  });
});

describe('a remapped pane row', () => {
  it('scrolls the focused timeline with the new key, and the old key no longer does', async () => {
    const actions: ActionId[] = [];
    const timeline: PaneSlot = {
      id: 'timeline',
      title: 'Events',
      focusable: true,
      wantedRows: () => null,
      render: () => <Text>events</Text>,
      keys: { context: 'timeline', onAction: (a) => (a.startsWith('timeline.') ? (actions.push(a), true) : false) },
    };
    const t = setup(buildKeymap({ 'timeline.older': ['u'] }), [timeline], { cols: 120, rows: 40 });
    await t.ready();
    t.press('\x1b[17~'); // F6: focus the timeline
    await waitFor(() => t.model.getSnapshot().focus.current === 'timeline', t.frame);
    await t.until('u older');
    t.press('\x1b[A', 'u', 'j');
    await waitFor(() => actions.length === 2, () => actions.join(','));
    expect(actions).toEqual(['timeline.older', 'timeline.newer']);
  });

  it('moves the timeline scroll through the same rows', () => {
    const events = Array.from({ length: 20 }, (_, seq) => ({ seq }));
    const model = { events: () => events } as unknown as EnsembleModel;
    const scroll = new TimelineScroll();
    const keys = timelineKeys(model, scroll, () => 6);
    const before = scroll.getSnapshot();
    expect(keys.onAction('timeline.older')).toBe(true);
    expect(scroll.value).toBe(1);
    expect(scroll.getSnapshot()).not.toBe(before);
    expect(keys.onAction('timeline.oldest')).toBe(true);
    expect(scroll.value).toBe(19);
    expect(keys.onAction('timeline.newest')).toBe(true);
    expect(scroll.value).toBe(0);
    expect(keys.onAction('scroll.pageUp')).toBe(false);
  });
});
