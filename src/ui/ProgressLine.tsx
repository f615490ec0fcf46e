// One line above the input line while a long command runs: label, bar, count, rate and ETA
// (the same text exec mode prints on a terminal's stderr).
import { Box, Text } from 'ink';
import type { ProgressInfo } from '../shell/appEvents.js';
import { formatProgress } from '../ops/progressMeter.js';
import { useTheme } from './theme.js';

/** Rows the progress line takes: the layout subtracts them from the shell pane. */
export function progressRows(progress: ProgressInfo | null, busy: boolean): number {
  return progress !== null && busy ? 1 : 0;
}

export function ProgressLine({ progress, width }: { progress: ProgressInfo; width: number }) {
  const theme = useTheme();
  const barWidth = Math.max(10, Math.min(30, Math.floor(width / 5)));
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end" color={theme.color ? 'cyan' : undefined} bold={!theme.color}>
        {formatProgress(progress, barWidth)}
      </Text>
    </Box>
  );
}
