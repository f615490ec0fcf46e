// The event timeline: the newest ensemble events, newest at the bottom (like a log an operator
// tails), coloured by severity. While the pane has the focus its keymap rows (context
// `timeline`, see ensemblePanes.tsx) scroll it back.
import { Box, Text } from 'ink';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleEvent } from '../../ensemble/eventTypes.js';
import { useTheme } from '../theme.js';
import { severityStyle } from './roleStyle.js';
import { useEnsembleEvents } from './useEnsemble.js';

export interface TimelinePanelProps {
  model: EnsembleModel;
  width: number;
  height: number;
  /** Events scrolled back from the newest (0 = follow). */
  scrollBack: number;
}

function clock(ts: number, seconds: boolean): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return seconds ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How many events the timeline keeps reachable by scrolling. */
export const TIMELINE_DEPTH = 200;

export function TimelinePanel({ model, width, height, scrollBack }: TimelinePanelProps) {
  const events = useEnsembleEvents(model, TIMELINE_DEPTH);
  return <TimelineView events={events} width={width} height={height} scrollBack={scrollBack} />;
}

export function TimelineView({ events, width, height, scrollBack }: { events: EnsembleEvent[]; width: number; height: number; scrollBack: number }) {
  const theme = useTheme();
  if (events.length === 0) {
    return <Text dimColor>no events yet</Text>;
  }
  const back = Math.max(0, Math.min(scrollBack, events.length - height));
  const end = events.length - back;
  const visible = events.slice(Math.max(0, end - height), end);
  const seconds = width >= 40;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {visible.map((e, i) => (
        <Text key={e.seq} wrap="truncate-end">
          <Text dimColor>{clock(e.ts, seconds)} </Text>
          <Text {...severityStyle(theme, e.severity)}>{i === 0 && back > 0 ? `↑${back} ${e.text}` : e.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
