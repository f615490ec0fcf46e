// The output model: every command writes styled lines to a sink; the TUI scrollback, exec
// mode's stdout/stderr and the session recorder are all sinks.

export type Stream = 'stdout' | 'stderr';

/** What a line means, so the UI can colour it (one colour per meaning) and recordings keep it. */
export type Tone = 'plain' | 'error' | 'warn' | 'ok' | 'info' | 'watch' | 'echo' | 'dim';

export interface OutputLine {
  stream: Stream;
  text: string; // one line, no trailing newline
  tone: Tone;
}

export interface OutputSink {
  /** `text` may hold several lines separated by "\n"; each becomes one OutputLine. */
  write(stream: Stream, text: string, tone?: Tone): void;
}

export function splitLines(stream: Stream, text: string, tone: Tone = 'plain'): OutputLine[] {
  return text.split('\n').map((line) => ({ stream, text: line, tone }));
}

/** A sink that keeps lines in memory: tests, `exec --json`, and capturing sub-command output. */
export class MemorySink implements OutputSink {
  readonly lines: OutputLine[] = [];
  write(stream: Stream, text: string, tone: Tone = 'plain'): void {
    this.lines.push(...splitLines(stream, text, tone));
  }
  text(stream?: Stream): string {
    return this.lines
      .filter((l) => stream === undefined || l.stream === stream)
      .map((l) => l.text)
      .join('\n');
  }
}

/** Fans one write out to several sinks (screen + recorder). */
export class TeeSink implements OutputSink {
  constructor(private readonly sinks: OutputSink[]) {}
  write(stream: Stream, text: string, tone?: Tone): void {
    for (const s of this.sinks) s.write(stream, text, tone);
  }
}
