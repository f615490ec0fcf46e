// The one keymap of the console: every binding is a row here, and the hint bar, the `?` help
// overlay and the key dispatcher all read this table, so what the screen says is what the keys do.
// Also decodes raw terminal input into normalised key names ('ctrl+r', 'shift+up', 'f1', 'y'),
// because Ink 6.8's useInput cannot tell Backspace (0x7f) from Delete (ESC[3~) nor report F-keys.

/** Where a binding applies. Each screen mode consults a chain of contexts, most specific first. */
export type KeyContext = 'confirm' | 'help' | 'popup' | 'search' | 'running' | 'shell' | 'pane' | 'global';

export type ActionId =
  | 'line.submit' | 'line.complete' | 'line.clear' | 'line.eofOrDelete'
  | 'cursor.left' | 'cursor.right' | 'cursor.home' | 'cursor.end' | 'cursor.wordLeft' | 'cursor.wordRight'
  | 'edit.backspace' | 'edit.deleteForward' | 'edit.killToStart' | 'edit.killToEnd' | 'edit.killWordBack'
  | 'edit.killPathWordBack' | 'edit.killWordForward' | 'edit.yank'
  | 'history.prev' | 'history.next' | 'history.search'
  | 'search.older' | 'search.accept' | 'search.abort'
  | 'popup.next' | 'popup.prev' | 'popup.accept' | 'popup.close'
  | 'command.cancel'
  | 'confirm.yes' | 'confirm.no'
  | 'help.open' | 'help.close' | 'help.up' | 'help.down' | 'help.pageUp' | 'help.pageDown'
  | 'scroll.pageUp' | 'scroll.pageDown' | 'scroll.lineUp' | 'scroll.lineDown' | 'scroll.top' | 'scroll.bottom'
  | 'view.clear' | 'focus.next' | 'focus.prev'
  | 'panes.toggle'
  | 'mode.pegasus';

export interface Binding {
  action: ActionId;
  keys: readonly string[];
  description: string;
  context: KeyContext;
  /** Short label for the bottom hint bar; bindings without one appear only in the help overlay. */
  hint?: string;
  /** Only when the input line is empty (`?` must stay typeable inside a command). */
  when?: 'emptyLine';
}

export const KEYMAP: readonly Binding[] = [
  // Input line (zkCli prompt). Ctrl-A/Ctrl-B are tmux/screen prefixes, so each has a plain-key twin.
  { context: 'shell', action: 'line.submit', keys: ['enter'], description: 'run the line', hint: 'run' },
  { context: 'shell', action: 'line.complete', keys: ['tab'], description: 'complete command, option or znode path', hint: 'complete' },
  { context: 'shell', action: 'history.search', keys: ['ctrl+r'], description: 'search history backwards (reverse-i-search)', hint: 'search' },
  { context: 'shell', action: 'line.clear', keys: ['ctrl+c'], description: 'clear the line (never quits)', hint: 'clear' },
  { context: 'shell', action: 'line.eofOrDelete', keys: ['ctrl+d'], description: 'delete the character under the cursor; quit on an empty line', hint: 'quit' },
  { context: 'shell', action: 'help.open', keys: ['?'], when: 'emptyLine', description: 'help (on an empty line; F1 anywhere)', hint: 'help' },
  { context: 'shell', action: 'history.prev', keys: ['up', 'ctrl+p'], description: 'previous history entry' },
  { context: 'shell', action: 'history.next', keys: ['down', 'ctrl+n'], description: 'next history entry (back to the draft)' },
  { context: 'shell', action: 'cursor.left', keys: ['left', 'ctrl+b'], description: 'cursor left' },
  { context: 'shell', action: 'cursor.right', keys: ['right', 'ctrl+f'], description: 'cursor right' },
  { context: 'shell', action: 'cursor.home', keys: ['home', 'ctrl+a'], description: 'start of line' },
  { context: 'shell', action: 'cursor.end', keys: ['end', 'ctrl+e'], description: 'end of line' },
  { context: 'shell', action: 'cursor.wordLeft', keys: ['alt+b', 'ctrl+left'], description: 'word left' },
  { context: 'shell', action: 'cursor.wordRight', keys: ['alt+f', 'ctrl+right'], description: 'word right' },
  { context: 'shell', action: 'edit.backspace', keys: ['backspace', 'ctrl+h'], description: 'delete the character before the cursor' },
  { context: 'shell', action: 'edit.deleteForward', keys: ['delete'], description: 'delete the character under the cursor' },
  { context: 'shell', action: 'edit.killToStart', keys: ['ctrl+u'], description: 'cut to start of line' },
  { context: 'shell', action: 'edit.killToEnd', keys: ['ctrl+k'], description: 'cut to end of line' },
  { context: 'shell', action: 'edit.killWordBack', keys: ['ctrl+w'], description: 'cut the previous whitespace-delimited word' },
  { context: 'shell', action: 'edit.killPathWordBack', keys: ['alt+backspace'], description: 'cut the previous word (stops at / in paths)' },
  { context: 'shell', action: 'edit.killWordForward', keys: ['alt+d'], description: 'cut the next word' },
  { context: 'shell', action: 'edit.yank', keys: ['ctrl+y'], description: 'paste the last cut text' },
  { context: 'shell', action: 'mode.pegasus', keys: ['f4'], description: 'Pegasus mode on/off (the >>> prompt; same as the `pegasus` command)' },

  // A command is running: the line stays editable (typeahead is never lost); Enter waits for it.
  { context: 'running', action: 'command.cancel', keys: ['ctrl+c'], description: 'cancel the running command', hint: 'cancel' },

  // Ctrl-R reverse-i-search.
  { context: 'search', action: 'search.older', keys: ['ctrl+r'], description: 'older match', hint: 'older' },
  { context: 'search', action: 'search.accept', keys: ['enter'], description: 'put the match on the line (does not run it)', hint: 'accept' },
  { context: 'search', action: 'search.abort', keys: ['esc', 'ctrl+g', 'ctrl+c'], description: 'abort and restore the line', hint: 'abort' },

  // Completion popup.
  { context: 'popup', action: 'popup.next', keys: ['tab', 'down'], description: 'next candidate', hint: 'next' },
  { context: 'popup', action: 'popup.prev', keys: ['shift+tab', 'up'], description: 'previous candidate', hint: 'prev' },
  { context: 'popup', action: 'popup.accept', keys: ['enter'], description: 'insert the candidate', hint: 'insert' },
  { context: 'popup', action: 'popup.close', keys: ['esc', 'ctrl+c'], description: 'close the popup', hint: 'close' },

  // Confirmation of a destructive command: default No.
  { context: 'confirm', action: 'confirm.yes', keys: ['y', 'Y'], description: 'yes, go ahead', hint: 'yes' },
  { context: 'confirm', action: 'confirm.no', keys: ['n', 'N', 'enter', 'esc', 'ctrl+c'], description: 'no (any other key too)', hint: 'no' },

  // Help overlay.
  { context: 'help', action: 'help.close', keys: ['esc', 'q', '?', 'f1'], description: 'close help', hint: 'close' },
  { context: 'help', action: 'help.up', keys: ['up', 'shift+up', 'k'], description: 'scroll help up' },
  { context: 'help', action: 'help.down', keys: ['down', 'shift+down', 'j'], description: 'scroll help down', hint: 'scroll' },
  { context: 'help', action: 'help.pageUp', keys: ['pageup'], description: 'page help up' },
  { context: 'help', action: 'help.pageDown', keys: ['pagedown', 'space'], description: 'page help down' },

  // Another pane has the focus (ensemble, timeline, checklist once they exist).
  { context: 'pane', action: 'focus.next', keys: ['tab'], description: 'focus the next pane' },
  { context: 'pane', action: 'focus.prev', keys: ['shift+tab'], description: 'focus the previous pane' },

  // Anywhere outside overlays.
  { context: 'global', action: 'scroll.pageUp', keys: ['pageup'], description: 'scroll the output one page up', hint: 'scroll' },
  { context: 'global', action: 'scroll.pageDown', keys: ['pagedown'], description: 'scroll the output one page down' },
  { context: 'global', action: 'scroll.lineUp', keys: ['shift+up', 'ctrl+up'], description: 'scroll the output one line up' },
  { context: 'global', action: 'scroll.lineDown', keys: ['shift+down', 'ctrl+down'], description: 'scroll the output one line down' },
  { context: 'global', action: 'scroll.top', keys: ['ctrl+home'], description: 'oldest output' },
  { context: 'global', action: 'scroll.bottom', keys: ['ctrl+end', 'end'], description: 'newest output, follow again (End: when the cursor is already at the line end)' },
  { context: 'global', action: 'view.clear', keys: ['ctrl+l'], description: 'clear the view (output is kept: PgUp brings it back)' },
  { context: 'global', action: 'help.open', keys: ['f1'], description: 'help: every key binding', hint: 'help' },
  { context: 'global', action: 'focus.next', keys: ['f6'], description: 'focus the next pane', hint: 'pane' },
  { context: 'global', action: 'focus.prev', keys: ['shift+f6'], description: 'focus the previous pane' },
  { context: 'global', action: 'panes.toggle', keys: ['f2'], description: 'show or hide the ensemble and timeline panels' },
];

/** The table in force: the defaults, with the settings' key-binding overrides applied. */
let activeKeymap: readonly Binding[] = KEYMAP;

/**
 * Settings' `keyBindings` (action id → keys, validated by src/profiles): each listed action gets
 * the given keys instead of its defaults, in every context; the hint bar and help follow.
 */
export function applyKeyBindings(overrides: Readonly<Record<string, readonly string[]>>): void {
  activeKeymap = KEYMAP.map((b) => {
    const keys = overrides[b.action];
    return keys ? { ...b, keys: [...keys] } : b;
  });
}

/** What the dispatcher and hint bar need to know about the moment. */
export interface KeyFacts {
  lineEmpty: boolean;
  /** More than one focusable pane: focus keys are worth a hint. */
  multiplePanes?: boolean;
  /** The terminal is too narrow for the side panes: the key that shows them comes early in the bar. */
  panesHidden?: boolean;
}

/** Actions bound to `key` in the chain, most specific context first (the dispatcher tries them in order). */
export function actionsFor(chain: readonly KeyContext[], key: string, facts: KeyFacts): ActionId[] {
  const out: ActionId[] = [];
  for (const context of chain) {
    for (const b of activeKeymap) {
      if (b.context !== context || !b.keys.includes(key)) continue;
      if (b.when === 'emptyLine' && !facts.lineEmpty) continue;
      if (!out.includes(b.action)) out.push(b.action);
    }
  }
  return out;
}

export interface Hint {
  keys: string;
  label: string;
}

/**
 * The hint bar: bindings with a hint label in the chain, in table order, first key only. A hint
 * whose key a more specific context takes over (Enter in the popup) is not shown.
 */
export function hintsFor(chain: readonly KeyContext[], facts: KeyFacts): Hint[] {
  const seen = new Set<string>();
  const hints: Hint[] = [];
  const shadowing = new Set<string>();
  for (const context of chain) {
    const own = activeKeymap.filter((b) => b.context === context && !(b.when === 'emptyLine' && !facts.lineEmpty));
    for (const b of own) {
      if (!b.hint || shadowing.has(b.keys[0]!)) continue;
      if (b.action.startsWith('focus.') && !facts.multiplePanes) continue;
      if (seen.has(b.hint)) continue;
      seen.add(b.hint);
      const keys = b.action === 'scroll.pageUp' ? 'PgUp/PgDn' : formatKey(b.keys[0]!, 'short');
      hints.push({ keys, label: b.hint });
    }
    for (const b of own) for (const k of b.keys) shadowing.add(k);
  }
  const toggleKey = facts.panesHidden ? activeKeymap.find((b) => b.action === 'panes.toggle')?.keys[0] : undefined;
  // Third, after Enter and Tab: at 80 columns the bar is full, and the checklist is behind this key.
  if (toggleKey && actionsFor(chain, toggleKey, facts)[0] === 'panes.toggle') {
    hints.splice(2, 0, { keys: formatKey(toggleKey, 'short'), label: 'panes' });
  }
  return hints;
}

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Anywhere',
  shell: 'Input line',
  running: 'While a command runs',
  search: 'History search (Ctrl-R)',
  popup: 'Completion popup',
  confirm: 'Confirmation prompt',
  help: 'This help',
  pane: 'Other panes',
};

const HELP_ORDER: readonly KeyContext[] = ['shell', 'global', 'running', 'search', 'popup', 'confirm', 'help', 'pane'];

export interface HelpSection {
  context: KeyContext;
  title: string;
  entries: { keys: string; description: string }[];
}

/** Every binding, grouped by context, for the `?` overlay. */
export function helpSections(): HelpSection[] {
  return HELP_ORDER.map((context) => ({
    context,
    title: CONTEXT_TITLES[context],
    entries: activeKeymap.filter((b) => b.context === context).map((b) => ({
      keys: b.keys.map((k) => formatKey(k, 'long')).join(' / '),
      description: b.description,
    })),
  }));
}

const LONG_NAMES: Record<string, string> = {
  enter: 'Enter', tab: 'Tab', esc: 'Esc', backspace: 'Backspace', delete: 'Delete', space: 'Space',
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', home: 'Home', end: 'End',
  pageup: 'PgUp', pagedown: 'PgDn', insert: 'Insert',
};

/** `ctrl+r` → `Ctrl-R` (help) or `^R` (hint bar); `shift+tab` → `Shift-Tab`; `f1` → `F1`. */
export function formatKey(name: string, style: 'long' | 'short'): string {
  const parts = name.split('+');
  const base = parts.pop()!;
  const baseLabel = LONG_NAMES[base] ?? (/^f\d+$/.test(base) ? base.toUpperCase() : base.length === 1 && parts.length > 0 ? base.toUpperCase() : base);
  if (style === 'short' && parts.length === 1 && parts[0] === 'ctrl' && base.length === 1) return `^${baseLabel}`;
  const mods = parts.map((m) => ({ ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift' })[m] ?? m);
  return [...mods, baseLabel].join('-');
}

// ---------------------------------------------------------------------------------------------
// Decoding raw terminal input (one Ink input event: a key, an escape sequence, or pasted text).

export interface KeyEvent {
  /** Normalised name: 'enter', 'ctrl+r', 'alt+b', 'shift+up', 'f1', 'delete', a single character
   * ('?', 'y'), 'space', 'paste' (several characters at once), or 'unknown' (ignored). */
  name: string;
  /** The text to insert for printable input and pastes; '' for other keys. */
  text: string;
}

const LETTER_KEYS: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };
const NUMBER_KEYS: Record<string, string> = {
  1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pageup', 6: 'pagedown', 7: 'home', 8: 'end',
  11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5', 17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10', 23: 'f11', 24: 'f12',
};
const RXVT_SHIFT: Record<string, string> = { a: 'up', b: 'down', c: 'right', d: 'left' };
const CONTROL = /[\u0000-\u001f\u007f]/;

/** xterm modifier parameter (1 + bits: 1 shift, 2 alt, 4 ctrl, 8 meta) → 'ctrl+alt+shift+' prefix. */
function modifierPrefix(param: number, extra: string[] = []): string {
  const bits = Math.max(0, param - 1);
  const mods = new Set(extra);
  if (bits & 4) mods.add('ctrl');
  if (bits & 2 || bits & 8) mods.add('alt');
  if (bits & 1) mods.add('shift');
  return ['ctrl', 'alt', 'shift'].filter((m) => mods.has(m)).map((m) => `${m}+`).join('');
}

function decodeEscape(raw: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^\x1b\[\[([A-E])$/.exec(raw))) return `f${'ABCDE'.indexOf(m[1]!) + 1}`; // Linux console F1-F5
  if ((m = /^\x1b\[(\d+)(?:;(\d+))?([~^$])$/.exec(raw))) {
    const base = NUMBER_KEYS[m[1]!];
    if (!base) return 'unknown';
    const extra = m[3] === '^' ? ['ctrl'] : m[3] === '$' ? ['shift'] : [];
    return modifierPrefix(Number(m[2] ?? 1), extra) + base;
  }
  if ((m = /^\x1b([[O])(?:1;)?(\d+)?([A-Za-z])$/.exec(raw))) {
    const [, intro, param, final] = m as unknown as [string, string, string | undefined, string];
    if (final === 'Z' && intro === '[') return 'shift+tab';
    if (RXVT_SHIFT[final]) return `${intro === 'O' ? 'ctrl' : 'shift'}+${RXVT_SHIFT[final]}`;
    const base = LETTER_KEYS[final];
    return base ? modifierPrefix(Number(param ?? 1)) + base : 'unknown';
  }
  if ((m = /^\x1b\x1b(\[.*|O.)$/.exec(raw))) {
    // Old-style Alt+special key: ESC followed by the key's own sequence.
    const inner = decodeEscape(`\x1b${m[1]}`);
    return inner === 'unknown' || inner.includes('alt+') ? inner : `alt+${inner}`;
  }
  return 'unknown';
}

export function decodeKey(raw: string): KeyEvent {
  const key = (name: string): KeyEvent => ({ name, text: '' });
  if (raw === '\r' || raw === '\n') return key('enter');
  if (raw === '\t') return key('tab');
  if (raw === '\x7f' || raw === '\b') return key(raw === '\b' ? 'ctrl+h' : 'backspace');
  if (raw === '\x1b' || raw === '\x1b\x1b') return key('esc');
  if (raw === '\x1b\x7f' || raw === '\x1b\b') return key('alt+backspace');
  if (raw === ' ') return { name: 'space', text: ' ' };
  if (raw === '\x00') return key('ctrl+space');
  if (raw.length === 1 && raw < ' ') return key(`ctrl+${String.fromCharCode(raw.charCodeAt(0) + 96)}`);
  if (raw.startsWith('\x1b')) {
    const rest = raw.slice(1);
    if ([...rest].length === 1 && !CONTROL.test(rest)) return key(`alt+${rest.toLowerCase() === rest ? rest : `shift+${rest.toLowerCase()}`}`);
    return key(decodeEscape(raw));
  }
  if ([...raw].length === 1 && !CONTROL.test(raw)) return { name: raw, text: raw };
  // Several characters in one event: a paste (Ink 6.8 has no bracketed paste) or fast typing.
  return { name: 'paste', text: raw };
}
