// Subscribes a component to the console store (the model lives outside React).
import { useSyncExternalStore } from 'react';
import type { ConsoleState, ConsoleStore } from './consoleStore.js';

export function useConsoleState(model: ConsoleStore): ConsoleState {
  return useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
}
