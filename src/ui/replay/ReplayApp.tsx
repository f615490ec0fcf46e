// `zkpilot replay ID`: the recorded session played back read-only. Space pauses, ←/→ step by
// event (a command with its output is one step), m / M jump to the next / previous mark, +/-
// change the speed, PgUp/PgDn scroll, t shows the timeline on narrow terminals, q leaves.
import { Text } from 'ink';
import type { Playback } from '../../sessions/playback.js';
import { elapsed } from '../../sessions/timeFormat.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { useKeypress } from '../useKeypress.js';
import type { TerminalSize } from '../useTerminalSize.js';
import { SessionView } from './SessionView.js';
import { useSessionViewer } from './useSessionViewer.js';

export const REPLAY_HINTS = 'space pause · ←/→ event · m/M mark · +/- speed · PgUp/PgDn scroll · t timeline · q quit';

export interface ReplayAppProps {
  playback: Playback;
  size?: TerminalSize;
  color?: boolean;
  onExit?: () => void;
}

export function ReplayApp({ playback, size, color = colorFromEnv(), onExit }: ReplayAppProps) {
  const v = useSessionViewer({ subscribe: playback.subscribe, getVersion: playback.getVersion, scrollback: () => playback.screen.scrollback }, size, onExit);
  const scroll = v.scroll;
  useKeypress((key) => {
    if (v.onCommonKey(key.name)) return;
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
      default:
        break;
    }
  });

  if (v.tooSmall) return <Text>{`pane too small (${v.cols}x${v.rows})`}</Text>;
  const h = playback.screen.header;
  const state = playback.done ? '■ end' : playback.paused ? '❚❚ paused' : '▶ playing';
  const at = h.at !== null && h.startedAt !== null ? ` ${elapsed(h.at - h.startedAt)}` : '';
  const status = `${state} ${playback.speed}× · event ${playback.position}/${playback.events.length}${at}${playback.flash ? ` · ${playback.flash}` : ''}`;
  return (
    <ThemeProvider theme={{ color }}>
      <SessionView screen={playback.screen} badge="REPLAY" cols={v.cols} rows={v.rows} status={status} hints={REPLAY_HINTS} anchor={scroll.anchor} timelineOnly={v.timelineOnly} />
    </ThemeProvider>
  );
}
