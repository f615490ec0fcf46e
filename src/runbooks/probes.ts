// Asynchronous looks at what the live model does not poll (a migration's target ensemble), for
// checks that are synchronous: a check asks for a key, gets the last result (or null), and a
// stale or missing one is fetched in the background; its arrival re-evaluates the step.
// Results belong to one step: `clear()` at every step change drops them, late arrivals included.

interface Entry {
  /** When the last run ended (ms); -Infinity before the first. */
  checkedAt: number;
  running: boolean;
  has: boolean;
  value: unknown;
}

export const DEFAULT_PROBE_AGE_MS = 1000;

export class ProbeCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly onResult: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, run: () => Promise<T>, maxAgeMs = DEFAULT_PROBE_AGE_MS): T | null {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { checkedAt: Number.NEGATIVE_INFINITY, running: false, has: false, value: null };
      this.entries.set(key, entry);
    }
    if (!entry.running && this.now() - entry.checkedAt >= maxAgeMs) this.start(entry, run);
    return entry.has ? (entry.value as T) : null;
  }

  /** Forgets every result; runs still in flight are ignored when they end. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private start(entry: Entry, run: () => Promise<unknown>): void {
    const generation = this.generation;
    entry.running = true;
    const settle = (value: { ok: true; value: unknown } | { ok: false }): void => {
      if (generation !== this.generation) return;
      entry.running = false;
      entry.checkedAt = this.now();
      if (!value.ok) return; // a probe that throws is retried once its result would be stale
      entry.has = true;
      entry.value = value.value;
      this.onResult();
    };
    let promise: Promise<unknown>;
    try {
      promise = run();
    } catch {
      promise = Promise.reject(new Error('probe failed'));
    }
    promise.then((value) => settle({ ok: true, value }), () => settle({ ok: false }));
  }
}
