// asciicast v2, as asciinema defines it (reference/tui-and-recording.md §4.1): line 1 a header
// object with version 2, width and height; every later line `[seconds, code, data]` with seconds
// absolute from the start. Parsing is tolerant of a torn last line (a crashed recording).
import { parseJsonl } from './jsonlFile.js';
import type { CastEvent, CastHeader } from './liveCast.js';

export class CastFormatError extends Error {}

export interface ParsedCast {
  header: CastHeader;
  events: CastEvent[];
  /** Lines that were not events (torn, or not JSON). */
  skipped: number;
}

export function isCastEvent(v: unknown): v is CastEvent {
  return Array.isArray(v) && v.length === 3 && typeof v[0] === 'number' && Number.isFinite(v[0]) && v[0] >= 0 && typeof v[1] === 'string' && typeof v[2] === 'string';
}

export function parseCast(text: string): ParsedCast {
  const parsed = parseJsonl(text);
  const [header, ...rest] = parsed.values;
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new CastFormatError('no asciicast header on the first line');
  const h = header as Record<string, unknown>;
  if (h['version'] !== 2) throw new CastFormatError(`not asciicast v2 (version ${JSON.stringify(h['version'])})`);
  if (!isPositiveInt(h['width']) || !isPositiveInt(h['height'])) throw new CastFormatError('header width/height must be positive integers');
  const events = rest.filter(isCastEvent);
  return { header: header as CastHeader, events, skipped: parsed.skipped + rest.length - events.length };
}

/**
 * Checks what a player relies on: the header, event shapes, times that never go back, resize data
 * as COLSxROWS. Returns the problems (none for a valid file).
 */
export function castProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let parsed: ParsedCast;
  try {
    parsed = parseCast(text);
  } catch (e) {
    return [(e as Error).message];
  }
  if (parsed.skipped > 0 || parsed.events.length !== lines.length - 1) problems.push(`${lines.length - 1 - parsed.events.length} line(s) are not [time, code, data] events`);
  let last = 0;
  for (const [t, code, data] of parsed.events) {
    if (t < last) problems.push(`time goes back at ${t}`);
    last = Math.max(last, t);
    if (code === 'r' && !/^\d+x\d+$/.test(data)) problems.push(`resize data "${data}" is not COLSxROWS`);
  }
  return problems;
}

export function serializeCast(header: CastHeader, events: readonly CastEvent[]): string {
  return [JSON.stringify(header), ...events.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

function isPositiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}
