// Event recorders for the zk integration tests: wait for a state or watch event (with a
// failure deadline) instead of sleeping.

import type { SessionState, WatchEvent, ZkClient } from '../../src/zk/types.js';

export interface Recorder {
  states: Array<{ state: SessionState; previous: SessionState }>;
  watches: WatchEvent[];
  /** Resolves at the next (or an already recorded, from `fromIndex`) transition into `state`. */
  waitForState(state: SessionState, opts?: { fromIndex?: number; timeoutMs?: number }): Promise<number>;
  waitForWatch(match: (event: WatchEvent) => boolean, opts?: { fromIndex?: number; timeoutMs?: number }): Promise<WatchEvent>;
  stop(): void;
}

export function record(client: ZkClient): Recorder {
  const states: Recorder['states'] = [];
  const watches: WatchEvent[] = [];
  const checks = new Set<() => void>();
  const poke = (): void => {
    for (const check of [...checks]) check();
  };
  const offState = client.onState((state, previous) => {
    states.push({ state, previous });
    poke();
  });
  const offWatch = client.onWatch((event) => {
    watches.push(event);
    poke();
  });

  function waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        checks.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error(`timed out waiting for ${what}; states=${JSON.stringify(states)} watches=${JSON.stringify(watches)}`));
      }, timeoutMs);
      checks.add(check);
      check();
    });
  }

  return {
    states,
    watches,
    waitForState(state, opts = {}) {
      const from = opts.fromIndex ?? states.length;
      return waitFor(
        () => {
          const index = states.findIndex((entry, i) => i >= from && entry.state === state);
          return index < 0 ? undefined : index;
        },
        `state ${state}`,
        opts.timeoutMs ?? 20_000,
      );
    },
    waitForWatch(match, opts = {}) {
      const from = opts.fromIndex ?? watches.length;
      return waitFor(() => watches.slice(from).find(match), 'watch event', opts.timeoutMs ?? 20_000);
    },
    stop() {
      offState();
      offWatch();
    },
  };
}
