// Recorded sessions against a real 3-server ensemble. (1) Secrets typed into the TUI — addauth
// credentials, the super digest, a digest ACL, a node action's command line, a profile dump —
// appear nowhere in the session dir, the history file or any export. (2) The Markdown export of a
// run in which the leader was killed names the commands and the leader change with its election gap.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/app/buildConsole.js';
import { exportSession, writeExportFile } from '../../src/sessions/exportSession.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import { MemorySink } from '../../src/shell/output.js';
import { runTui } from '../../src/ui/runTui.js';
import { useSandbox } from '../helpers/sandbox.js';
import { filesContaining, removeTempDirs, tempDir, waitFor } from './helpers.js';
import { FakeStdin } from '../helpers/fakeTty.js';

const PASSWORD = 'Pw-for-redaction-9137';
const sandbox = useSandbox({ nodes: 3, superPassword: PASSWORD });
afterAll(removeTempDirs);


class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('secrets never reach a recording, the history or an export', () => {
  it('greps the session dir, history file and every export for the secrets: zero hits', async () => {
    const home = tempDir('redaction');
    const sessionsDir = join(home, 'sessions');
    const historyFile = join(home, 'history', 'sandbox.jsonl');
    const hash = sandbox().superDigest.split(':')[1]!; // base64 sha1 of super:PASSWORD
    const app = buildConsole({
      mode: 'tui',
      connectString: sandbox().connectString,
      sink: { write() {} },
      historyFile,
      recording: { cluster: 'sandbox', connectString: sandbox().connectString, operator: 'alice', sessionsDir, termSize: { cols: 120, rows: 40 }, exitHook: false },
      ensemble: { start: false },
      runbooks: { runFile: null },
    });
    const recorder = app.recorder!;
    // What a node action and a profile dump print (src/profiles feeds these in real runs).
    app.registry.register({ name: 'nodeaction', usage: '', summary: 'node action output', run: async (ctx) => ctx.out(`$ ssh zk1 sudo systemctl restart zookeeper\njava -Dzookeeper.DigestAuthenticationProvider.superDigest=super:${hash} -cp zookeeper.jar QuorumPeerMain`) });
    app.registry.register({ name: 'profiledump', usage: '', summary: 'settings dump', run: async (ctx) => ctx.out(JSON.stringify({ superDigest: { user: 'super', storePassword: true, password: PASSWORD } }, null, 2)) });
    await (await app.conn.connect()).waitConnected(20_000);

    const stdin = new FakeStdin();
    const tty = new FakeTty();
    const done = runTui({ shell: app.shell, completer: app.completer, title: 'sandbox', stdin: stdin as never, stdout: recorder.teeScreen(tty as unknown as NodeJS.WriteStream), stderr: new FakeTty() as never, probeServerVersion: null, recording: { sessionId: recorder.id } });
    await waitFor(() => stdin.listenerCount('readable') > 0);
    const type = async (line: string) => {
      const before = app.shell.commandCount;
      for (const ch of line) stdin.write(ch);
      stdin.write('\r');
      await waitFor(() => app.shell.commandCount > before && !app.shell.busy, () => tty.text.slice(-2000));
    };
    await type(`addauth digest super:${PASSWORD}`);
    await type('create /redaction-test data');
    await type(`setAcl /redaction-test digest:super:${hash}:cdrwa`);
    await type('getAcl /redaction-test');
    await type('nodeaction');
    await type('profiledump');
    await type(`note I ran addauth digest super:${PASSWORD} before the restart`);
    await waitFor(() => tty.text.includes('REC●'));
    stdin.write('\x04'); // Ctrl-D quits
    expect(await done).toBe(0);
    recorder.close(true, 0);
    await app.dispose();

    const exportsDir = tempDir('redaction-exports');
    const session = readSession(recorder.ref);
    for (const format of ['cast', 'md', 'jsonl'] as const) writeExportFile(join(exportsDir, `session.${format}`), exportSession(session, format));

    // The run really was recorded (so zero hits below means redacted, not missing).
    const events = readFileSync(recorder.ref.eventsFile, 'utf8');
    expect(events).toContain('addauth digest super:***');
    expect(events).toContain("'digest,'super:***");
    expect(events).toContain('superDigest=super:***');
    expect(events).toContain('"password\\": \\"***\\"');
    expect(readFileSync(recorder.ref.screenFile, 'utf8')).toContain('addauth digest super:***');
    expect(readFileSync(historyFile, 'utf8')).toContain('addauth digest super:***');
    expect(readFileSync(join(exportsDir, 'session.md'), 'utf8')).toContain('`getAcl /redaction-test`');

    for (const secret of [PASSWORD, hash]) {
      expect(filesContaining(recorder.dir, secret)).toEqual([]);
      expect(filesContaining(join(home, 'history'), secret)).toEqual([]);
      expect(filesContaining(exportsDir, secret)).toEqual([]);
    }
  });
});

describe('Markdown export of a run with a leader change', () => {
  it('has the commands and the leader change with its election gap', async () => {
    const sessionsDir = tempDir('leader');
    const app = buildConsole({
      mode: 'exec',
      connectString: sandbox().connectString,
      sink: new MemorySink(),
      assumeYes: true,
      recording: { cluster: 'sandbox', connectString: sandbox().connectString, operator: 'alice', mode: 'exec', sessionsDir, exitHook: false },
      ensemble: { start: true, pollIntervalMs: 500 },
      runbooks: { runFile: null },
    });
    const recorder = app.recorder!;
    const ensemble = { model: app.ensemble };
    try {
      await (await app.conn.connect()).waitConnected(20_000);
      await ensemble.model.whenReady();
      const recorded = () => readSession(recorder.ref).events;
      const kinds = () => recorded().flatMap((e) => (e.type === 'ensemble.event' ? [String((e['event'] as { kind: string }).kind)] : []));
      await waitFor(() => kinds().includes('ensemble.observed'), () => kinds().join(', '), 10_000);

      expect(await app.shell.execute('create /pm-step before', 'exec')).toBe(0);
      await app.shell.execute('mark before the leader restart', 'exec');
      const leader = await sandbox().waitForLeader();
      await sandbox().killNode(leader);
      await waitFor(() => kinds().includes('election.gap'), () => kinds().join(', '), 30_000);
      await sandbox().waitForLeader();
      await app.conn.client!.waitConnected(20_000);
      expect(await app.shell.execute('set /pm-step after', 'exec')).toBe(0);
      recorder.close(true, 0);
      await sandbox().startNode(leader);

      const md = exportSession(readSession(recorder.ref), 'md');
      expect(md).toContain('`create /pm-step before`');
      expect(md).toContain('`set /pm-step after`');
      expect(md).toContain(`leader lost: server.${leader}`);
      expect(md).toMatch(/leader elected: server\.\d/);
      expect(md).toMatch(new RegExp(`\\| server\\.${leader} \\(127\\.0\\.0\\.1:\\d+\\) \\| \\d\\d:\\d\\d:\\d\\d \\| \\d\\d:\\d\\d:\\d\\d \\|`));
      expect(md).toMatch(/Elections: 1; longest gap [\d.]+ (ms|s)/);
      expect(md).toContain('mark: **before the leader restart**');
    } finally {
      await app.dispose();
    }
  });
});
