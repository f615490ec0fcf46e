import { describe, expect, it } from 'vitest';
import { checkSettings, defaultSettings, keymapActionIds, NUMERIC_SETTINGS } from '../../src/profiles/settings.js';
import { KEYMAP } from '../../src/profiles/keyTable.js';
import { useTempXdg } from './helpers.js';

const home = useTempXdg();

describe('settings', () => {
  it('defaults: poll 1s, 10000 lines of scrollback, 1000 history entries, sessions under XDG_DATA_HOME', () => {
    expect(defaultSettings()).toEqual({
      pollIntervalMs: 1000,
      scrollbackLines: 10000,
      historySize: 1000,
      callTimeoutMs: 10000,
      connectTimeoutMs: 10000,
      sessionsDir: `${home().dataHome}/zkpilot/sessions`,
      keyBindings: {},
    });
  });

  it('takes every valid value, normalising keys and expanding ~', () => {
    const { settings, problems } = checkSettings({
      pollIntervalMs: 200, scrollbackLines: 50000, historySize: 0, callTimeoutMs: 5000, connectTimeoutMs: 3000,
      sessionsDir: '~/zk-sessions', keyBindings: { 'history.search': 'Ctrl-S', 'help.open': ['F1', '?'] },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      pollIntervalMs: 200, scrollbackLines: 50000, historySize: 0, callTimeoutMs: 5000, connectTimeoutMs: 3000,
      sessionsDir: `${process.env.HOME}/zk-sessions`, keyBindings: { 'history.search': ['ctrl+s'], 'help.open': ['f1', '?'] },
    });
  });

  it.each([
    [{ pollIntervalMs: 199 }, 'settings.pollIntervalMs: must be a whole number 200..60000, got 199; default 1000 kept'],
    [{ pollIntervalMs: 60001 }, 'settings.pollIntervalMs: must be a whole number 200..60000, got 60001; default 1000 kept'],
    [{ scrollbackLines: '5000' }, 'settings.scrollbackLines: must be a whole number 100..1000000, got "5000"; default 10000 kept'],
    [{ historySize: 1.5 }, 'settings.historySize: must be a whole number 0..100000, got 1.5; default 1000 kept'],
    [{ sessionsDir: 'relative/dir' }, /^settings\.sessionsDir: must be an absolute path \(or ~\/…\), got "relative\/dir"; default .*\/zkpilot\/sessions kept$/],
    [{ keyBindings: { 'history.search': 'ctrl+1' } }, 'settings.keyBindings["history.search"]: "ctrl+1" is not a key: terminals only send Ctrl with a letter (ctrl+a … ctrl+z), a named key or an F-key; default kept'],
    [{ keyBindings: { 'history.search': [] } }, 'settings.keyBindings["history.search"]: must be a key or a list of keys, got []; default kept'],
    [{ keyBindings: { 'launch.missiles': 'f9' } }, 'settings.keyBindings["launch.missiles"]: unknown action (see the F1 help for action names); ignored'],
    [{ keyBindings: 'ctrl+r' }, 'settings.keyBindings: must be an object of action → key(s), got "ctrl+r"; defaults kept'],
    [{ pollInterval: 500 }, 'settings.pollInterval: unknown setting (known: pollIntervalMs, scrollbackLines, historySize, callTimeoutMs, connectTimeoutMs, sessionsDir, keyBindings); ignored'],
  ])('rejects %j in one line naming the key and keeps the default', (raw, problem) => {
    const { settings, problems } = checkSettings(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
    expect(settings).toEqual(defaultSettings());
  });

  it('keeps the other settings when one is bad', () => {
    const { settings, problems } = checkSettings({ pollIntervalMs: 5, historySize: 42, keyBindings: { 'history.search': 'bogus key', 'view.clear': 'f5' } });
    expect(problems).toHaveLength(2);
    expect(settings).toMatchObject({ pollIntervalMs: 1000, historySize: 42, keyBindings: { 'view.clear': ['f5'] } });
  });

  it('validates action ids against the list it is given, by default the keymap', () => {
    expect(keymapActionIds()).toEqual([...new Set(KEYMAP.map((b) => b.action))]);
    expect(checkSettings({ keyBindings: { 'pane.zoom': 'f11' } }, ['pane.zoom']).settings.keyBindings).toEqual({ 'pane.zoom': ['f11'] });
    expect(checkSettings({ keyBindings: { 'history.search': 'f11' } }, ['pane.zoom']).problems).toHaveLength(1);
  });

  it('has sane ranges around every default', () => {
    for (const rule of Object.values(NUMERIC_SETTINGS)) expect(rule.min <= rule.default && rule.default <= rule.max).toBe(true);
  });
});
