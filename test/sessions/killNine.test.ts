// A console killed with SIGKILL in the middle of a command: the recording keeps everything up to
// the last whole line, is listed as unclean, and every export still works. A process that exits
// without closing its recording (a signal handler's exit, a crash) marks the session unclean too.
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { castProblems } from '../../src/sessions/castFormat.js';
import { exportSession } from '../../src/sessions/exportSession.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import { listSessionRefs } from '../../src/sessions/sessionStore.js';
import { runSessionsCli } from '../../src/sessions/sessionsCli.js';
import { summarise } from '../../src/sessions/sessionSummary.js';
import { removeTempDirs, runFixture, tempDir, waitFor } from './helpers.js';

afterAll(removeTempDirs);

function captureIo(root: string) {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), sessionsDir: root }, out: () => out, err: () => err };
}

describe('kill -9 during a recorded run', () => {
  it('leaves a readable, exportable session marked unclean', async () => {
    const root = tempDir('kill9');
    const child = await runFixture('recordingChild.ts', [root, 'kill']);
    await waitFor(() => child.stdout().includes('READY'), () => child.stderr());
    const id = /READY (\S+)/.exec(child.stdout())![1]!;
    const [ref] = listSessionRefs(root);
    expect(ref!.id).toBe(id);
    // Killed while `stream` is writing: wait until plenty of its lines are in the file.
    await waitFor(() => (readFileSync(ref!.eventsFile, 'utf8').match(/of a long listing/g) ?? []).length >= 200);
    child.proc.kill('SIGKILL');
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });

    const session = readSession(ref!);
    expect(session.end).toBeNull();
    expect(session.skippedLines).toBeLessThanOrEqual(1); // at most the line being written
    const summary = summarise(session);
    expect(summary).toMatchObject({ status: 'unclean', operator: 'carol', cluster: 'kill-test', commands: 3 });
    const listing = captureIo(root);
    expect(await runSessionsCli('sessions', [], listing.io)).toBe(0);
    expect(listing.out()).toMatch(new RegExp(`${id}.*carol.*kill-test.*unclean`));

    const md = exportSession(session, 'md');
    expect(md).toContain('`stream`');
    expect(md).toContain('unfinished');
    expect(md).toContain('no end event');
    expect(md).toContain('about to restart server 2');
    expect(md).not.toContain('kill-test-secret');
    const cast = exportSession(session, 'cast');
    expect(castProblems(cast)).toEqual([]);
    expect(cast).toContain('of a long listing');
    expect(cast).toContain('"m","#3 stream"');
    const jsonl = exportSession(session, 'jsonl');
    expect(jsonl.trim().split('\n')).toHaveLength(session.events.length);

    // Whatever the kill left, a torn last line in particular, the CLI exports still work.
    appendFileSync(ref!.eventsFile, '{"type":"output","ts":1,"line":{"text":"half a li');
    for (const format of ['md', 'cast', 'jsonl']) {
      const run = captureIo(root);
      expect(await runSessionsCli('export', [id, '--format', format], run.io)).toBe(0);
      expect(run.out().length).toBeGreaterThan(100);
    }
  });

  it('a process that exits without closing its recording marks the session unclean', async () => {
    const root = tempDir('exit');
    const child = await runFixture('recordingChild.ts', [root, 'exit']);
    expect(await child.exited).toMatchObject({ code: 3 });
    const session = readSession(listSessionRefs(root)[0]!);
    expect(session.end).toMatchObject({ type: 'end', clean: false, exitCode: 3 });
    expect(summarise(session).status).toBe('unclean');
    expect(exportSession(session, 'md')).toContain('unclean');
  });
});
