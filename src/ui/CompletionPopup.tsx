// The completion popup above the input line: up to 8 candidates around the selection, the
// selected one in inverse, each candidate's detail dimmed.
import { Box, Text } from 'ink';
import type { CompletionPopup as Popup } from './console/consoleStore.js';
import { displayWidth } from '../util/scrollback.js';

export const POPUP_VISIBLE = 8;

/** Rows the popup takes (border included), so the layout can give them up. */
export function popupHeight(popup: Popup | null): number {
  return popup ? Math.min(POPUP_VISIBLE, popup.candidates.length) + 2 : 0;
}

export function CompletionPopup({ popup, maxWidth, column }: { popup: Popup; maxWidth: number; column: number }) {
  const n = popup.candidates.length;
  const visible = Math.min(POPUP_VISIBLE, n);
  const top = Math.max(0, Math.min(popup.selected - Math.floor(visible / 2), n - visible));
  const shown = popup.candidates.slice(top, top + visible);
  const labelWidth = Math.max(...popup.candidates.map((c) => displayWidth(c.label)));
  const detailWidth = Math.max(0, ...popup.candidates.map((c) => (c.detail ? displayWidth(c.detail) + 2 : 0)));
  const inner = Math.max(8, Math.min(maxWidth - 2, labelWidth + detailWidth + 2));
  const width = inner + 2;
  const left = Math.max(0, Math.min(column, maxWidth - width));
  return (
    <Box marginLeft={left} width={width} height={visible + 2} borderStyle="single" flexDirection="column" overflow="hidden">
      {shown.map((c, i) => {
        const selected = top + i === popup.selected;
        return (
          <Text key={`${top + i}:${c.value}`} wrap="truncate-end" inverse={selected}>
            {` ${c.label.padEnd(labelWidth)}`}
            {c.detail ? <Text dimColor>{`  ${c.detail}`}</Text> : null}
            {' '.repeat(Math.max(0, inner - 1 - labelWidth - (c.detail ? displayWidth(c.detail) + 2 : 0)))}
          </Text>
        );
      })}
    </Box>
  );
}
