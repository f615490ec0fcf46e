// `zkpilot follow`: a session as it is being recorded, read from its events.jsonl as lines
// arrive (inotify, with polling as the safety net). Starts from the first event so the mirror
// shows the whole scrollback, then keeps up until stop() — also after the end event, since notes
// may still be added to a finished session for the postmortem.
import { FileTail } from './fileTail.js';
import { isRecordedEvent, isStart, type StartEvent } from './sessionEvents.js';
import { recorderAlive } from './sessionReader.js';
import { Emitter } from '../util/store.js';
import { SessionScreen } from './sessionScreen.js';
import type { SessionRef } from './sessionStore.js';

export class SessionFollower {
  readonly screen: SessionScreen;
  version = 0;
  private tail: FileTail | null = null;
  private readonly changes = new Emitter();
  private start: StartEvent | null = null;
  private notifyQueued = false;

  constructor(
    readonly ref: SessionRef,
    private readonly opts: { pollMs?: number; scrollbackLines?: number } = {},
  ) {
    this.screen = new SessionScreen(ref.id, opts.scrollbackLines);
  }

  subscribe = (listener: () => void): (() => void) => this.changes.on(listener);

  getVersion = (): number => this.version;

  /** 'live', 'ended', or 'stale' (no end event, and the recording process is gone). */
  get status(): 'live' | 'ended' | 'stale' {
    if (this.screen.header.ended) return 'ended';
    return this.start === null || recorderAlive(this.start) ? 'live' : 'stale';
  }

  begin(): this {
    const tail = new FileTail(this.ref.eventsFile, {
      pollMs: this.opts.pollMs ?? 500,
      keepAlive: true,
      onValue: (v) => {
        if (!isRecordedEvent(v)) return;
        if (isStart(v)) this.start = v;
        this.screen.apply(v);
        this.changed();
      },
    });
    this.tail = tail;
    tail.start();
    this.changed();
    return this;
  }

  stop(): void {
    this.tail?.stop();
    this.tail = null;
    this.changes.clear();
  }

  private changed(): void {
    // A burst of output lines notifies once.
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      this.version += 1;
      this.changes.emit();
    });
  }
}
