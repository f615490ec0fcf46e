// `zkpilot follow [ID]`: a read-only live mirror of a session being recorded, for the second
// operator's pane. It follows the newest output; the keymap's 'viewer' rows scroll back, follow
// again, show the timeline on narrow terminals and leave. Nothing typed here reaches the session.
import { useEffect, useState } from 'react';
import { Text } from 'ink';
import type { SessionFollower } from '../../sessions/follower.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { KeymapProvider } from '../input/KeymapContext.js';
import { DEFAULT_KEYMAP, type KeyContext, type Keymap } from '../input/keymap.js';
import { useKeypress } from '../input/useKeypress.js';
import type { TerminalSize } from '../useTerminalSize.js';
import { SessionView } from './SessionView.js';
import { useSessionViewer } from './useSessionViewer.js';

export const FOLLOW_CONTEXTS: readonly KeyContext[] = ['viewer'];

/** The status line's keys: `read-only · PgUp/PgDn scroll · End follow · … · notes: zkpilot note TEXT`. */
export function followHints(keymap: Keymap = DEFAULT_KEYMAP): string {
  return `read-only · ${keymap.hintLine(FOLLOW_CONTEXTS)} · notes: zkpilot note TEXT`;
}

export interface FollowAppProps {
  follower: SessionFollower;
  size?: TerminalSize;
  color?: boolean;
  keymap?: Keymap;
  onExit?: () => void;
}

export function FollowApp({ follower, size, color = colorFromEnv(), keymap = DEFAULT_KEYMAP, onExit }: FollowAppProps) {
  const v = useSessionViewer({ subscribe: follower.subscribe, getVersion: follower.getVersion, scrollback: () => follower.screen.scrollback }, size, onExit);
  // A recorder that dies writes nothing more: look again now and then so the status says so.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 2000);
    return () => clearInterval(timer);
  }, []);
  useKeypress((key) => {
    for (const action of keymap.actionsFor(FOLLOW_CONTEXTS, key.name)) if (v.onCommonAction(action)) return;
  });

  if (v.tooSmall) return <Text>{`pane too small (${v.cols}x${v.rows})`}</Text>;
  const s = follower.status;
  const end = follower.screen.header.ended;
  const status =
    s === 'live' ? `● LIVE · ${follower.screen.applied} events` : s === 'ended' ? `■ ended ${end?.clean ? 'clean' : 'unclean'}` : '✖ recorder gone (unclean)';
  return (
    <ThemeProvider theme={{ color }}>
      <KeymapProvider keymap={keymap}>
        <SessionView screen={follower.screen} badge="FOLLOW" cols={v.cols} rows={v.rows} status={status} hints={followHints(keymap)} anchor={v.scroll.anchor} timelineOnly={v.timelineOnly} />
      </KeymapProvider>
    </ThemeProvider>
  );
}
