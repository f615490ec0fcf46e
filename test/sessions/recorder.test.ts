// The recorder in-process: every bus event lands in events.jsonl at once (one line each, redacted),
// the lifecycle is recorded, files and directories are private, the screen tee copies what the UI
// writes, and every reader survives a torn line.
import { EventEmitter } from 'node:events';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionFollower } from '../../src/sessions/follower.js';
import { exportSession } from '../../src/sessions/exportSession.js';
import { castProblems } from '../../src/sessions/castFormat.js';
import { appendNote } from '../../src/sessions/pairing.js';
import { startRecording } from '../../src/sessions/recorder.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import { listSessionRefs, resolveSession } from '../../src/sessions/sessionStore.js';
import { summarise } from '../../src/sessions/sessionSummary.js';
import { offlineShell, removeTempDirs, tempDir, waitFor } from './helpers.js';

afterAll(removeTempDirs);

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  readonly chunks: string[] = [];
  write(s: string): boolean {
    this.chunks.push(s);
    return true;
  }
}

describe('recorder', () => {
  it('round-trips every bus event, one flushed line each, between start and a clean end', async () => {
    const root = tempDir('roundtrip');
    const { bus, shell } = offlineShell();
    const rec = startRecording({ bus, shell }, { cluster: 'prod-a', connectString: '127.0.0.1:2181', operator: 'alice', sessionsDir: root, termSize: { cols: 120, rows: 40 } });
    expect(rec.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(statSync(rec.dir).mode & 0o777).toBe(0o700);
    expect(statSync(rec.ref.eventsFile).mode & 0o777).toBe(0o600);
    const start = lines(rec.ref.eventsFile)[0]!;
    expect(start).toMatchObject({ type: 'start', id: rec.id, operator: 'alice', cluster: 'prod-a', connectString: '127.0.0.1:2181', term: { cols: 120, rows: 40 }, mode: 'tui', pid: process.pid });
    expect(typeof start['version']).toBe('string');

    await shell.execute('say hello world', 'tui');
    // Written before execute returned: nothing waits in a buffer.
    const afterSay = lines(rec.ref.eventsFile).map((l) => l['type']);
    expect(afterSay).toEqual(['start', 'command.start', 'output', 'command.end']);
    await shell.execute('fail', 'tui');
    // A type this module has never heard of (a checklist transition) is recorded as it is.
    bus.emit({ type: 'checklist.step', runbook: 'rolling-restart', step: '2', status: 'done' } as never);
    bus.emit({ type: 'ensemble.event', event: { kind: 'leader.elected', node: { id: 2, key: '127.0.0.1:2182' }, epoch: 3, previous: null, seq: 1, ts: Date.now(), severity: 'ok', text: 'leader elected: server.2 (127.0.0.1:2182), epoch 3' } });
    rec.note('watch server 3');
    expect(rec.mark()).toBe('mark 1');
    rec.resize(80, 24);
    rec.close(true, 0);
    rec.close(false); // idempotent: the first close wins
    bus.emit({ type: 'notice', level: 'info', text: 'after close' });

    const all = lines(rec.ref.eventsFile);
    expect(all.map((l) => l['type'])).toEqual([
      'start', 'command.start', 'output', 'command.end', 'command.start', 'output', 'command.end',
      'checklist.step', 'ensemble.event', 'note', 'mark', 'resize', 'end',
    ]);
    expect(all[2]).toMatchObject({ type: 'output', line: { stream: 'stdout', text: 'hello world' }, commandId: 0 });
    expect(all[6]).toMatchObject({ type: 'command.end', exitCode: 3 });
    expect(all[7]).toMatchObject({ runbook: 'rolling-restart', step: '2', status: 'done' });
    expect(all[9]).toMatchObject({ text: 'watch server 3', author: 'alice', origin: 'console' });
    expect(all[12]).toMatchObject({ type: 'end', clean: true, exitCode: 0 });

    const session = readSession(resolveSession(root, rec.id));
    expect(session.events).toHaveLength(13);
    expect(summarise(session)).toMatchObject({ operator: 'alice', cluster: 'prod-a', commands: 2, errors: 1, notes: 1, status: 'clean', runbook: 'rolling-restart' });
  });

  it('takes the operator from $USER unless one is given', () => {
    const root = tempDir('operator');
    const { bus } = offlineShell();
    const saved = process.env['USER'];
    process.env['USER'] = 'from-env';
    try {
      const rec = startRecording({ bus }, { cluster: 'c', sessionsDir: root, exitHook: false });
      rec.close(true);
      expect(readSession(rec.ref).start?.operator).toBe('from-env');
    } finally {
      process.env['USER'] = saved;
    }
  });

  it('redacts what it records, including secrets learned at run time', async () => {
    const root = tempDir('redact');
    const { bus, shell } = offlineShell();
    shell.secrets.add('typed-at-a-prompt');
    const rec = startRecording({ bus, shell }, { cluster: 'c', sessionsDir: root, exitHook: false });
    bus.emit({ type: 'notice', level: 'warn', text: 'restart: java -Dzookeeper.DigestAuthenticationProvider.superDigest=super:i0dfILVO7NNgEeO9A59jZ+3vrkM= Main' });
    bus.emit({ type: 'output', line: { stream: 'stdout', text: '{"superDigest": {"user": "super", "password": "typed-at-a-prompt"}}', tone: 'plain' }, commandId: null });
    rec.note('password=hunter2 is the old one');
    rec.close(true);
    const text = readFileSync(rec.ref.eventsFile, 'utf8');
    for (const secret of ['i0dfILVO7NNgEeO9A59jZ+3vrkM=', 'typed-at-a-prompt', 'hunter2']) expect(text).not.toContain(secret);
    expect(text).toContain('superDigest=super:***');
  });

  it('keeps recording past an event that is not plain data', () => {
    const root = tempDir('oddevent');
    const { bus } = offlineShell();
    const rec = startRecording({ bus }, { cluster: 'c', sessionsDir: root, exitHook: false });
    const cyclic: Record<string, unknown> = { kind: 'weird' };
    cyclic['self'] = cyclic;
    bus.emit({ type: 'zxid.seen', zxid: 0x500000012abn } as never);
    bus.emit({ type: 'cyclic', payload: cyclic } as never);
    bus.emit({ type: 'notice', level: 'info', text: 'still recording' });
    rec.close(true);
    expect(rec.problem).toBeNull();
    const types = readSession(rec.ref).events.map((e) => [e.type, e['zxid']]);
    expect(types).toEqual([['start', undefined], ['zxid.seen', '5497558143659'], ['cyclic', undefined], ['notice', undefined], ['end', undefined]]);
  });

  it('tees the screen into screen.cast (redacted) and records terminal resizes', () => {
    const root = tempDir('tee');
    const { bus } = offlineShell();
    const rec = startRecording({ bus }, { cluster: 'c', sessionsDir: root, exitHook: false });
    const tty = new FakeTty();
    const screen = rec.teeScreen(tty as unknown as NodeJS.WriteStream);
    expect(screen.isTTY).toBe(true);
    expect(screen.columns).toBe(100);
    screen.write('\x1b[1mframe one\x1b[0m\n');
    screen.write('addauth digest super:on-screen-secret\n');
    tty.columns = 132;
    tty.rows = 43;
    tty.emit('resize');
    rec.close(true);
    expect(tty.chunks).toEqual(['\x1b[1mframe one\x1b[0m\n', 'addauth digest super:on-screen-secret\n']); // the terminal gets every byte
    const cast = readFileSync(rec.ref.screenFile, 'utf8');
    expect(castProblems(cast)).toEqual([]);
    expect(cast).toContain('frame one');
    expect(cast).not.toContain('on-screen-secret');
    expect(cast).toContain('"r","132x43"');
    expect(statSync(rec.ref.screenFile).mode & 0o777).toBe(0o600);
    expect(readSession(rec.ref).events.find((e) => e.type === 'resize')).toMatchObject({ cols: 132, rows: 43 });
  });

  it('a torn line (kill -9 mid-write) is tolerated by the reader, the listing, pairing, exports and follow', async () => {
    const root = tempDir('torn');
    const { bus, shell } = offlineShell();
    const rec = startRecording({ bus, shell }, { cluster: 'c', sessionsDir: root, exitHook: false });
    await shell.execute('say before the tear', 'tui');
    rec.close(true);
    appendFileSync(rec.ref.eventsFile, '{"type":"output","ts":17');
    let session = readSession(rec.ref);
    expect(session.skippedLines).toBe(1);
    expect(session.events.map((e) => e.type)).toEqual(['start', 'command.start', 'output', 'command.end', 'end']);
    expect(listSessionRefs(root).map((r) => r.id)).toEqual([rec.id]);
    // A note appended after the tear starts on a line of its own and stays readable.
    appendNote(rec.ref, 'added after the crash', 'bob');
    session = readSession(rec.ref);
    expect(session.skippedLines).toBe(1);
    expect(session.events[session.events.length - 1]).toMatchObject({ type: 'note', text: 'added after the crash', origin: 'pair' });
    for (const format of ['cast', 'md', 'jsonl'] as const) expect(exportSession(session, format).length).toBeGreaterThan(0);
    expect(castProblems(exportSession(session, 'cast'))).toEqual([]);
    const follower = new SessionFollower(rec.ref).begin();
    try {
      await waitFor(() => follower.screen.applied === 6);
      expect(follower.screen.scrollback.texts()).toContain('before the tear');
    } finally {
      follower.stop();
    }
  });
});
