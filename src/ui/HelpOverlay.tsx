// `?` / F1: every binding of the keymap in force, grouped by context, scrollable. Nothing here is
// written by hand: add a row to the keymap (or remap a key in the settings) and it shows. Each
// row ends with its action id, the name settings.keyBindings use to remap it.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useKeymap } from './input/KeymapContext.js';
import { formatKey, type Keymap } from './input/keymap.js';

interface HelpLine {
  kind: 'title' | 'entry' | 'blank';
  keys?: string;
  text: string;
  /** The action id the settings' keyBindings name to remap it. */
  action?: string;
}

function helpLines(keymap: Keymap): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of keymap.helpSections()) {
    if (lines.length > 0) lines.push({ kind: 'blank', text: '' });
    lines.push({ kind: 'title', text: section.title });
    for (const e of section.entries) lines.push({ kind: 'entry', keys: e.keys, text: e.description, action: e.action });
  }
  return lines;
}

// Keymaps are built once per screen: their help is laid out once too.
const LAYOUTS = new WeakMap<Keymap, { lines: HelpLine[]; keysWidth: number; title: string }>();

function layoutOf(keymap: Keymap) {
  let layout = LAYOUTS.get(keymap);
  if (!layout) {
    const lines = helpLines(keymap);
    const keysWidth = Math.min(30, Math.max(...lines.map((l) => (l.keys ?? '').length)) + 2);
    layout = { lines, keysWidth, title: titleHint(keymap) };
    LAYOUTS.set(keymap, layout);
  }
  return layout;
}

/** `Esc, q, ? or F1 closes · ↑/↓ PgUp/PgDn scroll`, from the help context's rows. */
function titleHint(keymap: Keymap): string {
  const close = keymap.keysOf('help.close', 'help').map((k) => formatKey(k, 'long'));
  const closeText = close.length > 1 ? `${close.slice(0, -1).join(', ')} or ${close.at(-1)}` : (close[0] ?? '');
  const line = `${keymap.label('help.up', 'glyph', 'help')}/${keymap.label('help.down', 'glyph', 'help')}`;
  const page = `${keymap.label('help.pageUp', 'glyph', 'help')}/${keymap.label('help.pageDown', 'glyph', 'help')}`;
  return `${closeText} closes · ${line} ${page} scroll`;
}

export function helpLineCount(keymap: Keymap): number {
  return layoutOf(keymap).lines.length;
}

export function HelpOverlay({ width, height, scroll }: { width: number; height: number; scroll: number }) {
  const keymap = useKeymap();
  const { lines, keysWidth, title } = useMemo(() => layoutOf(keymap), [keymap]);
  const visible = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(scroll, lines.length - visible));
  const shown = lines.slice(top, top + visible);
  const more = lines.length - (top + shown.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        Key bindings <Text dimColor>— {title}{more > 0 ? ` · ${more} more below` : ''}</Text>
      </Text>
      {shown.map((line, i) =>
        line.kind === 'title' ? (
          <Text key={top + i} bold underline wrap="truncate-end">
            {line.text}
          </Text>
        ) : (
          <Text key={top + i} wrap="truncate-end">
            {line.kind === 'entry' ? `  ${(line.keys ?? '').padEnd(keysWidth)}` : ' '}
            <Text dimColor={line.kind === 'entry'}>{line.text}</Text>
            {line.action ? <Text dimColor>{`  [${line.action}]`}</Text> : null}
          </Text>
        ),
      )}
    </Box>
  );
}
