// `?` / F1: every binding of the keymap, grouped by context, scrollable. Nothing here is written
// by hand: add a row to the keymap and it appears.
import { Box, Text } from 'ink';
import { helpSections } from '../shell/keymap.js';

interface HelpLine {
  kind: 'title' | 'entry' | 'blank';
  keys?: string;
  text: string;
}

function helpLines(): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of helpSections()) {
    if (lines.length > 0) lines.push({ kind: 'blank', text: '' });
    lines.push({ kind: 'title', text: section.title });
    for (const e of section.entries) lines.push({ kind: 'entry', keys: e.keys, text: e.description });
  }
  return lines;
}

const LINES = helpLines();
const KEYS_WIDTH = Math.min(30, Math.max(...LINES.map((l) => (l.keys ?? '').length)) + 2);

export function helpLineCount(): number {
  return LINES.length;
}

export function HelpOverlay({ width, height, scroll }: { width: number; height: number; scroll: number }) {
  const visible = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(scroll, LINES.length - visible));
  const shown = LINES.slice(top, top + visible);
  const more = LINES.length - (top + shown.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        Key bindings <Text dimColor>— Esc, q or ? closes · ↑/↓ PgUp/PgDn scroll{more > 0 ? ` · ${more} more below` : ''}</Text>
      </Text>
      {shown.map((line, i) =>
        line.kind === 'title' ? (
          <Text key={top + i} bold underline wrap="truncate-end">
            {line.text}
          </Text>
        ) : (
          <Text key={top + i} wrap="truncate-end">
            {line.kind === 'entry' ? `  ${(line.keys ?? '').padEnd(KEYS_WIDTH)}` : ' '}
            <Text dimColor={line.kind === 'entry'}>{line.text}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}
