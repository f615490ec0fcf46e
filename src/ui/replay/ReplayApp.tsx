// `zkpilot replay ID`: the recorded session played back read-only. Space pauses, ←/→ step by
// event (a command with its output is one step), m / M jump to the next / previous mark, +/-
// change the speed, PgUp/PgDn scroll, t shows the timeline on narrow terminals, q leaves.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Text, useApp } from 'ink';
import type { Playback } from '../../sessions/playback.js';
import { elapsed } from '../../sessions/timeFormat.js';
import { MIN_COLS, MIN_ROWS } from '../App.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { useKeypress } from '../useKeypress.js';
import { useTerminalSize, type TerminalSize } from '../useTerminalSize.js';
import { SessionView, viewLayout } from './SessionView.js';
import { useScrollAnchor } from './useScrollAnchor.js';

export const REPLAY_HINTS = 'space pause · ←/→ event · m/M mark · +/- speed · PgUp/PgDn scroll · t timeline · q quit';

export interface ReplayAppProps {
  playback: Playback;
  size?: TerminalSize;
  color?: boolean;
  onExit?: () => void;
}

export function ReplayApp({ playback, size, color = colorFromEnv(), onExit }: ReplayAppProps) {
  const { cols, rows } = useTerminalSize(size);
  useSyncExternalStore(playback.subscribe, playback.getVersion, playback.getVersion);
  const layout = viewLayout(cols, rows);
  const scroll = useScrollAnchor(() => playback.screen.scrollback, layout.shellWidth, layout.bodyHeight);
  const [timelineOnly, setTimelineOnly] = useState(false);
  const { exit } = useApp();
  const [quit, setQuit] = useState(false);
  useEffect(() => {
    if (!quit) return;
    onExit?.();
    exit();
  }, [quit, onExit, exit]);

  useKeypress((key) => {
    if (scroll.onKey(key.name)) return;
    const seek = (fn: () => void) => {
      fn();
      scroll.reset();
    };
    switch (key.name) {
      case 'space':
        playback.togglePause();
        break;
      case 'right':
        seek(() => playback.stepForward());
        break;
      case 'left':
        seek(() => playback.stepBack());
        break;
      case 'm':
        seek(() => playback.jumpMark(1));
        break;
      case 'M':
        seek(() => playback.jumpMark(-1));
        break;
      case '+':
      case '=':
        playback.faster(1);
        break;
      case '-':
        playback.faster(-1);
        break;
      case 't':
        setTimelineOnly((v) => !v);
        break;
      case 'q':
      case 'esc':
      case 'ctrl+c':
        setQuit(true);
        break;
      default:
        break;
    }
  });

  if (cols < MIN_COLS || rows < MIN_ROWS) return <Text>{`pane too small (${cols}x${rows})`}</Text>;
  const h = playback.screen.header;
  const state = playback.done ? '■ end' : playback.paused ? '❚❚ paused' : '▶ playing';
  const at = h.at !== null && h.startedAt !== null ? ` ${elapsed(h.at - h.startedAt)}` : '';
  const status = `${state} ${playback.speed}× · event ${playback.position}/${playback.events.length}${at}${playback.flash ? ` · ${playback.flash}` : ''}`;
  return (
    <ThemeProvider theme={{ color }}>
      <SessionView screen={playback.screen} badge="REPLAY" cols={cols} rows={rows} status={status} hints={REPLAY_HINTS} anchor={scroll.anchor} timelineOnly={timelineOnly} />
    </ThemeProvider>
  );
}
