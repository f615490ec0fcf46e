// The bottom key-hint bar, derived from the keymap in force for the current context (lazygit's
// contextual bottom line). A flash message ("no completions") takes the left end for a moment.
import { Box, Text } from 'ink';
import { useKeymap } from './input/KeymapContext.js';
import type { Hint, KeyContext } from './input/keymap.js';

export interface HintBarProps {
  width: number;
  chain: readonly KeyContext[];
  lineEmpty: boolean;
  multiplePanes: boolean;
  /** Side panes hidden for want of width (F2 shows them). */
  panesHidden?: boolean;
  flash: string | null;
  /** e.g. "3/24" while the completion popup is open. */
  status?: string;
}

export function HintBar({ width, chain, lineEmpty, multiplePanes, panesHidden, flash, status }: HintBarProps) {
  const hints = useKeymap().hintsFor(chain, { lineEmpty, multiplePanes, panesHidden });
  const lead = [flash, status].filter(Boolean).join('  ');
  const fitted = fit(hints, width - (lead ? lead.length + 2 : 0));
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {flash ? <Text bold>{flash}  </Text> : null}
        {status ? <Text>{status}  </Text> : null}
        {fitted.map((h, i) => (
          <Text key={h.label}>
            {i > 0 ? '  ' : ''}
            <Text bold>{h.keys}</Text>
            <Text dimColor> {h.label}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** Whole hints only, in keymap order, as many as fit. */
function fit(hints: Hint[], width: number): Hint[] {
  const out: Hint[] = [];
  let used = 0;
  for (const h of hints) {
    const w = (out.length > 0 ? 2 : 0) + h.keys.length + 1 + h.label.length;
    if (used + w > width) break;
    out.push(h);
    used += w;
  }
  return out;
}
