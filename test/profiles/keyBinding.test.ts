import { describe, expect, it } from 'vitest';
import { decodeKey } from '../../src/ui/input/decodeKey.js';
import { normaliseKey } from '../../src/profiles/keyBinding.js';

describe('key binding syntax', () => {
  it.each([
    ['ctrl+r', 'ctrl+r'],
    ['Ctrl-R', 'ctrl+r'],
    ['C-x', 'ctrl+x'],
    ['alt+b', 'alt+b'],
    ['meta+B', 'alt+shift+b'],
    ['F1', 'f1'],
    ['f12', 'f12'],
    ['PgUp', 'pageup'],
    ['pagedown', 'pagedown'],
    ['shift+tab', 'shift+tab'],
    ['shift+ctrl+up', 'ctrl+shift+up'],
    ['?', '?'],
    ['Y', 'Y'],
    ['escape', 'esc'],
  ])('%s → %s', (text, key) => {
    expect(normaliseKey(text)).toEqual({ ok: true, key });
  });

  it('normalises to the names the terminal decoder produces', () => {
    for (const [text, raw] of [['ctrl+r', '\x12'], ['alt+b', '\x1bb'], ['alt+B', '\x1bB'], ['f1', '\x1bOP'], ['pageup', '\x1b[5~'], ['shift+tab', '\x1b[Z']]) {
      const parsed = normaliseKey(text!);
      expect(parsed.ok && parsed.key).toBe(decodeKey(raw!).name);
    }
  });

  it.each([
    ['ctrl+rr', 'expected a named key'],
    ['f13', 'expected a named key'],
    ['ctrl+ctrl+r', 'ctrl given twice'],
    ['ctrl+1', 'terminals only send Ctrl with a letter'],
    ['shift+a', 'write the shifted character itself (e.g. "A")'],
    ['', 'empty'],
    ['ctrl r', 'no spaces'],
  ])('rejects %j', (text, why) => {
    const parsed = normaliseKey(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(why);
  });
});
