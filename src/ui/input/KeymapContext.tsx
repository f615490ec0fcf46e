// The screen's keymap, handed down from where the screen is mounted (runTui, the replay and
// follow screens) to every component that names a key.
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_KEYMAP, type Keymap } from './keymap.js';

const KeymapContext = createContext<Keymap>(DEFAULT_KEYMAP);

export function KeymapProvider({ keymap, children }: { keymap: Keymap; children: ReactNode }) {
  return <KeymapContext.Provider value={keymap}>{children}</KeymapContext.Provider>;
}

export function useKeymap(): Keymap {
  return useContext(KeymapContext);
}
