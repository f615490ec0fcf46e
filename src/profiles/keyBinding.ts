// Key names in settings (`ctrl+r`, `alt+b`, `f1`, `pageup`, `shift+tab`, `?`), checked and
// normalised to the names src/ui/input/decodeKey.ts produces, so an override binds to what
// the terminal actually sends. `Ctrl-R` (the help overlay's spelling) is accepted too.

const NAMED_KEYS = new Set([
  'enter', 'tab', 'esc', 'backspace', 'delete', 'space', 'insert',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown',
]);
const ALIASES: Record<string, string> = {
  escape: 'esc', return: 'enter', del: 'delete', ins: 'insert', pgup: 'pageup', pgdn: 'pagedown',
  pagedn: 'pagedown', 'page-up': 'pageup', 'page-down': 'pagedown', bs: 'backspace',
};
const MODIFIER_ALIASES: Record<string, 'ctrl' | 'alt' | 'shift'> = {
  ctrl: 'ctrl', control: 'ctrl', c: 'ctrl', alt: 'alt', meta: 'alt', m: 'alt', option: 'alt', shift: 'shift', s: 'shift',
};
const MODIFIER_ORDER = ['ctrl', 'alt', 'shift'] as const;
const FUNCTION_KEY = /^f([1-9]|1[0-2])$/;

export type KeyParse = { ok: true; key: string } | { ok: false; error: string };

function splitModifiers(text: string): { modifiers: string[]; base: string } {
  const modifiers: string[] = [];
  let rest = text;
  for (;;) {
    const m = /^([A-Za-z]+)[+-](.+)$/.exec(rest);
    if (!m || !(m[1]!.toLowerCase() in MODIFIER_ALIASES)) break;
    modifiers.push(m[1]!.toLowerCase());
    rest = m[2]!;
  }
  return { modifiers, base: rest };
}

/** `Ctrl-R` → `ctrl+r`; `alt+B` → `alt+shift+b`; `PgUp` → `pageup`; or one line saying why not. */
export function normaliseKey(text: string): KeyParse {
  const bad = (why: string): KeyParse => ({ ok: false, error: `"${text}" is not a key: ${why}` });
  if (text === '') return bad('empty');
  if (text.length > 1 && /\s/.test(text)) return bad('no spaces (write space for the space bar)');
  const { modifiers: rawModifiers, base: rawBase } = splitModifiers(text);
  const mods = new Set<string>();
  for (const m of rawModifiers) {
    const canonical = MODIFIER_ALIASES[m]!;
    if (mods.has(canonical)) return bad(`${canonical} given twice`);
    mods.add(canonical);
  }
  let base: string;
  const lower = rawBase.toLowerCase();
  if (NAMED_KEYS.has(lower) || FUNCTION_KEY.test(lower)) base = lower;
  else if (ALIASES[lower]) base = ALIASES[lower]!;
  else if ([...rawBase].length === 1 && rawBase > ' ' && rawBase !== '\u007f') {
    base = rawBase;
    const isLetter = /^[A-Za-z]$/.test(base);
    if (mods.has('ctrl') && !isLetter) return bad('terminals only send Ctrl with a letter (ctrl+a … ctrl+z), a named key or an F-key');
    if (mods.has('shift') && !mods.has('alt') && !mods.has('ctrl')) return bad(`write the shifted character itself (e.g. "${base.toUpperCase()}")`);
    if (mods.has('ctrl')) base = base.toLowerCase();
    // decodeKey reports ESC+uppercase as alt+shift+letter.
    if (mods.has('alt') && isLetter && base !== base.toLowerCase()) {
      mods.add('shift');
      base = base.toLowerCase();
    }
  } else {
    return bad('expected a named key (enter, tab, esc, up, pageup, …), f1..f12 or one character, with ctrl+/alt+/shift+ in front');
  }
  const prefix = MODIFIER_ORDER.filter((m) => mods.has(m)).map((m) => `${m}+`).join('');
  return { ok: true, key: prefix + base };
}
