// Pairing over tmux: a second process (the watcher's pane) adds notes and marks to the live
// session, and they appear at once in the running console; `follow` mirrors the session
// read-only, in Ink and as plain text when piped.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { sessionCommands } from '../../src/commands/session/index.js';
import { SessionFollower } from '../../src/sessions/follower.js';
import { startRecording, type Recorder } from '../../src/sessions/recorder.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import { App } from '../../src/ui/App.js';
import { FollowApp } from '../../src/ui/replay/FollowApp.js';
import { offlineShell, removeTempDirs, runCli, stripAnsi, waitFor, xdgHome } from './helpers.js';

afterEach(() => cleanup());
afterAll(removeTempDirs);

function liveConsole(sessionsDir: string) {
  const { bus, shell, registry, completer } = offlineShell();
  const recorder = startRecording({ bus, shell }, { cluster: 'pair-lab', operator: 'alice', sessionsDir, exitHook: false });
  registry.registerAll(sessionCommands(recorder));
  const model = new ConsoleStore({ shell, completer, title: 'pair-lab', recording: { sessionId: recorder.id } });
  shell.setAsk(model.ask);
  const r = render(<App model={model} size={{ cols: 100, rows: 30 }} color={false} />);
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  return { shell, recorder, model, r, frame, until: (text: string, timeoutMs?: number) => waitFor(() => frame().includes(text), frame, timeoutMs) };
}

function notesIn(recorder: Recorder) {
  return readSession(recorder.ref).events.filter((e) => e.type === 'note' || e.type === 'mark');
}

describe('pairing from another pane', () => {
  it('shows REC and the session id in the header', async () => {
    const { sessionsDir } = xdgHome('rec');
    const t = liveConsole(sessionsDir);
    await t.until('REC●');
    expect(t.frame().split('\n')[0]).toContain(`REC● ${t.recorder.id}`);
    t.recorder.close(true);
  });

  it('a note from a second process appears in the running console at once, recorded once', async () => {
    const { env, sessionsDir } = xdgHome('note');
    const t = liveConsole(sessionsDir);
    await t.shell.execute('say working on server 2', 'tui');
    const child = runCli(['note', 'leader', '2 looks slow'], env);
    expect(await child.exited).toMatchObject({ code: 0 });
    expect(child.stdout()).toBe(`noted in ${t.recorder.id}\n`);
    // "At once": the console watches the session's inbox; a second is generous.
    await t.until('✎ note (pairing-bob, other pane): leader 2 looks slow', 1000);

    // A mark by --session (an id suffix is enough), with the operator named explicitly.
    const suffix = t.recorder.id.split('-').pop()!;
    const mark = runCli(['mark', '--session', suffix, '--operator', 'dave', 'before', 'reconfig'], env);
    expect(await mark.exited).toMatchObject({ code: 0 });
    await t.until('⚑ mark (dave, other pane): before reconfig');

    // The console's own note command goes the same way.
    await t.shell.execute('note rolling back', 'tui');
    await t.until('✎ note (alice): rolling back');
    t.recorder.close(true);
    expect(notesIn(t.recorder).map((e) => [e.type, e['origin'], e['author']])).toEqual([
      ['note', 'pair', 'pairing-bob'],
      ['mark', 'pair', 'dave'],
      ['note', 'console', 'alice'],
    ]);
  });

  it('note without a live session says so and exits 1; an empty note is a usage error', async () => {
    const { env } = xdgHome('nolive');
    const none = runCli(['note', 'hello'], env);
    expect(await none.exited).toMatchObject({ code: 1 });
    expect(none.stderr()).toContain('no session is being recorded');
    const empty = runCli(['note'], env);
    expect(await empty.exited).toMatchObject({ code: 2 });
  });

  it('follow mirrors the live session read-only (Ink), including notes from other panes', async () => {
    const { env, sessionsDir } = xdgHome('follow');
    const { bus, shell, registry } = offlineShell();
    const recorder = startRecording({ bus, shell }, { cluster: 'follow-lab', operator: 'alice', sessionsDir, exitHook: false });
    registry.registerAll(sessionCommands(recorder));
    const follower = new SessionFollower(recorder.ref).begin();
    const r = render(<FollowApp follower={follower} size={{ cols: 120, rows: 30 }} color={false} />);
    const frame = () => stripAnsi(r.lastFrame() ?? '');
    try {
      await shell.execute('say the follower sees this', 'tui');
      await waitFor(() => frame().includes('the follower sees this'), frame);
      expect(frame()).toContain('FOLLOW');
      expect(frame()).toContain('● LIVE');
      const child = runCli(['note', 'seen from pane 3'], env);
      expect(await child.exited).toMatchObject({ code: 0 });
      await waitFor(() => frame().includes('seen from pane 3'), frame);
      r.stdin.write('x'); // keys other than q/scroll/t do nothing: nothing reaches the session
      await shell.execute('fail', 'tui');
      await waitFor(() => frame().includes('$ fail → exit 3'), frame);
      recorder.close(true);
      await waitFor(() => frame().includes('ended clean'), frame);
      expect(readSession(recorder.ref).events.filter((e) => e.type === 'command.start')).toHaveLength(2);
    } finally {
      follower.stop();
    }
  });

  it('follow piped to another program prints the session as text until it ends', async () => {
    const { env, sessionsDir } = xdgHome('plain');
    const { bus, shell } = offlineShell();
    const recorder = startRecording({ bus, shell }, { cluster: 'plain-lab', operator: 'alice', sessionsDir, exitHook: false });
    const child = runCli(['follow'], env);
    await shell.execute('say streamed to a pipe', 'tui');
    await waitFor(() => child.stdout().includes('streamed to a pipe'), child.stdout);
    recorder.note('a note for the log');
    recorder.close(true);
    expect(await child.exited).toMatchObject({ code: 0 });
    const out = child.stdout();
    expect(out).toContain('$ say streamed to a pipe');
    expect(out).toContain('note (alice): a note for the log');
    expect(out).toContain('recording ended (clean)');
    expect(readFileSync(recorder.ref.eventsFile, 'utf8')).toContain('a note for the log');
  });
});
