// A window of scrollback rows, pre-wrapped to the width, and the "newer output below" line when
// scrolled up: the console's shell pane and the replay/follow viewers render the same way.
import { Box, Text } from 'ink';
import type { ViewWindow } from '../util/scrollback.js';
import { toneStyle, useTheme } from './theme.js';

export function ScrollbackView({ view, width, height, followHint }: { view: ViewWindow; width: number; height: number; followHint: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {view.rows.map((row) => (
        <Text key={row.key} wrap="truncate-end" {...toneStyle(theme, row.tone, row.stream)}>
          {row.text.length > 0 ? row.text : ' '}
        </Text>
      ))}
      {view.below > 0 ? (
        <Box flexGrow={1} alignItems="flex-end">
          <Text inverse wrap="truncate-end">{` ↓ ${view.below} more${followHint} `}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
