// `zkpilot follow [ID]`: a read-only live mirror of a session being recorded, for the second
// operator's pane. It follows the newest output; PgUp/PgDn scroll back, End follows again,
// t shows the timeline on narrow terminals, q leaves. Nothing typed here reaches the session.
import { useEffect, useState } from 'react';
import { Text } from 'ink';
import type { SessionFollower } from '../../sessions/follower.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { useKeypress } from '../useKeypress.js';
import type { TerminalSize } from '../useTerminalSize.js';
import { SessionView } from './SessionView.js';
import { useSessionViewer } from './useSessionViewer.js';

export const FOLLOW_HINTS = 'read-only · PgUp/PgDn scroll · End follow · t timeline · q quit · notes: zkpilot note TEXT';

export interface FollowAppProps {
  follower: SessionFollower;
  size?: TerminalSize;
  color?: boolean;
  onExit?: () => void;
}

export function FollowApp({ follower, size, color = colorFromEnv(), onExit }: FollowAppProps) {
  const v = useSessionViewer({ subscribe: follower.subscribe, getVersion: follower.getVersion, scrollback: () => follower.screen.scrollback }, size, onExit);
  // A recorder that dies writes nothing more: look again now and then so the status says so.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 2000);
    return () => clearInterval(timer);
  }, []);
  useKeypress((key) => {
    v.onCommonKey(key.name);
  });

  if (v.tooSmall) return <Text>{`pane too small (${v.cols}x${v.rows})`}</Text>;
  const s = follower.status;
  const end = follower.screen.header.ended;
  const status =
    s === 'live' ? `● LIVE · ${follower.screen.applied} events` : s === 'ended' ? `■ ended ${end?.clean ? 'clean' : 'unclean'}` : '✖ recorder gone (unclean)';
  return (
    <ThemeProvider theme={{ color }}>
      <SessionView screen={follower.screen} badge="FOLLOW" cols={v.cols} rows={v.rows} status={status} hints={FOLLOW_HINTS} anchor={v.scroll.anchor} timelineOnly={v.timelineOnly} />
    </ThemeProvider>
  );
}
