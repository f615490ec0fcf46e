// Append-only JSON Lines files, as the recorder, pairing and every reader use them. One event is
// one write(2) of one complete line, so a kill -9 loses at most the line being written; O_APPEND
// keeps lines whole when another process (a `zkpilot note` in the next pane) appends to the same
// file. Readers tolerate a torn last line, and a torn line followed by more lines.
import { closeSync, constants, fdatasyncSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

export const FILE_MODE = 0o600;

/** An open file that only grows. Writes are synchronous: the event is in the file when append returns. */
export class JsonlAppender {
  private fd: number | null;

  /** `create: false` refuses to create the file: pairing never makes a stray session. */
  constructor(
    readonly file: string,
    opts: { create?: boolean } = {},
  ) {
    const flags = constants.O_WRONLY | constants.O_APPEND | (opts.create === false ? 0 : constants.O_CREAT);
    this.fd = openSync(file, flags, FILE_MODE);
  }

  /** Writes one line; `sync` also asks the kernel to put it on disk (fdatasync). */
  append(value: unknown, sync = false): void {
    this.appendText(`${toJsonLine(value)}\n`, sync);
  }

  appendText(text: string, sync = false): void {
    if (this.fd === null) throw new Error(`${this.file} is closed`);
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    // A regular file takes the whole buffer in one call; the loop only guards against a short write.
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    if (sync) fdatasyncSync(this.fd);
  }

  /** True when the file does not end with a newline (a writer died mid-line). */
  endsTorn(): boolean {
    if (this.fd === null) return false;
    const { size } = fstatSync(this.fd);
    if (size === 0) return false;
    const readFd = openSync(this.file, 'r');
    try {
      const last = Buffer.alloc(1);
      readSync(readFd, last, 0, 1, size - 1);
      return last[0] !== 0x0a;
    } finally {
      closeSync(readFd);
    }
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fdatasyncSync(this.fd);
    } catch {
      // Best effort: the lines are already in the file.
    }
    closeSync(this.fd);
    this.fd = null;
  }
}

/** One line of JSON; a bigint (a zxid, a session id) is written as its decimal string. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * Appends one line to a file another process is writing (a live session): if that process died
 * mid-line, a newline first, so the torn line stays alone and ours stays readable.
 */
export function appendLineToExisting(file: string, value: unknown): void {
  const out = new JsonlAppender(file, { create: false });
  try {
    out.appendText(`${out.endsTorn() ? '\n' : ''}${JSON.stringify(value)}\n`, true);
  } finally {
    out.close();
  }
}

export interface ParsedJsonl {
  values: unknown[];
  /** Lines that were not JSON (a torn line); never fatal. */
  skipped: number;
  /** The last line was cut short (no newline and not JSON). */
  tornTail: boolean;
}

export function parseJsonl(text: string): ParsedJsonl {
  const out: ParsedJsonl = { values: [], skipped: 0, tornTail: false };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    try {
      out.values.push(JSON.parse(line));
    } catch {
      out.skipped += 1;
      if (i === lines.length - 1) out.tornTail = true;
    }
  });
  return out;
}

export function readJsonl(file: string): ParsedJsonl {
  return parseJsonl(readFileSync(file, 'utf8'));
}

/**
 * Splits a growing byte stream into complete lines: bytes after the last newline wait for the
 * rest (a line being written, or a UTF-8 character cut between two reads).
 */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const lastNewline = buf.lastIndexOf(0x0a);
    if (lastNewline < 0) {
      this.pending = buf;
      return [];
    }
    this.pending = buf.subarray(lastNewline + 1);
    return buf.subarray(0, lastNewline).toString('utf8').split('\n');
  }

  /** The bytes of an unfinished line. */
  get rest(): string {
    return this.pending.toString('utf8');
  }
}
