// The one contract every model outside React follows: an immutable snapshot and a subscribe that
// returns its unsubscribe (what useSyncExternalStore wants), plus a plain event stream for the
// models that publish events rather than state. Hand-rolled listener sets each had their own
// answer to "what if a listener throws or unsubscribes mid-notify"; this is the one answer.

export type Unsubscribe = () => void;

/** Listeners of one event stream; each emit reaches the listeners present when it started. */
export class Emitter<E = void> {
  private readonly listeners = new Set<(event: E) => void>();

  on = (listener: (event: E) => void): Unsubscribe => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get size(): number {
    return this.listeners.size;
  }

  /** A throwing listener propagates (the caller's bug surfaces where it happened). */
  emit(event: E): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** For producers that must keep going (a poll loop, a child process): a throwing listener is skipped. */
  emitSafely(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // one broken subscriber must not starve the others or stop the producer
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

export interface StoreOptions {
  /**
   * 'microtask': several changes in one tick (a key press, a burst of output) notify once;
   * 'sync' (default): listeners run before set() returns.
   */
  notify?: 'sync' | 'microtask';
  /** A throwing listener is skipped instead of propagating (producers that must keep going). */
  isolateListeners?: boolean;
}

/**
 * Immutable state with subscribe/getSnapshot. Every change makes a new frozen object, so an
 * identity check tells whether anything changed; a set() that changes nothing notifies nobody.
 */
export class Store<T extends object> {
  private state: T;
  private readonly changes = new Emitter();
  private queued = false;
  private closed = false;

  constructor(
    initial: T,
    private readonly opts: StoreOptions = {},
  ) {
    this.state = Object.freeze({ ...initial });
  }

  getSnapshot = (): T => this.state;

  subscribe = (listener: () => void): Unsubscribe => this.changes.on(listener);

  /** Merges a patch (or the patch an updater computes from the current state). */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const changes = typeof patch === 'function' ? patch(this.state) : patch;
    const keys = Object.keys(changes) as (keyof T)[];
    if (keys.every((k) => Object.is(this.state[k], changes[k]))) return;
    this.publish({ ...this.state, ...changes });
  }

  /** Replaces the whole state (a model that rebuilds its view from scratch). */
  replace(next: T): void {
    if (next !== this.state) this.publish(next);
  }

  /** Drops the listeners; later changes are ignored (a disposed model renders nothing new). */
  close(): void {
    this.closed = true;
    this.changes.clear();
  }

  private publish(next: T): void {
    if (this.closed) return;
    this.state = Object.isFrozen(next) ? next : Object.freeze(next);
    if (this.opts.notify !== 'microtask') {
      this.tell();
      return;
    }
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.tell();
    });
  }

  private tell(): void {
    if (this.opts.isolateListeners) this.changes.emitSafely();
    else this.changes.emit();
  }
}
