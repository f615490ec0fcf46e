// The shell's scrollback: only the visible window is rendered, rows pre-wrapped to the pane width.
// Scrolled up, the last row says how much newer output waits below, and new output does not move
// the view.
import { useEffect } from 'react';
import { Box, Text } from 'ink';
import type { ConsoleStore } from '../app/consoleStore.js';
import { toneStyle, useTheme } from './theme.js';

export interface ShellPaneProps {
  model: ConsoleStore;
  width: number;
  height: number;
}

export function ShellPane({ model, width, height }: ShellPaneProps) {
  const theme = useTheme();
  useEffect(() => model.setViewport(width, height), [model, width, height]);
  const view = model.window(width, height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {view.rows.map((row) => (
        <Text key={row.key} wrap="truncate-end" {...toneStyle(theme, row.tone, row.stream)}>
          {row.text.length > 0 ? row.text : ' '}
        </Text>
      ))}
      {view.below > 0 ? (
        <Box flexGrow={1} alignItems="flex-end">
          <Text inverse wrap="truncate-end">
            {` ↓ ${view.below} more line${view.below === 1 ? '' : 's'} — End or Ctrl-End to follow `}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
