// Raw terminal input → normalised key names ('ctrl+r', 'shift+up', 'f1', 'y'), because Ink 6.8's
// useInput cannot tell Backspace (0x7f) from Delete (ESC[3~) nor report F-keys. The names are
// those the keymap's rows and the settings' key bindings use (src/profiles/keyBinding.ts).
//
// One read can hold several keys (`tmux send-keys "ls /" Enter`, fast typing over a laggy link, a
// line copied with its newline): InputDecoder splits it into events, so a line break is an Enter
// wherever the read boundaries fall. Only a bracketed paste (ESC[200~ … ESC[201~, which the TUI
// asks the terminal for) is a 'paste'.

export interface KeyEvent {
  /** Normalised name: 'enter', 'ctrl+r', 'alt+b', 'shift+up', 'f1', 'delete', a single character
   * ('?', 'y'), 'space', 'text' (several printable characters typed in one read), 'paste' (a
   * bracketed paste: its text, line breaks included), or 'unknown' (ignored). */
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
  // Several printable characters in one read: typing (a paste is only what the terminal brackets).
  return { name: 'text', text: raw };
}

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';
/** A paste larger than this ends there (a terminal that never sends the end marker must not swallow input). */
const MAX_PASTE = 1 << 20;

// One key in a read: ESC ESC-sequences (old Alt+special), CSI (with the Linux console's ESC[[A),
// SS3, ESC + one character (Alt+key), a lone ESC, CR LF (one Enter), one control character, or a
// run of printable text.
const TOKEN = /\x1b\x1b(?:\[\[?[0-?]*[ -/]*[@-~]|O.)|\x1b\[\[?[0-?]*[ -/]*[@-~]|\x1bO.|\x1b[^]?|\r\n|[\u0000-\u001f\u007f]|[^\u0000-\u001f\u007f\x1b]+/gu;

/**
 * Turns reads (Ink's 'input' events, or raw chunks) into key events, in order. Stateful only for
 * a bracketed paste, which may span reads: its text is kept until the end marker arrives.
 */
export class InputDecoder {
  private paste: string | null = null;

  /** True while a bracketed paste has started and not yet ended. */
  get inPaste(): boolean {
    return this.paste !== null;
  }

  push(raw: string): KeyEvent[] {
    const out: KeyEvent[] = [];
    let rest = raw;
    while (rest.length > 0) {
      if (this.paste !== null) {
        const buffered = this.paste + rest;
        const end = buffered.indexOf(PASTE_END);
        if (end < 0 && buffered.length < MAX_PASTE) {
          this.paste = buffered;
          return out;
        }
        const cut = end < 0 ? buffered.length : end;
        out.push({ name: 'paste', text: buffered.slice(0, cut) });
        this.paste = null;
        rest = end < 0 ? '' : buffered.slice(end + PASTE_END.length);
        continue;
      }
      const start = rest.indexOf(PASTE_START);
      const keys = start < 0 ? rest : rest.slice(0, start);
      for (const m of keys.matchAll(TOKEN)) out.push(m[0] === '\r\n' ? { name: 'enter', text: '' } : decodeKey(m[0]));
      if (start < 0) return out;
      this.paste = '';
      rest = rest.slice(start + PASTE_START.length);
    }
    return out;
  }
}
