// Mounts replay and follow full screen, like the console (alternate screen, restored on any exit),
// and resolves when the operator leaves with q.
import type { ReactElement } from 'react';
import { render } from 'ink';
import type { SessionFollower } from '../../sessions/follower.js';
import type { Playback } from '../../sessions/playback.js';
import { enterFullscreen } from '../fullscreen.js';
import { buildKeymap, type KeyOverrides } from '../input/keymap.js';
import { FollowApp } from './FollowApp.js';
import { ReplayApp } from './ReplayApp.js';

export interface ScreenStreams {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** The settings' key bindings; default keys otherwise. */
  keyBindings?: KeyOverrides;
}

async function mount(node: ReactElement, io: ScreenStreams): Promise<void> {
  const stdout = io.stdout ?? process.stdout;
  const screen = enterFullscreen(stdout, io.stderr ?? process.stderr);
  try {
    const instance = render(node, {
      stdout,
      stderr: io.stderr ?? process.stderr,
      stdin: io.stdin ?? process.stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: false, // see runTui.tsx: the standard writer is anchor-safe in tmux
      maxFps: 15,
    });
    await instance.waitUntilExit();
  } finally {
    screen.restore();
  }
}

export async function runReplayScreen(playback: Playback, io: ScreenStreams = {}): Promise<void> {
  playback.play();
  try {
    await mount(<ReplayApp playback={playback} keymap={buildKeymap(io.keyBindings)} />, io);
  } finally {
    playback.dispose();
  }
}

export async function runFollowScreen(follower: SessionFollower, io: ScreenStreams = {}): Promise<void> {
  follower.begin();
  try {
    await mount(<FollowApp follower={follower} keymap={buildKeymap(io.keyBindings)} />, io);
  } finally {
    follower.stop();
  }
}
