// Replay: the recorded screen rebuilt read-only. Playback honours the recorded gaps (scaled by
// speed, idle cut), steps by event with each command's output, jumps between marks, and seeking
// back shows exactly the recording up to that point. The Ink screen answers its keys.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Playback } from '../../src/sessions/playback.js';
import { startRecording } from '../../src/sessions/recorder.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import type { RecordedEvent } from '../../src/sessions/sessionEvents.js';
import { ReplayApp } from '../../src/ui/replay/ReplayApp.js';
import { offlineShell, removeTempDirs, stripAnsi, tempDir, waitFor } from './helpers.js';

afterEach(() => cleanup());
afterAll(removeTempDirs);

const T0 = Date.UTC(2025, 9, 5, 9, 12, 44);

/** A small session by hand, with controlled times. */
function events(): RecordedEvent[] {
  let t = T0;
  const at = (dt: number) => (t += dt);
  return [
    { type: 'start', ts: at(0), v: 1, id: 'r1', operator: 'alice', cluster: 'prod-a', connectString: 'zk1:2181', version: '0.1.0', term: { cols: 100, rows: 30 }, mode: 'tui', pid: 1, host: 'h', runbook: null, env: {} },
    { type: 'session.state', ts: at(100), state: 'CONNECTED', previous: 'CONNECTING', connectString: 'zk1:2181', sessionId: '1' },
    { type: 'command.start', ts: at(1000), id: 0, line: 'ls /', source: 'tui' },
    { type: 'output', ts: at(5), line: { stream: 'stdout', text: '[zookeeper]', tone: 'plain' }, commandId: 0 },
    { type: 'command.end', ts: at(1), id: 0, exitCode: 0, durationMs: 6 },
    { type: 'mark', ts: at(60_000), label: 'before restart', author: 'alice', origin: 'console' },
    { type: 'ensemble.event', ts: at(500), event: { kind: 'leader.elected', node: { id: 3, key: 'zk3:2181' }, epoch: 2, previous: null, text: 'leader elected: server.3 (zk3:2181), epoch 2', severity: 'ok' } },
    { type: 'command.start', ts: at(2000), id: 1, line: 'get /missing', source: 'tui' },
    { type: 'output', ts: at(3), line: { stream: 'stderr', text: 'Node does not exist: /missing', tone: 'error' }, commandId: 1 },
    { type: 'command.end', ts: at(1), id: 1, exitCode: 1, durationMs: 4 },
    { type: 'mark', ts: at(100), label: 'after restart', author: 'bob', origin: 'pair' },
    { type: 'end', ts: at(100), clean: true, exitCode: 0, reason: null },
  ];
}

describe('playback', () => {
  it('steps by event, a command together with its output, and back', () => {
    const p = new Playback('r1', events());
    p.pause();
    p.stepForward(); // start
    p.stepForward(); // session state
    p.stepForward(); // ls / with its output and result
    expect(p.position).toBe(5);
    expect(p.screen.scrollback.texts()).toEqual(['[zk: zk1:2181(CONNECTED) 0] ls /', '[zookeeper]']);
    p.stepForward();
    p.stepForward();
    expect(p.screen.header.leader).toBe('server.3 (zk3:2181)');
    p.stepBack();
    expect(p.position).toBe(6);
    expect(p.screen.header.leader).toBeNull();
    p.stepBack();
    expect(p.screen.scrollback.texts()).toEqual(['[zk: zk1:2181(CONNECTED) 0] ls /', '[zookeeper]']);
    p.seek(0);
    expect(p.screen.scrollback.texts()).toEqual([]);
    p.dispose();
  });

  it('m jumps from mark to mark, M back; says when there is none', () => {
    const p = new Playback('r1', events());
    p.pause();
    p.jumpMark(1);
    expect(p.position).toBe(6);
    expect(p.screen.timeline.at(-1)?.text).toBe('before restart');
    p.jumpMark(1);
    expect(p.position).toBe(11);
    expect(p.screen.scrollback.texts()).toContain('Node does not exist: /missing');
    p.jumpMark(1);
    expect(p.flash).toBe('no later mark');
    expect(p.position).toBe(11);
    p.jumpMark(-1);
    expect(p.position).toBe(6);
    p.dispose();
  });

  it('plays with the recorded gaps scaled by speed, idle time cut', async () => {
    const p = new Playback('r1', events(), { speed: 20, maxGapMs: 200 });
    const started = Date.now();
    p.play();
    await waitFor(() => p.done, () => `at ${p.position}`, 5000);
    // Gaps: 100+1000+60000+… ms, each cut to 200 ms, divided by 20: about 0.1 s in all.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(p.screen.header.ended).toEqual({ clean: true });
    p.dispose();
  });
});

describe('replay screen', () => {
  it('shows the session read-only and answers space, arrows, m and q', async () => {
    const p = new Playback('r1', events());
    p.pause();
    const exits: number[] = [];
    const r = render(<ReplayApp playback={p} size={{ cols: 120, rows: 30 }} color={false} onExit={() => exits.push(1)} />);
    const frame = () => stripAnsi(r.lastFrame() ?? '');
    await waitFor(() => frame().includes('REPLAY') && r.stdin.listenerCount('readable') > 0, frame);
    expect(frame()).toContain('❚❚ paused');
    r.stdin.write('\x1b[C'); // →
    r.stdin.write('\x1b[C');
    r.stdin.write('\x1b[C');
    await waitFor(() => frame().includes('[zookeeper]'), frame);
    expect(frame()).toContain('event 5/12');
    r.stdin.write('m');
    await waitFor(() => frame().includes('⚑ before restart'), frame);
    r.stdin.write('m');
    await waitFor(() => frame().includes('⚑ after restart'), frame);
    expect(frame()).toContain('$ get /missing → exit 1');
    expect(frame()).toContain('leader server.3 (zk3:2181)');
    r.stdin.write('\x1b[D'); // ←
    await waitFor(() => !frame().includes('⚑ after restart'), frame);
    r.stdin.write(' ');
    await waitFor(() => frame().includes('■ end'), frame);
    r.stdin.write('q');
    await waitFor(() => exits.length === 1, frame);
    p.dispose();
  });

  it('replays a real recording from the recorder', async () => {
    const root = tempDir('replay');
    const { bus, shell } = offlineShell();
    const rec = startRecording({ bus, shell }, { cluster: 'lab', operator: 'alice', sessionsDir: root, exitHook: false });
    await shell.execute('say replayed line', 'tui');
    rec.mark('end of work');
    rec.close(true);
    const p = new Playback(rec.id, readSession(rec.ref).events, { speed: 1000 });
    p.play();
    await waitFor(() => p.done);
    expect(p.screen.scrollback.texts()).toEqual(['[zk: lab(NOT_CONNECTED) 0] say replayed line', 'replayed line', '⚑ mark (alice): end of work']);
    p.dispose();
  });
});
