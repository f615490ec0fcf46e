// What the read-only session viewers (replay, follow) share: the terminal size, re-rendering on
// the source's changes, the scroll anchor, the timeline toggle and leaving (the keymap's
// 'viewer' rows). Each viewer adds only its own keys and status line.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApp } from 'ink';
import type { Scrollback } from '../../util/scrollback.js';
import type { ActionId } from '../input/keymap.js';
import { MIN_COLS, MIN_ROWS } from '../App.js';
import { useTerminalSize, type TerminalSize } from '../useTerminalSize.js';
import { viewLayout } from './SessionView.js';
import { useScrollAnchor } from './useScrollAnchor.js';

export interface ViewerSource {
  subscribe(listener: () => void): () => void;
  getVersion(): number;
  scrollback(): Scrollback;
}

export function useSessionViewer(source: ViewerSource, size: TerminalSize | undefined, onExit: (() => void) | undefined) {
  const { cols, rows } = useTerminalSize(size);
  useSyncExternalStore(source.subscribe, source.getVersion, source.getVersion);
  const layout = viewLayout(cols, rows);
  const scroll = useScrollAnchor(source.scrollback, layout.shellWidth, layout.bodyHeight);
  const [timelineOnly, setTimelineOnly] = useState(false);
  const [quit, setQuit] = useState(false);
  const { exit } = useApp();
  useEffect(() => {
    if (!quit) return;
    onExit?.();
    exit();
  }, [quit, onExit, exit]);

  /** Scrolling, the timeline toggle and leaving; true when the action was one of them. */
  const onCommonAction = (action: ActionId): boolean => {
    if (scroll.onAction(action)) return true;
    if (action === 'viewer.timeline') setTimelineOnly((v) => !v);
    else if (action === 'viewer.quit') setQuit(true);
    else return false;
    return true;
  };
  return { cols, rows, tooSmall: cols < MIN_COLS || rows < MIN_ROWS, scroll, timelineOnly, onCommonAction };
}
