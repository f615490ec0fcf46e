// `zkpilot follow [ID]`: a read-only live mirror of a session being recorded, for the second
// operator's pane. It follows the newest output; PgUp/PgDn scroll back, End follows again,
// t shows the timeline on narrow terminals, q leaves. Nothing typed here reaches the session.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Text, useApp } from 'ink';
import type { SessionFollower } from '../../sessions/follower.js';
import { MIN_COLS, MIN_ROWS } from '../App.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { useKeypress } from '../useKeypress.js';
import { useTerminalSize, type TerminalSize } from '../useTerminalSize.js';
import { SessionView, viewLayout } from './SessionView.js';
import { useScrollAnchor } from './useScrollAnchor.js';

export const FOLLOW_HINTS = 'read-only · PgUp/PgDn scroll · End follow · t timeline · q quit · notes: zkpilot note TEXT';

export interface FollowAppProps {
  follower: SessionFollower;
  size?: TerminalSize;
  color?: boolean;
  onExit?: () => void;
}

export function FollowApp({ follower, size, color = colorFromEnv(), onExit }: FollowAppProps) {
  const { cols, rows } = useTerminalSize(size);
  useSyncExternalStore(follower.subscribe, follower.getVersion, follower.getVersion);
  const layout = viewLayout(cols, rows);
  const scroll = useScrollAnchor(() => follower.screen.scrollback, layout.shellWidth, layout.bodyHeight);
  const [timelineOnly, setTimelineOnly] = useState(false);
  const [quit, setQuit] = useState(false);
  const { exit } = useApp();
  // A recorder that dies writes nothing more: look again now and then so the status says so.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 2000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!quit) return;
    onExit?.();
    exit();
  }, [quit, onExit, exit]);

  useKeypress((key) => {
    if (scroll.onKey(key.name)) return;
    if (key.name === 't') setTimelineOnly((v) => !v);
    else if (key.name === 'q' || key.name === 'esc' || key.name === 'ctrl+c') setQuit(true);
  });

  if (cols < MIN_COLS || rows < MIN_ROWS) return <Text>{`pane too small (${cols}x${rows})`}</Text>;
  const s = follower.status;
  const end = follower.screen.header.ended;
  const status =
    s === 'live' ? `● LIVE · ${follower.screen.applied} events` : s === 'ended' ? `■ ended ${end?.clean ? 'clean' : 'unclean'}` : '✖ recorder gone (unclean)';
  return (
    <ThemeProvider theme={{ color }}>
      <SessionView screen={follower.screen} badge="FOLLOW" cols={cols} rows={rows} status={status} hints={FOLLOW_HINTS} anchor={scroll.anchor} timelineOnly={timelineOnly} />
    </ThemeProvider>
  );
}
