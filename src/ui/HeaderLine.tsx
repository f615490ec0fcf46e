// The one-line frame every screen's header shares: the product badge first, then the screen's own
// facts, cut at the pane's width rather than wrapped (a wrapped header would push the panes down).
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';

export function HeaderLine({ width, children }: { width: number; children: ReactNode }) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold inverse>
          {' zkpilot '}
        </Text>{' '}
        {children}
      </Text>
    </Box>
  );
}

/** The separator between header facts. */
export function Sep() {
  return <Text dimColor> │ </Text>;
}
