// Subscribes a component to the ensemble model (which lives outside React).
import { useSyncExternalStore } from 'react';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleEvent } from '../../ensemble/eventTypes.js';
import type { EnsembleSnapshot } from '../../ensemble/types.js';

/**
 * What the panels can show of a snapshot: everything but the poll's bookkeeping (round number,
 * completion times, durations) and the counters no pane shows (connections — our own polls move
 * it every round —, outstanding requests, znodes). The model publishes every round; a round that
 * changed nothing on screen must not render a frame, or a key typed just after it waits out Ink's
 * frame interval.
 */
export function visibleKey(s: EnsembleSnapshot): string {
  return JSON.stringify({
    polled: s.round > 0,
    health: s.health,
    committed: s.committed?.version ?? null,
    source: s.committed?.source ?? null,
    session: s.session,
    nodes: s.nodes.map(({ polledAt: _p, elapsedMs: _e, roleSince: _r, connections: _c, outstanding: _o, znodes: _z, ...shown }) => shown),
  });
}

const shown = new WeakMap<EnsembleModel, { snapshot: EnsembleSnapshot; key: string }>();

/** The model's snapshot, as a new value only when something visible changed. */
export function visibleSnapshot(model: EnsembleModel): EnsembleSnapshot {
  const latest = model.getSnapshot();
  const last = shown.get(model);
  if (last?.snapshot === latest) return latest;
  const key = visibleKey(latest);
  if (last && last.key === key) return last.snapshot;
  shown.set(model, { snapshot: latest, key });
  return latest;
}

export function useEnsembleSnapshot(model: EnsembleModel): EnsembleSnapshot {
  const get = (): EnsembleSnapshot => visibleSnapshot(model);
  return useSyncExternalStore(model.subscribe, get, get);
}

/** The newest `n` events; re-renders when a new one arrives. */
export function useEnsembleEvents(model: EnsembleModel, n: number): EnsembleEvent[] {
  const lastSeq = useSyncExternalStore(
    (listener) => model.onEvent(() => listener()),
    () => model.events(1)[0]?.seq ?? 0,
  );
  void lastSeq; // the dependency that triggers the re-render
  return model.events(n);
}
