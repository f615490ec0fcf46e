// The checklist pane: a "next:" banner, one row per step (done / current / pending, elapsed), and
// the current step's live check status. The current row is drawn like the ensemble panel draws the
// node it marks (inverse, bold), so the eye links the step to its target row.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { RunbookEngine } from '../../runbooks/engine.js';
import { checklistRows, currentDetails, formatElapsed, nextBanner, STATUS_MARK, statusText } from '../../runbooks/statusText.js';

export interface ChecklistPanelProps {
  engine: RunbookEngine;
  width: number;
  height: number;
}

/** Re-renders on engine changes, and once a second while a run is active (elapsed, countdowns). */
function useEngine(engine: RunbookEngine): number {
  const revision = useSyncExternalStore(engine.subscribe, () => engine.revision, () => engine.revision);
  const [, setTick] = useState(0);
  const running = engine.active !== null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return revision;
}

export function ChecklistPanel({ engine, width, height }: ChecklistPanelProps) {
  useEngine(engine);
  if (!engine.active) {
    return (
      <Box width={width} height={height} overflow="hidden">
        <Text dimColor wrap="truncate-end">{statusText(engine)[0]}</Text>
      </Box>
    );
  }
  const rows = checklistRows(engine);
  // `do:` lines are what happens on another host (edit config.ini, stop a meta): shown in full.
  const details = currentDetails(engine).filter((l) => l.startsWith('check:') || l.startsWith('guard:') || l.startsWith('wait:') || l.startsWith('do:'));
  const rowSpace = Math.max(1, height - 1 - details.length);
  // Keep the current step in view: a window of rows around it.
  const current = rows.findIndex((r) => r.status === 'current');
  const first = Math.max(0, Math.min(current - 1, rows.length - rowSpace));
  const shown = rows.slice(first, first + rowSpace);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">{nextBanner(engine)}</Text>
      {shown.map((r) => {
        const isCurrent = r.status === 'current';
        const text = `${STATUS_MARK[r.status]} ${String(r.index + 1).padStart(2)} ${r.title}${r.elapsedMs !== null ? `  ${formatElapsed(r.elapsedMs)}` : ''}`;
        return (
          <Text key={r.index} wrap="truncate-end" inverse={isCurrent} bold={isCurrent} dimColor={r.status === 'pending'}>
            {text}
          </Text>
        );
      })}
      {details.map((l) => (
        <Text key={l} wrap="truncate-end" color={l.startsWith('guard:') ? 'yellow' : l.includes('— ') && l.startsWith('check: ok') ? 'green' : undefined}>
          {`   ${l}`}
        </Text>
      ))}
    </Box>
  );
}
