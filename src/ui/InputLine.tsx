// The bottom input line in its four guises: zkCli's prompt with the line being edited, the
// reverse-i-search line, "running…" while a command runs, and the y/N confirmation.
import { Box, Text } from 'ink';
import type { ConsoleState } from './console/consoleStore.js';
import { useKeymap } from './input/KeymapContext.js';
import { charWidth, displayWidth } from '../util/scrollback.js';
import { useTheme } from './theme.js';

export function InputLine({ state, width }: { state: ConsoleState; width: number }) {
  const theme = useTheme();
  const keymap = useKeymap();
  if (state.confirm) {
    return (
      <Box width={width} height={1} overflow="hidden">
        <Text wrap="truncate-start" bold color={theme.color ? 'yellow' : undefined}>
          {`⚠ ${state.confirm.question} [y/N] `}
          <Text inverse> </Text>
        </Text>
      </Box>
    );
  }
  if (state.busy && state.editor.text.length === 0 && !state.editor.search) {
    return (
      <Box width={width} height={1}>
        <Text dimColor wrap="truncate-end">
          {`running… (${keymap.label('command.cancel')} to cancel)`}
        </Text>
      </Box>
    );
  }
  const { editor } = state;
  const search = editor.search;
  // Typeahead while a command runs: the typed text shows after a running marker, not the prompt.
  const label = search
    ? `(${search.failed ? 'failed ' : ''}reverse-i-search)'${search.query}': `
    : state.busy
      ? 'running… (Enter waits) '
      : fitPrompt(state.prompt, Math.floor(width / 2));
  const view = cursorWindow(editor.text, editor.cursor, width - displayWidth(label) - 1);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text dimColor={!!search}>{label}</Text>
        {view.before}
        <Text inverse>{view.at || ' '}</Text>
        {view.after}
      </Text>
    </Box>
  );
}

/** A connect string of five hosts makes a long prompt: keep its end (state and count). */
function fitPrompt(prompt: string, max: number): string {
  if (displayWidth(prompt) <= max) return prompt;
  const chars = [...prompt];
  let out = '';
  for (let i = chars.length - 1; i >= 0 && displayWidth(out) + charWidth(chars[i]!.codePointAt(0)!) < max; i--) out = chars[i] + out;
  return `…${out}`;
}

/** The slice of the line that fits in `room` columns with the cursor visible. */
function cursorWindow(text: string, cursor: number, room: number): { before: string; at: string; after: string } {
  const before = [...text.slice(0, cursor)];
  const rest = [...text.slice(cursor)];
  const at = rest.shift() ?? '';
  let shown = before;
  let w = displayWidth(before.join(''));
  while (shown.length > 0 && w + 1 > room) {
    w -= charWidth(shown[0]!.codePointAt(0)!);
    shown = shown.slice(1);
  }
  let after = '';
  let used = w + Math.max(1, displayWidth(at));
  for (const ch of rest) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (used + cw > room) break;
    after += ch;
    used += cw;
  }
  return { before: shown.join(''), at, after };
}
