// The event timeline: the newest ensemble events, newest at the bottom (like a log an operator
// tails), coloured by severity. While the pane has the focus its keymap rows (context
// `timeline`, see ensemblePanes.tsx) scroll it back.
import { Box, Text } from 'ink';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleEvent } from '../../ensemble/eventTypes.js';
import { wrapWords } from '../../util/scrollback.js';
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

interface TimelineRow {
  key: string;
  clock: string;
  text: string;
  event: EnsembleEvent;
}

/**
 * The rows that fit, newest at the bottom: each event's text wraps under its clock, so a long
 * event (a config change, an error) is read whole, never cut.
 */
export function timelineRows(events: readonly EnsembleEvent[], width: number, height: number, back: number): TimelineRow[] {
  const seconds = width >= 40;
  const stamp = seconds ? 9 : 6;
  const end = events.length - back;
  const rows: TimelineRow[] = [];
  for (let i = end - 1; i >= 0 && rows.length < height; i--) {
    const e = events[i]!;
    const lines = wrapWords(e.text, Math.max(8, width - stamp));
    const own = lines.map((line, j) => ({ key: `${e.seq}:${j}`, clock: j === 0 ? `${clock(e.ts, seconds)} ` : ' '.repeat(stamp), text: line, event: e }));
    rows.unshift(...own.slice(Math.max(0, own.length - (height - rows.length))));
  }
  return rows;
}

export function TimelineView({ events, width, height, scrollBack }: { events: EnsembleEvent[]; width: number; height: number; scrollBack: number }) {
  const theme = useTheme();
  if (events.length === 0) {
    return <Text dimColor>no events yet</Text>;
  }
  const back = Math.max(0, Math.min(scrollBack, events.length - 1));
  const rows = timelineRows(events, width, height, back);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {back > 0 ? <Text dimColor>{`↑ ${back} newer below`}</Text> : null}
      {rows.slice(back > 0 ? 1 : 0).map((r) => (
        <Text key={r.key} wrap="truncate-end">
          <Text dimColor>{r.clock}</Text>
          <Text {...severityStyle(theme, r.event.severity)}>{r.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
