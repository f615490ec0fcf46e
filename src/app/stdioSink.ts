// Exec mode's sink: stdout lines to stdout, stderr lines to stderr, exactly as zkCli splits them.
import type { OutputSink, Stream } from '../shell/output.js';

export class StdioSink implements OutputSink {
  constructor(
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  write(stream: Stream, text: string): void {
    (stream === 'stdout' ? this.stdout : this.stderr).write(`${text}\n`);
  }
}
