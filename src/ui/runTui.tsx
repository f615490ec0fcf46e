// Mounts the console full screen and resolves with the exit code when the operator quits
// (`quit`, or Ctrl-D on an empty line). The shell is built by the caller; the TUI reads its
// output from the shell's event bus and answers its confirmation questions.
import { render } from 'ink';
import { ConsoleStore } from './console/consoleStore.js';
import { buildKeymap, type KeyOverrides } from './input/keymap.js';
import type { Completer } from '../shell/completion.js';
import type { Shell } from '../shell/shell.js';
import { fourLetterWord, parseConnectString, parseSrvr, shortServerVersion } from '../zk/fourLetter.js';
import { App, type PaneSlot } from './App.js';
import { enterFullscreen } from './fullscreen.js';

export interface RunTuiOptions {
  shell: Shell;
  completer: Completer;
  /** Cluster name or connect string, shown in the header. */
  title: string;
  /** A profile's colour cue for the header (production clusters: red with a PROD badge). */
  accent?: { colour: string; badge: string } | null;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Optional panes (ensemble, timeline, checklist) beside or above the shell pane. */
  panes?: readonly PaneSlot[];
  /** Lines shown at the top of the scrollback (e.g. the sandbox's connect details). */
  banner?: string;
  /** Scrollback capacity (default 10,000 lines). */
  maxScrollbackLines?: number;
  /** The session recording this run: the header shows REC● and its id. */
  recording?: { sessionId: string } | null;
  /** Header version probe; default `srvr` on the first answering server; null disables it. */
  probeServerVersion?: ((connectString: string) => Promise<string | null>) | null;
  /** The settings' key bindings (action id → keys, validated by src/profiles); default keys otherwise. */
  keyBindings?: KeyOverrides;
}

export async function runTui(opts: RunTuiOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const { shell } = opts;
  const model = new ConsoleStore({
    shell,
    completer: opts.completer,
    title: opts.title,
    accent: opts.accent,
    maxLines: opts.maxScrollbackLines,
    recording: opts.recording,
    keymap: buildKeymap(opts.keyBindings),
    probeServerVersion: opts.probeServerVersion === null ? undefined : (opts.probeServerVersion ?? probeServerVersion),
  });
  if (opts.banner) model.append('stdout', opts.banner, 'info');
  shell.setAsk(model.ask);
  const screen = enterFullscreen(stdout, stderr);
  let code = 0;
  try {
    const instance = render(<App model={model} panes={opts.panes} onExit={(c) => (code = c)} />, {
      stdout,
      stderr,
      stdin: opts.stdin ?? process.stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      // Not incremental: Ink 6.8's incremental writer rewinds `cursorUp(lines - 1)`, one row short
      // when a frame ends with a newline — which every rows-1 frame does — so the screen slid down a
      // row per repaint in tmux. The standard writer erases and rewrites the block inside a
      // synchronized-output pair (DEC 2026), which is anchor-safe. Revisit on Ink >= 7.
      incrementalRendering: false,
      // Ink starts a frame interval at every render, also one a poll round causes: a key typed
      // just after it waits for the interval to end. 30 frames a second (Ink's default) keeps that
      // wait under a keystroke's notice; output bursts are batched to one flush per 16 ms anyway.
      maxFps: 30,
    });
    await instance.waitUntilExit();
  } finally {
    shell.setAsk(undefined);
    model.dispose();
    screen.restore();
  }
  return code;
}

/** `srvr` on each server of the connect string in turn; the first answer's version, short form. */
export async function probeServerVersion(connectString: string, timeoutMs = 1500): Promise<string | null> {
  let servers;
  try {
    servers = parseConnectString(connectString).servers;
  } catch {
    return null;
  }
  for (const { host, port } of servers) {
    const reply = await fourLetterWord(host, port, 'srvr', { timeoutMs });
    if (reply.kind !== 'ok') continue;
    const version = parseSrvr(reply.text).version;
    if (version) return shortServerVersion(version);
  }
  return null;
}

/** `3.8.4-5a02a05e…, built on 2024-02-12 22:16 UTC` → `3.8.4`. */
