// Replay's clock and cursor over a loaded session: plays events with their recorded gaps (scaled
// by --speed, long idle stretches cut to a few seconds as asciinema's idle limit does), pauses,
// steps to the previous/next event and jumps between marks. Output lines travel with the event
// before them (a command and its output are one step). Seeking back rebuilds the screen from the
// first event, so what is shown is always exactly the recording up to that point.
import type { RecordedEvent } from './sessionEvents.js';
import { Emitter } from '../util/store.js';
import { SessionScreen } from './sessionScreen.js';

export interface PlaybackOptions {
  speed?: number;
  /** Longest pause between two events at speed 1 (default 3 s): idle time is compressed. */
  maxGapMs?: number;
  scrollbackLines?: number;
}

const STEP_TYPES_SKIPPED = new Set(['output', 'command.end']);
const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32];

export class Playback {
  private screenState: SessionScreen;
  private timer: NodeJS.Timeout | null = null;
  private readonly changes = new Emitter();
  private readonly stops: number[];
  private readonly marks: number[];
  paused = false;
  speed: number;
  /** Bumped on every change (useSyncExternalStore snapshot). */
  version = 0;
  /** A short message for the status line ("no more marks"). */
  flash: string | null = null;

  constructor(
    readonly id: string,
    readonly events: readonly RecordedEvent[],
    private readonly opts: PlaybackOptions = {},
  ) {
    this.speed = opts.speed && opts.speed > 0 ? opts.speed : 1;
    this.screenState = this.freshScreen();
    this.stops = events.flatMap((e, i) => (STEP_TYPES_SKIPPED.has(e.type) ? [] : [i]));
    this.marks = events.flatMap((e, i) => (e.type === 'mark' ? [i] : []));
  }

  get screen(): SessionScreen {
    return this.screenState;
  }

  /** Events applied so far. */
  get position(): number {
    return this.screenState.applied;
  }

  get done(): boolean {
    return this.position >= this.events.length;
  }

  get markCount(): number {
    return this.marks.length;
  }

  subscribe = (listener: () => void): (() => void) => this.changes.on(listener);

  getVersion = (): number => this.version;

  play(): void {
    this.paused = false;
    this.schedule();
    this.changed();
  }

  pause(): void {
    this.paused = true;
    this.clearTimer();
    this.changed();
  }

  togglePause(): void {
    if (this.paused) this.play();
    else this.pause();
  }

  faster(direction: 1 | -1): void {
    const i = SPEEDS.findIndex((s) => s >= this.speed);
    const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + direction))]!;
    this.speed = next;
    this.schedule();
    this.changed();
  }

  /** → : the next event, with its output. */
  stepForward(): void {
    const from = this.stops.find((s) => s >= this.position);
    if (from === undefined) return this.seek(this.events.length);
    const next = this.stops.find((s) => s > from);
    this.seek(next ?? this.events.length);
  }

  /** ← : back to just before the current event. */
  stepBack(): void {
    const prev = [...this.stops].reverse().find((s) => s < this.position);
    this.seek(prev ?? 0);
  }

  /** m / M: the next or previous `mark` (the mark itself shown). */
  jumpMark(direction: 1 | -1): void {
    const current = this.position - 1;
    const target = direction > 0 ? this.marks.find((m) => m > current) : [...this.marks].reverse().find((m) => m < current);
    if (target === undefined) {
      this.flash = this.marks.length === 0 ? 'this session has no marks' : direction > 0 ? 'no later mark' : 'no earlier mark';
      this.changed();
      return;
    }
    this.seek(target + 1);
  }

  /** Shows the recording up to (not including) event `position`. */
  seek(position: number): void {
    const to = Math.max(0, Math.min(this.events.length, position));
    if (to < this.position) this.screenState = this.freshScreen();
    while (this.position < to) this.screenState.apply(this.events[this.position]!);
    this.flash = null;
    this.schedule();
    this.changed();
  }

  dispose(): void {
    this.clearTimer();
    this.changes.clear();
  }

  private schedule(): void {
    this.clearTimer();
    if (this.paused || this.done) return;
    const next = this.events[this.position]!;
    const prev = this.events[this.position - 1];
    const gap = prev ? Math.max(0, next.ts - prev.ts) : 0;
    const delay = Math.min(gap, this.opts.maxGapMs ?? 3000) / this.speed;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Everything recorded within the same few milliseconds appears in one frame.
      const until = next.ts + 5;
      do this.screenState.apply(this.events[this.position]!);
      while (!this.done && this.events[this.position]!.ts <= until);
      this.schedule();
      this.changed();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private freshScreen(): SessionScreen {
    return new SessionScreen(this.id, this.opts.scrollbackLines);
  }

  private changed(): void {
    this.version += 1;
    this.changes.emit();
  }
}
