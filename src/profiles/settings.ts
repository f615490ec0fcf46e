// Settings: defaults, ranges and the lenient validation hand-edited files need — a bad value is
// reported in one line naming the key, and that key keeps its default while the rest still apply.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
// The keymap's table is plain data (no Ink, no React): reading its action ids keeps the TUI out.
import { KEY_ACTIONS } from './keyTable.js';
import { xdg } from '../app/xdgPaths.js';
import { normaliseKey } from './keyBinding.js';
import type { Settings } from './types.js';

export interface NumericSettingRule {
  default: number;
  min: number;
  max: number;
  what: string;
}

/** One table for defaults, ranges and help text; the JSON schema is built from it too. */
export const NUMERIC_SETTINGS = {
  pollIntervalMs: { default: 1000, min: 200, max: 60_000, what: 'how often the ensemble panel polls every server' },
  scrollbackLines: { default: 10_000, min: 100, max: 1_000_000, what: 'output lines kept for PgUp' },
  historySize: { default: 1000, min: 0, max: 100_000, what: 'command lines kept in history per cluster' },
  callTimeoutMs: { default: 10_000, min: 100, max: 600_000, what: 'how long one ZooKeeper call may take' },
  connectTimeoutMs: { default: 10_000, min: 100, max: 600_000, what: 'how long to wait for the first connection' },
} as const satisfies Record<string, NumericSettingRule>;

export type NumericSettingKey = keyof typeof NUMERIC_SETTINGS;
export const SETTING_KEYS = [...(Object.keys(NUMERIC_SETTINGS) as NumericSettingKey[]), 'sessionsDir', 'keyBindings'] as const;

/** The action ids the keymap knows today; callers (and tests) may pass another list. */
export function keymapActionIds(): string[] {
  return [...KEY_ACTIONS];
}

export function defaultSettings(): Settings {
  const numbers = Object.fromEntries(Object.entries(NUMERIC_SETTINGS).map(([k, rule]) => [k, rule.default])) as Record<NumericSettingKey, number>;
  return { ...numbers, sessionsDir: join(xdg.data(), 'sessions'), keyBindings: {} };
}

/** `~/x` → `$HOME/x`; other relative paths are refused (they would depend on where zkpilot starts). */
export function expandHomePath(path: string): string | null {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : null;
}

export interface SettingsCheck {
  settings: Settings;
  /** One line per rejected key, in file order; each names the key and says the default is kept. */
  problems: string[];
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Checks one key binding entry: the normalised keys, or the problem line naming the action. */
export function checkKeyBinding(action: string, value: unknown, validActions: readonly string[]): { keys: string[] } | { problem: string } {
  const where = `settings.keyBindings["${action}"]`;
  if (!validActions.includes(action)) return { problem: `${where}: unknown action (see the F1 help for action names); ignored` };
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((k) => typeof k !== 'string')) {
    return { problem: `${where}: must be a key or a list of keys, got ${describe(value)}; default kept` };
  }
  const keys: string[] = [];
  for (const raw of list as string[]) {
    const parsed = normaliseKey(raw);
    if (!parsed.ok) return { problem: `${where}: ${parsed.error}; default kept` };
    if (!keys.includes(parsed.key)) keys.push(parsed.key);
  }
  return { keys };
}

/** Validates the `settings` object of the file key by key; never throws. */
export function checkSettings(raw: unknown, validActions: readonly string[] = keymapActionIds()): SettingsCheck {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, problems: [`settings: must be an object, got ${describe(raw)}; defaults kept`] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key in NUMERIC_SETTINGS) {
      const rule: NumericSettingRule = NUMERIC_SETTINGS[key as NumericSettingKey];
      if (typeof value === 'number' && Number.isInteger(value) && value >= rule.min && value <= rule.max) {
        settings[key as NumericSettingKey] = value;
      } else {
        problems.push(`settings.${key}: must be a whole number ${rule.min}..${rule.max}, got ${describe(value)}; default ${rule.default} kept`);
      }
    } else if (key === 'sessionsDir') {
      const dir = typeof value === 'string' ? expandHomePath(value) : null;
      if (dir !== null) settings.sessionsDir = dir;
      else problems.push(`settings.sessionsDir: must be an absolute path (or ~/…), got ${describe(value)}; default ${settings.sessionsDir} kept`);
    } else if (key === 'keyBindings') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`settings.keyBindings: must be an object of action → key(s), got ${describe(value)}; defaults kept`);
        continue;
      }
      for (const [action, keys] of Object.entries(value as Record<string, unknown>)) {
        const checked = checkKeyBinding(action, keys, validActions);
        if ('keys' in checked) settings.keyBindings[action] = checked.keys;
        else problems.push(checked.problem);
      }
    } else {
      problems.push(`settings.${key}: unknown setting (known: ${SETTING_KEYS.join(', ')}); ignored`);
    }
  }
  return { settings, problems };
}
