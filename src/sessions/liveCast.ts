// The screen of a TUI run as asciicast v2, appended while it happens: header first, then one
// `[t, "o", text]` per chunk the console wrote and `[t, "r", "COLSxROWS"]` per resize. Times are
// seconds since the session's start, the same origin as events.jsonl, so the exporter can put a
// marker per command in between. A crash leaves a playable prefix (asciicast v2 was made for it).
import { JsonlAppender } from './jsonlFile.js';

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  timestamp?: number;
  duration?: number;
  idle_time_limit?: number;
  title?: string;
  env?: Record<string, string>;
}

export type CastEvent = [time: number, code: string, data: string];

/** Seconds with microsecond precision, as asciinema writes them. */
export function castTime(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1_000_000);
}

export class LiveCast {
  private readonly out: JsonlAppender;

  constructor(
    file: string,
    header: CastHeader,
    private readonly startMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.out = new JsonlAppender(file);
    this.out.append(header, true);
  }

  output(text: string): void {
    if (text.length > 0) this.event('o', text);
  }

  resize(cols: number, rows: number): void {
    this.event('r', `${cols}x${rows}`);
  }

  private event(code: string, data: string): void {
    const e: CastEvent = [castTime(this.now() - this.startMs), code, data];
    this.out.append(e);
  }

  close(): void {
    this.out.close();
  }
}
