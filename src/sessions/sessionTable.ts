// `zkpilot sessions` as a table: one row per session, oldest first, newest (most likely wanted)
// at the bottom next to the prompt.
import type { SessionSummary } from './sessionSummary.js';
import { duration, utcDateTime } from './timeFormat.js';

const COLUMNS: { title: string; value: (s: SessionSummary) => string; right?: boolean }[] = [
  { title: 'ID', value: (s) => s.id },
  { title: 'START (UTC)', value: (s) => (s.startedAt !== null ? utcDateTime(s.startedAt) : '?') },
  { title: 'DURATION', value: (s) => (s.durationMs !== null ? duration(s.durationMs) : '?'), right: true },
  { title: 'OPERATOR', value: (s) => s.operator ?? '?' },
  { title: 'CLUSTER', value: (s) => s.cluster ?? '?' },
  { title: 'RUNBOOK', value: (s) => s.runbook ?? '-' },
  { title: 'COMMANDS', value: (s) => String(s.commands), right: true },
  { title: 'ERRORS', value: (s) => String(s.errors), right: true },
  { title: 'STATUS', value: (s) => s.status },
];

export function formatSessionTable(rows: readonly SessionSummary[]): string {
  const cells = [COLUMNS.map((c) => c.title), ...rows.map((r) => COLUMNS.map((c) => c.value(r).replace(/\s+/g, ' ')))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (COLUMNS[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n') + '\n';
}
