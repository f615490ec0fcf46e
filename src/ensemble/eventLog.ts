// The ensemble's event stream: numbered, timestamped, kept in a bounded ring for the timeline
// and `events`, and pushed to subscribers (the app's event bus, tests waiting for a change).
import { describeEvent } from './eventText.js';
import type { EnsembleEvent, EnsembleEventBody } from './eventTypes.js';

export type EventListener = (event: EnsembleEvent) => void;

export class EventLog {
  private readonly ring: EnsembleEvent[] = [];
  private readonly listeners = new Set<EventListener>();
  private seq = 0;

  constructor(private readonly capacity = 500) {}

  append(body: EnsembleEventBody, ts: number): EnsembleEvent {
    const { text, severity } = describeEvent(body);
    const event = { ...body, seq: ++this.seq, ts, text, severity } as EnsembleEvent;
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One faulty subscriber must not stop the others (or the poller).
      }
    }
    return event;
  }

  /** The newest `n` events, oldest first (all kept ones without `n`). */
  latest(n?: number): EnsembleEvent[] {
    return n === undefined ? [...this.ring] : this.ring.slice(Math.max(0, this.ring.length - n));
  }

  get size(): number {
    return this.ring.length;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}
