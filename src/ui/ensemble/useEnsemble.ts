// Subscribes a component to the ensemble model (which lives outside React).
import { useSyncExternalStore } from 'react';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleEvent } from '../../ensemble/eventTypes.js';
import type { EnsembleSnapshot } from '../../ensemble/types.js';

export function useEnsembleSnapshot(model: EnsembleModel): EnsembleSnapshot {
  return useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
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
