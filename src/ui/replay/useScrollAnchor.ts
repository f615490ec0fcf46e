// Scrolling a read-only scrollback: PgUp/PgDn/Home/End move a bottom anchor (null = follow the
// newest line), the same anchor model as the console's shell pane.
import { useState } from 'react';
import type { ScrollAnchor, Scrollback } from '../../app/scrollback.js';

export function useScrollAnchor(scrollback: () => Scrollback, width: number, height: number) {
  const [anchor, setAnchor] = useState<ScrollAnchor | null>(null);
  const move = (delta: number) => setAnchor((a) => scrollback().move(a, delta, width, height));
  /** Handles a scroll key; true when it was one. */
  const onKey = (name: string): boolean => {
    if (name === 'pageup') move(-Math.max(1, height - 2));
    else if (name === 'pagedown') move(Math.max(1, height - 2));
    else if (name === 'home') move(-Number.MAX_SAFE_INTEGER);
    else if (name === 'end') setAnchor(null);
    else return false;
    return true;
  };
  return { anchor, onKey, reset: () => setAnchor(null) };
}
