// The checklist pane: a "next:" banner, one row per step (done / current / pending, elapsed), and
// the current step's live check status. The current row is drawn like the ensemble panel draws the
// node it marks (inverse, bold), so the eye links the step to its target row.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { ChecklistView } from '../../runbooks/checklistView.js';
import type { RunbookEngine } from '../../runbooks/engine.js';
import { wrapWords } from '../../util/scrollback.js';
import { checklistRows, currentDetails, lastRunRows, lastRunSummary, nextBanner, NO_RUN, rowText } from '../../runbooks/statusText.js';

export interface ChecklistPanelProps {
  engine: RunbookEngine;
  width: number;
  height: number;
}

/** The engine's latest snapshot; also re-renders once a second while a run is active (elapsed, countdowns). */
function useChecklist(engine: RunbookEngine): ChecklistView {
  const view = useSyncExternalStore(engine.subscribe, engine.getSnapshot, engine.getSnapshot);
  const [, setTick] = useState(0);
  const running = view.active !== null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return view;
}

export function ChecklistPanel({ engine, width, height }: ChecklistPanelProps) {
  const checklist = useChecklist(engine);
  if (!checklist.active) {
    // After a run: how it ended and its steps (the end in view), until the next one starts.
    const summary = lastRunSummary(checklist);
    const rows = lastRunRows(checklist);
    const shown = rows.slice(Math.max(0, rows.length - Math.max(0, height - 2)));
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Text dimColor wrap="truncate-end">{NO_RUN}</Text>
        {summary ? <Text bold wrap="truncate-end">{summary}</Text> : null}
        {summary ? shown.map((r) => <Text key={r.index} wrap="truncate-end" dimColor>{rowText(r)}</Text>) : null}
      </Box>
    );
  }
  const rows = checklistRows(checklist);
  // `do:` lines are what happens on another host (edit config.ini, stop a meta): shown in full.
  const details = currentDetails(checklist)
    .filter((l) => l.startsWith('check:') || l.startsWith('guard:') || l.startsWith('wait:') || l.startsWith('do:'))
    // Wrapped, never cut: what to edit or stop on another host is read whole.
    .flatMap((l) => wrapWords(l, Math.max(10, width - 3)).map((row, i) => ({ kind: l, row: i === 0 ? row : `  ${row}` })));
  const rowSpace = Math.max(1, height - 1 - details.length);
  // Keep the current step in view: a window of rows around it.
  const current = rows.findIndex((r) => r.status === 'current');
  const first = Math.max(0, Math.min(current - 1, rows.length - rowSpace));
  const shown = rows.slice(first, first + rowSpace);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">{nextBanner(checklist)}</Text>
      {shown.map((r) => {
        const isCurrent = r.status === 'current';
        const text = rowText(r);
        return (
          <Text key={r.index} wrap="truncate-end" inverse={isCurrent} bold={isCurrent} dimColor={r.status === 'pending'}>
            {text}
          </Text>
        );
      })}
      {details.map(({ kind, row }, i) => (
        <Text key={i} wrap="truncate-end" color={kind.startsWith('guard:') ? 'yellow' : kind.includes('— ') && kind.startsWith('check: ok') ? 'green' : undefined}>
          {`   ${row}`}
        </Text>
      ))}
    </Box>
  );
}
