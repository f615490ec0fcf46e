import { describe, expect, it } from 'vitest';
import { decodeKey } from '../../../src/ui/input/decodeKey.js';
import { DEFAULT_KEYMAP, KEYMAP, buildKeymap, formatKey } from '../../../src/ui/input/keymap.js';

const actionsFor = DEFAULT_KEYMAP.actionsFor.bind(DEFAULT_KEYMAP);
const hintsFor = DEFAULT_KEYMAP.hintsFor.bind(DEFAULT_KEYMAP);
const helpSections = DEFAULT_KEYMAP.helpSections.bind(DEFAULT_KEYMAP);

describe('decodeKey', () => {
  it.each<[string, string]>([
    ['\r', 'enter'],
    ['\t', 'tab'],
    ['\x1b[Z', 'shift+tab'],
    ['\x7f', 'backspace'], // Ink 6.8 calls this key.delete
    ['\b', 'ctrl+h'],
    ['\x1b[3~', 'delete'], // the real Delete key
    ['\x1b', 'esc'],
    ['\x01', 'ctrl+a'],
    ['\x03', 'ctrl+c'],
    ['\x12', 'ctrl+r'],
    ['\x1bb', 'alt+b'],
    ['\x1bf', 'alt+f'],
    ['\x1b\x7f', 'alt+backspace'],
    ['\x1b[A', 'up'],
    ['\x1bOB', 'down'],
    ['\x1b[1;2A', 'shift+up'],
    ['\x1b[1;5B', 'ctrl+down'],
    ['\x1b[a', 'shift+up'], // rxvt
    ['\x1bOa', 'ctrl+up'], // rxvt
    ['\x1b[5~', 'pageup'],
    ['\x1b[6~', 'pagedown'],
    ['\x1b[H', 'home'],
    ['\x1b[4~', 'end'],
    ['\x1b[1;5F', 'ctrl+end'],
    ['\x1b[8^', 'ctrl+end'], // rxvt
    ['\x1bOP', 'f1'],
    ['\x1b[11~', 'f1'],
    ['\x1b[[A', 'f1'], // Linux console
    ['\x1b[17~', 'f6'],
    ['\x1b[17;2~', 'shift+f6'],
    ['\x1b[1;5D', 'ctrl+left'],
    ['\x1b[99~', 'unknown'],
  ])('%j → %s', (raw, name) => {
    expect(decodeKey(raw).name).toBe(name);
  });

  it('printable characters carry their text; several at once are typed text (a paste is only a bracketed one)', () => {
    expect(decodeKey('?')).toEqual({ name: '?', text: '?' });
    expect(decodeKey('Y')).toEqual({ name: 'Y', text: 'Y' });
    expect(decodeKey('😀')).toEqual({ name: '😀', text: '😀' });
    expect(decodeKey(' ')).toEqual({ name: 'space', text: ' ' });
    expect(decodeKey('ls /')).toEqual({ name: 'text', text: 'ls /' });
    expect(decodeKey('\x1b[A').text).toBe('');
  });
});

describe('keymap table', () => {
  it('every binding has keys, a description and a known context', () => {
    for (const b of KEYMAP) {
      expect(b.keys.length, b.action).toBeGreaterThan(0);
      expect(b.description.length, b.action).toBeGreaterThan(3);
    }
  });

  it('no key is bound twice within one context', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${b.context}:${k}`;
        expect(seen.get(id), `${id} is bound to ${seen.get(id)} and ${b.action}`).toBeUndefined();
        seen.set(id, b.action);
      }
    }
  });

  it('Ctrl-C never quits: it clears, cancels, aborts or answers no', () => {
    // In the console, that is; the read-only replay and follow screens have nothing to cancel.
    const ctrlC = KEYMAP.filter((b) => b.keys.includes('ctrl+c') && b.context !== 'viewer').map((b) => b.action);
    expect(ctrlC.sort()).toEqual(['command.cancel', 'confirm.no', 'line.clear', 'popup.close', 'search.abort']);
  });

  it('resolves keys along the context chain, most specific first', () => {
    expect(actionsFor(['popup', 'shell', 'global'], 'enter', { lineEmpty: false })).toEqual(['popup.accept', 'line.submit']);
    expect(actionsFor(['shell', 'global'], 'end', { lineEmpty: false })).toEqual(['cursor.end', 'scroll.bottom']);
    expect(actionsFor(['running', 'global'], 'ctrl+c', { lineEmpty: true })).toEqual(['command.cancel']);
    expect(actionsFor(['help'], 'q', { lineEmpty: true })).toEqual(['help.close']);
  });

  it('? opens help only on an empty input line; F1 always', () => {
    expect(actionsFor(['shell', 'global'], '?', { lineEmpty: true })).toEqual(['help.open']);
    expect(actionsFor(['shell', 'global'], '?', { lineEmpty: false })).toEqual([]);
    expect(actionsFor(['shell', 'global'], 'f1', { lineEmpty: false })).toEqual(['help.open']);
  });

  it('the hint bar is derived from the table for the context', () => {
    const shell = hintsFor(['shell', 'global'], { lineEmpty: true });
    expect(shell.map((h) => `${h.keys} ${h.label}`)).toEqual(['Enter run', 'Tab complete', '^R search', '^C clear', '^D quit', '? help', 'PgUp/PgDn scroll']);
    expect(hintsFor(['shell', 'global'], { lineEmpty: false }).find((h) => h.label === 'help')?.keys).toBe('F1');
    expect(hintsFor(['running', 'global'], { lineEmpty: true })[0]).toEqual({ keys: '^C', label: 'cancel' });
    expect(hintsFor(['shell', 'global'], { lineEmpty: true, multiplePanes: true }).map((h) => h.label)).toContain('pane');
    expect(hintsFor(['shell', 'global'], { lineEmpty: true }).map((h) => h.label)).not.toContain('pane');
  });

  it('help lists every binding exactly once', () => {
    const entries = helpSections().flatMap((s) => s.entries);
    expect(entries).toHaveLength(KEYMAP.length);
    expect(entries.map((e) => e.description)).toContain('search history backwards (reverse-i-search)');
  });

  it.each<[string, 'long' | 'short', string]>([
    ['ctrl+r', 'long', 'Ctrl-R'],
    ['ctrl+r', 'short', '^R'],
    ['alt+b', 'long', 'Alt-B'],
    ['shift+tab', 'long', 'Shift-Tab'],
    ['pageup', 'short', 'PgUp'],
    ['f1', 'short', 'F1'],
    ['?', 'short', '?'],
    ['ctrl+end', 'short', 'Ctrl-End'],
  ])('formatKey(%s, %s) = %s', (name, style, label) => {
    expect(formatKey(name, style)).toBe(label);
  });
});

describe('hint bar in the popup', () => {
  it('does not advertise keys the popup takes over', () => {
    const labels = hintsFor(['popup', 'shell', 'global'], { lineEmpty: false }).map((h) => `${h.keys} ${h.label}`);
    expect(labels.slice(0, 4)).toEqual(['Tab next', 'Shift-Tab prev', 'Enter insert', 'Esc close']);
    expect(labels).not.toContain('Enter run');
    expect(labels).not.toContain('Tab complete');
    expect(labels).not.toContain('^C clear');
  });
});

describe('key-binding overrides from the settings', () => {
  it('replace an action\'s default keys everywhere: dispatch, hint bar and help', () => {
    const remapped = buildKeymap({ 'history.search': ['ctrl+s'] });
    expect(remapped.actionsFor(['shell', 'global'], 'ctrl+s', { lineEmpty: true })).toContain('history.search');
    expect(remapped.actionsFor(['shell', 'global'], 'ctrl+r', { lineEmpty: true })).not.toContain('history.search');
    expect(remapped.hintsFor(['shell', 'global'], { lineEmpty: true }).find((h) => h.label === 'search')?.keys).toBe('^S');
    const shellHelp = remapped.helpSections().find((s) => s.context === 'shell')!.entries;
    const search = shellHelp.find((e) => e.description === KEYMAP.find((b) => b.action === 'history.search')!.description)!;
    expect(search.keys).toBe(formatKey('ctrl+s', 'long'));
    // A keymap is a value: building another one leaves the defaults alone.
    expect(actionsFor(['shell', 'global'], 'ctrl+r', { lineEmpty: true })).toContain('history.search');
  });

  it('name the remapped key in labels, and remap pane rows (timeline, replay) the same way', () => {
    const remapped = buildKeymap({ 'command.cancel': ['ctrl+x'], 'timeline.older': ['u'], 'replay.pause': ['p'] });
    expect(remapped.label('command.cancel')).toBe('Ctrl-X');
    expect(remapped.actionsFor(['timeline', 'pane', 'global'], 'u')).toEqual(['timeline.older']);
    expect(remapped.actionsFor(['timeline', 'pane', 'global'], 'up')).toEqual([]);
    expect(remapped.hintLine(['replay', 'viewer'])).toMatch(/^p pause · ←\/→ event/);
  });
});

describe('the read-only viewers\' status line', () => {
  it('is derived from the replay and viewer rows', () => {
    expect(DEFAULT_KEYMAP.hintLine(['replay', 'viewer'])).toBe('space pause · ←/→ event · m/M mark · +/- speed · PgUp/PgDn scroll · End follow · t timeline · q quit');
    expect(DEFAULT_KEYMAP.hintLine(['viewer'])).toBe('PgUp/PgDn scroll · End follow · t timeline · q quit');
  });
});
