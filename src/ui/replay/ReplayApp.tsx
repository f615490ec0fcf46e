// `zkpilot replay ID`: the recorded session played back read-only. The keymap's 'replay' rows
// pause, step by event (a command with its output is one step), jump between marks and change the
// speed; its 'viewer' rows scroll, toggle the timeline on narrow terminals and leave.
import { Text } from 'ink';
import type { Playback } from '../../sessions/playback.js';
import { elapsed } from '../../sessions/timeFormat.js';
import { ThemeProvider, colorFromEnv } from '../theme.js';
import { KeymapProvider } from '../input/KeymapContext.js';
import { DEFAULT_KEYMAP, type ActionId, type KeyContext, type Keymap } from '../input/keymap.js';
import { useKeypress } from '../input/useKeypress.js';
import type { TerminalSize } from '../useTerminalSize.js';
import { SessionView } from './SessionView.js';
import { useSessionViewer } from './useSessionViewer.js';

export const REPLAY_CONTEXTS: readonly KeyContext[] = ['replay', 'viewer'];

/** The status line's keys: `space pause · ←/→ event · m/M mark · +/- speed · …`. */
export function replayHints(keymap: Keymap = DEFAULT_KEYMAP): string {
  return keymap.hintLine(REPLAY_CONTEXTS);
}

export interface ReplayAppProps {
  playback: Playback;
  size?: TerminalSize;
  color?: boolean;
  keymap?: Keymap;
  onExit?: () => void;
}

export function ReplayApp({ playback, size, color = colorFromEnv(), keymap = DEFAULT_KEYMAP, onExit }: ReplayAppProps) {
  const v = useSessionViewer({ subscribe: playback.subscribe, getVersion: playback.getVersion, scrollback: () => playback.screen.scrollback }, size, onExit);
  const scroll = v.scroll;
  const perform = (action: ActionId): boolean => {
    const seek = (fn: () => void) => {
      fn();
      scroll.reset();
    };
    switch (action) {
      case 'replay.pause':
        playback.togglePause();
        return true;
      case 'replay.stepForward':
        seek(() => playback.stepForward());
        return true;
      case 'replay.stepBack':
        seek(() => playback.stepBack());
        return true;
      case 'replay.nextMark':
        seek(() => playback.jumpMark(1));
        return true;
      case 'replay.prevMark':
        seek(() => playback.jumpMark(-1));
        return true;
      case 'replay.faster':
        playback.faster(1);
        return true;
      case 'replay.slower':
        playback.faster(-1);
        return true;
      default:
        return v.onCommonAction(action);
    }
  };
  useKeypress((key) => {
    for (const action of keymap.actionsFor(REPLAY_CONTEXTS, key.name)) if (perform(action)) return;
  });

  if (v.tooSmall) return <Text>{`pane too small (${v.cols}x${v.rows})`}</Text>;
  const h = playback.screen.header;
  const state = playback.done ? '■ end' : playback.paused ? '❚❚ paused' : '▶ playing';
  const at = h.at !== null && h.startedAt !== null ? ` ${elapsed(h.at - h.startedAt)}` : '';
  const status = `${state} ${playback.speed}× · event ${playback.position}/${playback.events.length}${at}${playback.flash ? ` · ${playback.flash}` : ''}`;
  return (
    <ThemeProvider theme={{ color }}>
      <KeymapProvider keymap={keymap}>
        <SessionView screen={playback.screen} badge="REPLAY" cols={v.cols} rows={v.rows} status={status} hints={replayHints(keymap)} anchor={scroll.anchor} timelineOnly={v.timelineOnly} />
      </KeymapProvider>
    </ThemeProvider>
  );
}
