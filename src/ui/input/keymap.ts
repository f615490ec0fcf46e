// A Keymap is the default table (src/profiles/keyTable.ts) with the settings' overrides applied: a value built
// once per screen and handed down, never a global that settings mutate. Everything that names a
// key on screen asks it (hint bars, help, flashes, status lines), so a remapped key changes them all.
import { KEYMAP, type ActionId, type Binding, type KeyContext } from '../../profiles/keyTable.js';

export { KEYMAP, KEY_ACTIONS, type ActionId, type Binding, type KeyContext } from '../../profiles/keyTable.js';

/** What the dispatcher and hint bar need to know about the moment. */
export interface KeyFacts {
  lineEmpty: boolean;
  /** More than one focusable pane: focus keys are worth a hint. */
  multiplePanes?: boolean;
  /** The terminal is too narrow for the side panes: the key that shows them comes early in the bar. */
  panesHidden?: boolean;
}

export interface Hint {
  keys: string;
  label: string;
}

export interface HelpSection {
  context: KeyContext;
  title: string;
  entries: { keys: string; description: string; action: ActionId }[];
}

/** How a key is written: help (`Ctrl-R`), the console's hint bar (`^R`), the viewers' status line (`←`, `space`). */
export type KeyStyle = 'long' | 'short' | 'glyph';

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Anywhere',
  shell: 'Input line',
  running: 'While a command runs',
  search: 'History search (Ctrl-R)',
  popup: 'Completion popup',
  confirm: 'Confirmation prompt',
  help: 'This help',
  pane: 'Other panes',
  timeline: 'Event timeline (focused)',
  replay: 'Replay',
  viewer: 'Replay and follow',
};

const HELP_ORDER: readonly KeyContext[] = ['shell', 'global', 'running', 'search', 'popup', 'confirm', 'help', 'pane', 'timeline', 'replay', 'viewer'];

/** Settings' `keyBindings`: action id → the keys that replace its defaults, in every context. */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

export class Keymap {
  readonly bindings: readonly Binding[];

  constructor(overrides: KeyOverrides = {}) {
    this.bindings = KEYMAP.map((b) => {
      const keys = overrides[b.action];
      return keys && keys.length > 0 ? { ...b, keys: [...keys] } : b;
    });
  }

  /** Actions bound to `key` in the chain, most specific context first (the dispatcher tries them in order). */
  actionsFor(chain: readonly KeyContext[], key: string, facts: KeyFacts = { lineEmpty: true }): ActionId[] {
    const out: ActionId[] = [];
    for (const context of chain) {
      for (const b of this.bindings) {
        if (b.context !== context || !b.keys.includes(key)) continue;
        if (b.when === 'emptyLine' && !facts.lineEmpty) continue;
        if (!out.includes(b.action)) out.push(b.action);
      }
    }
    return out;
  }

  /** The keys of an action (in `context`, or its first row). */
  keysOf(action: ActionId, context?: KeyContext): readonly string[] {
    return this.bindings.find((b) => b.action === action && (!context || b.context === context))?.keys ?? [];
  }

  /** The label of an action's first key, as messages name it ("Ctrl-C cancels it"). */
  label(action: ActionId, style: KeyStyle = 'long', context?: KeyContext): string {
    const key = this.keysOf(action, context)[0];
    return key ? formatKey(key, style) : '(unbound)';
  }

  /** All of an action's keys, e.g. `End or Ctrl-End`. */
  labels(action: ActionId, separator: string, style: KeyStyle = 'long', context?: KeyContext): string {
    return this.keysOf(action, context).map((k) => formatKey(k, style)).join(separator);
  }

  /**
   * A hint bar: bindings with a hint label in the chain, in table order, first key only. A hint
   * whose key a more specific context takes over (Enter in the popup) is not shown.
   */
  hintsFor(chain: readonly KeyContext[], facts: KeyFacts = { lineEmpty: true }, style: KeyStyle = 'short'): Hint[] {
    const seen = new Set<string>();
    const hints: Hint[] = [];
    const shadowing = new Set<string>();
    for (const context of chain) {
      const own = this.bindings.filter((b) => b.context === context && !(b.when === 'emptyLine' && !facts.lineEmpty));
      for (const b of own) {
        if (!b.hint || shadowing.has(b.keys[0]!)) continue;
        if (b.action.startsWith('focus.') && !facts.multiplePanes) continue;
        if (seen.has(b.hint)) continue;
        seen.add(b.hint);
        const keys = b.hintWith ? `${formatKey(b.keys[0]!, style)}/${this.label(b.hintWith, style, context)}` : formatKey(b.keys[0]!, style);
        hints.push({ keys, label: b.hint });
      }
      for (const b of own) for (const k of b.keys) shadowing.add(k);
    }
    const toggleKey = facts.panesHidden ? this.keysOf('panes.toggle')[0] : undefined;
    // Third, after Enter and Tab: at 80 columns the bar is full, and the checklist is behind this key.
    if (toggleKey && this.actionsFor(chain, toggleKey, facts)[0] === 'panes.toggle') {
      hints.splice(2, 0, { keys: formatKey(toggleKey, style), label: 'panes' });
    }
    return hints;
  }

  /** The read-only viewers' status line: `space pause · ←/→ event · … · q quit`. */
  hintLine(chain: readonly KeyContext[]): string {
    return this.hintsFor(chain, { lineEmpty: true }, 'glyph').map((h) => `${h.keys} ${h.label}`).join(' · ');
  }

  /** Every binding, grouped by context, for the `?` overlay. */
  helpSections(): HelpSection[] {
    return HELP_ORDER.map((context) => ({
      context,
      title: CONTEXT_TITLES[context],
      entries: this.bindings.filter((b) => b.context === context).map((b) => ({
        keys: b.keys.map((k) => formatKey(k, 'long')).join(' / '),
        description: b.description,
        action: b.action,
      })),
    }));
  }
}

/** Builds the keymap a screen uses from the settings' key bindings (already validated by src/profiles). */
export function buildKeymap(overrides: KeyOverrides = {}): Keymap {
  return new Keymap(overrides);
}

/** The defaults, for screens started without settings (tests, `zkpilot replay` without a profile). */
export const DEFAULT_KEYMAP: Keymap = buildKeymap();

const LONG_NAMES: Record<string, string> = {
  enter: 'Enter', tab: 'Tab', esc: 'Esc', backspace: 'Backspace', delete: 'Delete', space: 'Space',
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', home: 'Home', end: 'End',
  pageup: 'PgUp', pagedown: 'PgDn', insert: 'Insert',
};
const GLYPHS: Record<string, string> = { up: '↑', down: '↓', left: '←', right: '→', space: 'space' };

/** `ctrl+r` → `Ctrl-R` (long) or `^R` (short); `shift+tab` → `Shift-Tab`; `f1` → `F1`; `left` → `←` (glyph). */
export function formatKey(name: string, style: KeyStyle): string {
  if (style === 'glyph' && GLYPHS[name]) return GLYPHS[name];
  // `+` is a key of its own (replay's faster), so split off modifiers only.
  const parts = /^((?:ctrl|alt|shift)\+)*/.exec(name)![0].split('+').filter(Boolean);
  const base = name.slice(parts.reduce((n, m) => n + m.length + 1, 0));
  const baseLabel = LONG_NAMES[base] ?? (/^f\d+$/.test(base) ? base.toUpperCase() : base.length === 1 && parts.length > 0 ? base.toUpperCase() : base);
  if (style !== 'long' && parts.length === 1 && parts[0] === 'ctrl' && base.length === 1) return `^${baseLabel}`;
  const mods = parts.map((m) => ({ ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift' })[m] ?? m);
  return [...mods, baseLabel].join('-');
}
