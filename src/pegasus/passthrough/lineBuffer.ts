// Turns a child's byte stream into lines. A line without its newline stays pending until more
// comes or the command ends (Pegasus v2.5.0 writes some stderr messages without a newline).
import { StringDecoder } from 'node:string_decoder';

export class LineBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** Complete lines in this chunk (without their newline; a CR before it is dropped). */
  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const parts = this.pending.split('\n');
    this.pending = parts.pop()!;
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** The text after the last newline, if any (and forgets it). */
  flush(): string | null {
    this.pending += this.decoder.end();
    const rest = this.pending;
    this.pending = '';
    return rest.length > 0 ? rest : null;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }
}
