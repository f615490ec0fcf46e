// Scrolling a read-only scrollback: the viewer's page/top/follow actions move a bottom anchor
// (null = follow the newest line), the same anchor model as the console's shell pane.
import { useState } from 'react';
import type { ScrollAnchor, Scrollback } from '../../util/scrollback.js';
import type { ActionId } from '../input/keymap.js';

export function useScrollAnchor(scrollback: () => Scrollback, width: number, height: number) {
  const [anchor, setAnchor] = useState<ScrollAnchor | null>(null);
  const move = (delta: number) => setAnchor((a) => scrollback().move(a, delta, width, height));
  /** Performs a scroll action; true when it was one. */
  const onAction = (action: ActionId): boolean => {
    if (action === 'viewer.pageUp') move(-Math.max(1, height - 2));
    else if (action === 'viewer.pageDown') move(Math.max(1, height - 2));
    else if (action === 'viewer.top') move(-Number.MAX_SAFE_INTEGER);
    else if (action === 'viewer.follow') setAnchor(null);
    else return false;
    return true;
  };
  return { anchor, onAction, reset: () => setAnchor(null) };
}
