// `zkpilot export ID --format md`: the postmortem timeline. Who, what, when; each command with
// its result and output; how long each step took; which node led when, with the election gaps;
// errors; notes and marks. Times in UTC with the elapsed time beside them, so it lines up with
// server logs and with the cast.
import { describeRecorded, ensemblePayload, type EventWords } from './eventWords.js';
import { redactText } from './redact.js';
import { isMark, isNote, type RecordedEvent } from './sessionEvents.js';
import type { LoadedSession } from './sessionReader.js';
import { buildStory, type CommandStep, type Story } from './sessionStory.js';
import { summarise } from './sessionSummary.js';
import { duration, elapsed, utcClock, utcDateTime } from './timeFormat.js';

/** Output lines shown per command; the rest are counted (the jsonl export has them all). */
const OUTPUT_LINES = 20;

export function exportMarkdown(session: LoadedSession): string {
  const story = buildStory(session);
  const operator = session.start?.operator ?? 'unknown';
  const out = [
    ...headerSection(session, story),
    ...timelineSection(session, story, operator),
    ...commandsSection(story),
    ...leadershipSection(story, operator),
    ...errorsSection(session, story, operator),
    ...annotationsSection(story, operator),
  ];
  // The events are redacted when recorded; this is the backstop for anything that slipped by.
  return redactText(out.join('\n')) + '\n';
}

function headerSection(session: LoadedSession, story: Story): string[] {
  const s = summarise(session);
  const start = session.start;
  const ended = session.end
    ? `${utcDateTime(session.end.ts)} (${session.end.clean ? 'clean' : `unclean${session.end.reason ? `: ${session.end.reason}` : ''}`})`
    : s.status === 'live'
      ? 'still recording'
      : `unclean — no end event: the recorder was killed or crashed; last event ${utcDateTime(story.endMs)}`;
  const lines = [
    `# Session ${session.ref.id} — postmortem timeline`,
    '',
    `- **Operator:** ${start?.operator ?? 'unknown'}`,
    `- **Cluster:** ${start?.cluster ?? '?'}${start?.connectString && start.connectString !== start.cluster ? ` (${code(start.connectString)})` : ''}`,
    `- **Run:** ${start?.mode ?? '?'}, zkpilot ${start?.version ?? '?'}${start?.term ? `, terminal ${start.term.cols}×${start.term.rows}` : ''}${start?.host ? `, host ${start.host}` : ''}`,
    `- **Started:** ${utcDateTime(story.startMs)}`,
    `- **Ended:** ${ended}`,
    `- **Duration:** ${duration(story.endMs - story.startMs)}`,
    `- **Commands:** ${story.commands.length}, ${story.commands.filter((c) => (c.exitCode ?? 0) !== 0).length} failed · **Errors:** ${s.errors} · **Notes:** ${story.annotations.filter(isNote).length} · **Marks:** ${story.annotations.filter(isMark).length}`,
  ];
  if (s.runbook) lines.push(`- **Runbook:** ${s.runbook}`);
  if (session.skippedLines > 0) lines.push(`- **Damaged lines skipped:** ${session.skippedLines} (a torn write, e.g. a kill -9 mid-line)`);
  return [...lines, ''];
}

function timelineSection(session: LoadedSession, story: Story, operator: string): string[] {
  const lines = ['## Timeline', '', 'Times are UTC; elapsed is from the start of the session.', '', '| Time | Elapsed | Who | What | Result |', '|---|---|---|---|---|'];
  for (const e of session.events) {
    if (e.type === 'output' || e.type === 'command.end') continue; // folded into their command's row
    const words = describeRecorded(e, operator);
    let what = cell(words.text);
    let result = '';
    if (e.type === 'command.start') {
      const step = story.stepOf.get(e);
      if (!step) continue; // a note/mark command: its note or mark has the row
      what = code(step.line);
      result = resultText(step);
    } else if (words.category === 'note') what = `note: ${cell(words.text)}`;
    else if (words.category === 'mark') what = `**mark:** ${cell(words.text)}`;
    lines.push(`| ${utcClock(e.ts)} | ${elapsed(e.ts - story.startMs)} | ${cell(words.who)} | ${what} | ${result} |`);
  }
  return [...lines, ''];
}

function commandsSection(story: Story): string[] {
  if (story.commands.length === 0) return ['## Commands', '', 'No commands were run.', ''];
  const lines = ['## Commands', '', '| # | Time | Command | Result | Took | Step |', '|---|---|---|---|---|---|'];
  for (const c of story.commands) {
    lines.push(`| ${c.n} | ${utcClock(c.ts)} | ${code(c.line)} | ${resultText(c)} | ${c.durationMs !== null ? duration(c.durationMs) : '—'} | ${c.stepMs !== null ? duration(c.stepMs) : '—'} |`);
  }
  lines.push('', '"Took" is the command itself; "Step" runs until the next command (reading, deciding, waiting).', '');
  for (const c of story.commands) lines.push(...commandDetail(c, story.startMs));
  return lines;
}

function commandDetail(c: CommandStep, startMs: number): string[] {
  const lines = [`### ${c.n}. ${code(c.line)}`, '', `${utcClock(c.ts)} (${elapsed(c.ts - startMs)}) · ${resultText(c)}${c.durationMs !== null ? ` in ${duration(c.durationMs)}` : ''}${c.source && c.source !== 'tui' ? ` · from ${c.source}` : ''}`, ''];
  for (const q of c.confirms) {
    const verdict = q.accepted ? (q.how === 'flag' ? 'forced with --yes' : 'accepted') : q.how === 'refused-noninteractive' ? 'refused: nobody to ask' : 'declined';
    lines.push(`- Confirmation: "${q.question}" → **${verdict}**`);
  }
  if (c.confirms.length) lines.push('');
  if (c.output.length > 0) {
    const shown = c.output.slice(0, OUTPUT_LINES).map((o) => (o.stream === 'stderr' ? `! ${o.text}` : o.text));
    if (c.output.length > OUTPUT_LINES) shown.push(`… ${c.output.length - OUTPUT_LINES} more line(s) in the jsonl export`);
    lines.push(...fenced(shown), '');
  }
  return lines;
}

function leadershipSection(story: Story, operator: string): string[] {
  const lines = ['## Leader and role changes', ''];
  if (story.leaders.length > 0) {
    lines.push('| Leader | From | To | Led for |', '|---|---|---|---|');
    for (const p of story.leaders) {
      const to = p.to ?? story.endMs;
      lines.push(`| ${cell(p.node)} | ${utcClock(p.from)} | ${p.to !== null ? utcClock(p.to) : 'end of session'} | ${duration(to - p.from)} |`);
    }
    lines.push('');
  }
  const gaps = story.ensemble.filter((e) => ensemblePayload(e)?.['kind'] === 'election.gap');
  if (gaps.length > 0) {
    lines.push(`Elections: ${gaps.length}; longest gap ${duration(Math.max(...gaps.map((e) => Number(ensemblePayload(e)!['maxMs']) || 0)))} (no leader, writes fail meanwhile).`, '');
  }
  if (story.ensemble.length === 0) return [...lines, 'No ensemble or client-session events were recorded.', ''];
  for (const e of story.ensemble) lines.push(`- ${utcClock(e.ts)} (${elapsed(e.ts - story.startMs)}) ${bullet(describeRecorded(e, operator))}`);
  return [...lines, ''];
}

function errorsSection(session: LoadedSession, story: Story, operator: string): string[] {
  const lines = ['## Errors', ''];
  const failed = story.commands.filter((c) => (c.exitCode ?? 0) !== 0);
  for (const c of failed) {
    const first = c.output.find((o) => o.stream === 'stderr')?.text ?? '';
    lines.push(`- ${utcClock(c.ts)} (${elapsed(c.ts - story.startMs)}) ${code(c.line)} → exit ${c.exitCode}${first ? `: ${first}` : ''}`);
  }
  for (const e of story.errors) {
    if (e.type === 'command.end') continue; // listed with its command above
    lines.push(`- ${utcClock(e.ts)} (${elapsed(e.ts - story.startMs)}) ${describeRecorded(e, operator).text}`);
  }
  const unfinished = story.commands.filter((c) => c.exitCode === null);
  for (const c of unfinished) lines.push(`- ${code(c.line)} never finished (the recording ended while it ran)`);
  if (!session.end?.clean && session.end !== null) lines.push(`- The session ended unclean${session.end.reason ? `: ${session.end.reason}` : ''}.`);
  if (session.end === null) lines.push('- The recording has no end: the console was killed or crashed.');
  if (lines.length === 2) lines.push('None.');
  return [...lines, ''];
}

function annotationsSection(story: Story, operator: string): string[] {
  const lines = ['## Notes and marks', ''];
  if (story.annotations.length === 0) return [...lines, 'None.', ''];
  for (const e of story.annotations) {
    const w = describeRecorded(e, operator);
    const where = e['origin'] === 'pair' ? ' (from another pane)' : '';
    lines.push(`- ${utcClock(e.ts)} (${elapsed(e.ts - story.startMs)}) **${w.who}**${where} ${w.category === 'mark' ? `mark: **${w.text}**` : `note: ${w.text}`}`);
  }
  return [...lines, ''];
}

function resultText(c: CommandStep): string {
  if (c.exitCode === null) return 'unfinished';
  if (c.exitCode === 0) return 'ok';
  return `**failed** (exit ${c.exitCode})`;
}

function bullet(w: EventWords): string {
  return w.tone === 'error' ? `**${w.text}**` : w.text;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const t = text.replace(/\n/g, ' ').replace(/\|/g, '\\|');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A fenced block longer than any backtick run inside it. */
function fenced(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}

export type { RecordedEvent };
