// `zkpilot export ID --format cast`: asciicast v2 for `asciinema play` and agg. The `o` events are
// the rendered screen (screen.cast, teed from the TUI's stdout) or, for exec runs, the stdout and
// stderr text; one `m` marker per command, note, mark and leader change, so reviewers jump
// between steps (`asciinema play -m`, `]`); `r` per resize. Every text passes the redaction again.
import { existsSync, readFileSync } from 'node:fs';
import { parseCast, serializeCast } from './castFormat.js';
import { describeRecorded, ensemblePayload } from './eventWords.js';
import { castTime, type CastEvent, type CastHeader } from './liveCast.js';
import { redactText } from './redact.js';
import { isMark, isNote, isResize, num, str, type RecordedEvent } from './sessionEvents.js';
import type { LoadedSession } from './sessionReader.js';
import { isAnnotationCommand } from './sessionSummary.js';

interface Timed {
  t: number;
  event: CastEvent;
  order: number;
}

export function exportCast(session: LoadedSession): string {
  const { start, events } = session;
  const startMs = start?.ts ?? events[0]?.ts ?? Date.now();
  const operator = start?.operator ?? 'unknown';
  const screen = readScreen(session);
  const width = screen?.header.width ?? start?.term?.cols ?? 80;
  const height = screen?.header.height ?? start?.term?.rows ?? 24;

  const timed: Timed[] = [];
  const push = (t: number, code: string, data: string) => timed.push({ t, event: [t, code, data], order: timed.length });
  const pushMarker = (e: RecordedEvent) => {
    const label = markerLabel(e, operator);
    if (label !== null) push(castTime(e.ts - startMs), 'm', redactText(label));
  };
  if (screen) {
    // Markers first, so at equal times a chapter starts before the screen it names.
    for (const e of events) pushMarker(e);
    for (const [t, code, data] of screen.events) {
      if (code === 'o') push(t, 'o', redactText(data));
      else if (code === 'r') push(t, 'r', data);
    }
  } else {
    for (const e of events) {
      pushMarker(e);
      synthesiseScreen(e, startMs, start?.mode ?? 'exec', push);
    }
  }
  // Markers and screen chunks come from two files: merge by time, keeping each file's order.
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  const last = timed.length ? timed[timed.length - 1]!.t : 0;
  const header: CastHeader = {
    version: 2,
    width,
    height,
    timestamp: Math.floor(startMs / 1000),
    duration: last,
    title: `zkpilot ${session.ref.id} ${operator}@${start?.cluster ?? '?'}`,
    env: start?.env && Object.keys(start.env).length ? start.env : { TERM: 'xterm-256color' },
  };
  return serializeCast(header, timed.map((x) => x.event));
}

function readScreen(session: LoadedSession) {
  if (!existsSync(session.ref.screenFile)) return null;
  try {
    const parsed = parseCast(readFileSync(session.ref.screenFile, 'utf8'));
    return parsed.events.length > 0 ? parsed : null;
  } catch {
    return null; // a screen file torn inside its header: fall back to the recorded text
  }
}

/** Exec runs (and TUI runs without a screen copy): the lines as the terminal got them. */
function synthesiseScreen(e: RecordedEvent, startMs: number, mode: string, push: (t: number, code: string, data: string) => void): void {
  const t = castTime(e.ts - startMs);
  if (e.type === 'output') {
    const line = (e['line'] ?? {}) as Record<string, unknown>;
    const text = typeof line['text'] === 'string' ? line['text'] : '';
    const err = line['stream'] === 'stderr';
    push(t, 'o', `${err ? '\x1b[31m' : ''}${redactText(text)}${err ? '\x1b[0m' : ''}\r\n`);
  } else if (e.type === 'command.start' && mode !== 'exec') {
    // The TUI echoed the typed line under its prompt; exec mode prints no echo.
    push(t, 'o', `\x1b[1m> ${redactText(str(e, 'line') ?? '')}\x1b[0m\r\n`);
  } else if (isResize(e)) {
    push(t, 'r', `${e.cols}x${e.rows}`);
  }
}

const LEADER_KINDS = new Set(['leader.elected', 'leader.lost']);

/** The chapter names: what a reviewer wants to jump to. */
function markerLabel(e: RecordedEvent, operator: string): string | null {
  if (e.type === 'command.start') {
    const line = str(e, 'line') ?? '';
    if (isAnnotationCommand(line)) return null;
    return `#${num(e, 'id') ?? '?'} ${line}`;
  }
  if (isNote(e)) return `note (${str(e, 'author') ?? operator}): ${e.text}`;
  if (isMark(e)) return str(e, 'label') ?? '';
  const inner = ensemblePayload(e);
  if (inner && LEADER_KINDS.has(String(inner['kind']))) return describeRecorded(e, operator).text;
  if (e.type.startsWith('checklist')) return describeRecorded(e, operator).text;
  return null;
}
