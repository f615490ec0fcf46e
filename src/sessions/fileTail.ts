// Follows a JSON Lines file another process appends to: each complete new line is parsed and
// handed over once. Wakes on inotify (fs.watch) for "at once", and also polls, because fs.watch
// can miss events (network file systems, editors replacing the file) and a missed note is worse
// than a late one.
import { closeSync, fstatSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { LineSplitter } from './jsonlFile.js';

export interface FileTailOptions {
  /** Start reading at this byte (default 0: the whole file, then what follows). */
  fromOffset?: number;
  pollMs?: number;
  /** Keep the process alive while following (a `follow` command); a console's own tail must not. */
  keepAlive?: boolean;
  onValue(value: unknown): void;
  /** A line that is not JSON (a torn line in the middle of the file). */
  onBadLine?(line: string): void;
}

const READ_CHUNK = 1 << 16;

export class FileTail {
  private offset: number;
  private readonly splitter = new LineSplitter();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly file: string,
    private readonly opts: FileTailOptions,
  ) {
    this.offset = opts.fromOffset ?? 0;
  }

  /** Reads what is there now, then keeps following until stop(). */
  start(): this {
    this.readNew();
    if (this.stopped) return this; // everything there was read, and it said stop
    try {
      this.watcher = watch(this.file, { persistent: false }, () => this.readNew());
      this.watcher.on('error', () => undefined);
    } catch {
      // No inotify here: polling alone still follows the file.
    }
    this.timer = setInterval(() => this.readNew(), this.opts.pollMs ?? 500);
    if (!this.opts.keepAlive) this.timer.unref();
    return this;
  }

  /** Reads every complete line appended since the last read. Safe to call any time. */
  readNew(): void {
    if (this.stopped) return;
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return; // not there (yet, or any more)
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) this.offset = size; // truncated by hand: go on from the new end
      const buf = Buffer.alloc(READ_CHUNK);
      while (this.offset < size) {
        const n = readSync(fd, buf, 0, Math.min(READ_CHUNK, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        for (const line of this.splitter.push(Buffer.from(buf.subarray(0, n)))) this.deliver(line);
      }
    } finally {
      closeSync(fd);
    }
  }

  private deliver(line: string): void {
    if (this.stopped || line.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.opts.onBadLine?.(line);
      return;
    }
    this.opts.onValue(value);
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
