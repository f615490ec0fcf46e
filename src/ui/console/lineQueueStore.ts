// Lines waiting for their turn. Queued: typed ahead while a command ran (an Enter in a read that
// also held the next line), or pasted and confirmed; they run in order once the running command
// ends. Held: pasted lines the operator did not run (or that a failed line stopped); the first is
// put on the input line and each Enter brings up the next. Nothing leaves this store unseen: the
// console says what it drops. Shown redacted (the `display` form), kept in clear to run.
import { Store } from '../../util/store.js';
import type { LineQueueState } from './types.js';

/** Lines pasted together and confirmed: they stop at the first that fails. */
export interface PasteBatch {
  id: number;
  total: number;
}

export interface QueuedLine {
  line: string;
  display: string;
  batch: PasteBatch | null;
  /** 1-based position in its batch. */
  index: number;
}

export class LineQueueStore extends Store<LineQueueState> {
  private waiting: QueuedLine[] = [];
  private held: QueuedLine[] = [];

  constructor(private readonly redact: (line: string) => string) {
    super({ lines: { queued: [], held: [] } });
  }

  get hasQueued(): boolean {
    return this.waiting.length > 0;
  }

  get heldCount(): number {
    return this.held.length;
  }

  enqueue(lines: readonly string[], batch: PasteBatch | null): void {
    this.waiting.push(...lines.map((line, i) => ({ line, display: this.redact(line), batch, index: i + 1 })));
    this.show();
  }

  shift(): QueuedLine | undefined {
    const next = this.waiting.shift();
    if (next) this.show();
    return next;
  }

  /** Takes the lines of `batch` still queued (its line failed: the rest must not run). */
  takeBatch(batch: PasteBatch): string[] {
    const rest = this.waiting.filter((q) => q.batch?.id === batch.id);
    this.waiting = this.waiting.filter((q) => q.batch?.id !== batch.id);
    this.show();
    return rest.map((q) => q.line);
  }

  /** Takes every queued line (Ctrl-C stopped the run). */
  takeQueued(): string[] {
    const all = this.waiting.map((q) => q.line);
    this.waiting = [];
    this.show();
    return all;
  }

  hold(lines: readonly string[]): void {
    this.held.push(...lines.map((line, i) => ({ line, display: this.redact(line), batch: null, index: i + 1 })));
    this.show();
  }

  /** The next held line, for the input line. */
  nextHeld(): string | undefined {
    const next = this.held.shift();
    if (next) this.show();
    return next?.line;
  }

  /** Drops the held lines; returns how many there were. */
  dropHeld(): number {
    const n = this.held.length;
    this.held = [];
    if (n > 0) this.show();
    return n;
  }

  private show(): void {
    this.set({ lines: { queued: this.waiting.map((q) => q.display), held: this.held.map((q) => q.display) } });
  }
}
