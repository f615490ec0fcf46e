// `snapshot fetch HOST:ADMINPORT` against a real 3.9.3 server with its AdminServer on a free
// loopback port (sandbox adminServer): the snapshot the server takes of itself, saved as `snapshot
// pack` saves one (0600, version-2/snapshot.<zxid>) and restored by `snapshot restore`; the
// server's own limiter waited out; what the server refuses said in one line; the digest password
// nowhere in scrollback, history or the recording.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryLines } from '../../src/sandbox/report.js';
import { startRecording } from '../../src/sessions/recorder.js';
import { archiveEntries } from '../../src/snapshots/index.js';
import { openConsole, type ConsoleUnderTest } from '../ensemble/helpers.js';
import { useSandbox } from '../helpers/sandbox.js';
import { removeTempDirs, tempDir } from './fixtures.js';

const sandbox = useSandbox({ nodes: 1, zkVersions: ['3.9.3'], adminServer: true });
let ui: ConsoleUnderTest;
beforeAll(async () => {
  ui = await openConsole(sandbox().connectString, { pollIntervalMs: 300 });
});
afterAll(async () => {
  await ui?.app.dispose();
  removeTempDirs();
});

const admin = () => `127.0.0.1:${sandbox().node(1).adminPort}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('snapshot fetch', () => {
  it('finds the AdminServer on 127.0.0.1 only, on a port of its own', () => {
    const node = sandbox().node(1);
    const cfg = readFileSync(path.join(node.dir, 'zoo.cfg'), 'utf8');
    expect(cfg).toMatch(/^admin\.enableServer=true$/m);
    expect(cfg).toMatch(/^admin\.serverAddress=127\.0\.0\.1$/m);
    expect(cfg).toContain(`\nadmin.serverPort=${node.adminPort}\n`);
    expect(summaryLines(sandbox(), 1)).toContain(`  admin servers  : 1: http://127.0.0.1:${node.adminPort}/commands`);
  });

  it('asks for a digest credential first, and says what is wrong with an address in one line', async () => {
    const none = await ui.run(`snapshot fetch ${admin()}`);
    expect(none.code).toBe(1);
    expect(none.err).toBe(`snapshot fetch: no digest credential in this session: addauth digest USER:PASSWORD first (never shown or recorded), then snapshot fetch ${admin()}`);
    const usage = await ui.run('snapshot fetch');
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('snapshot fetch HOST:ADMINPORT [-o FILE] [--user USER]');
    expect((await ui.run('snapshot fetch zk1')).err).toBe('snapshot fetch: not an AdminServer address: zk1 (HOST:ADMINPORT, e.g. zk1:8080)');
  });

  it('saves the snapshot the server takes as an archive (0600) that snapshot restore takes; waits out the server\'s limiter', async () => {
    const sessions = tempDir('zkpilot-fetch-rec-');
    const rec = startRecording({ bus: ui.app.bus, shell: ui.app.shell }, { cluster: 'fetch', sessionsDir: sessions, termSize: null, exitHook: false });
    const password = sandbox().superPassword;
    expect((await ui.run(`addauth digest super:${password}`)).code).toBe(0);
    await ui.run('create /fetched "before the snapshot"');
    const out = path.join(tempDir(), 'source.tar.gz');
    const first = await ui.run(`snapshot fetch ${admin()} -o ${out}`);
    expect(first.code, first.err).toBe(0);
    const lines = first.out.split('\n');
    expect(lines[0]).toBe(`asking ${admin()} for a snapshot (AdminServer, digest super:***)`);
    expect(lines[1]).toMatch(new RegExp(`^snapshot\\.([0-9a-f]+) \\(zxid 0x\\1, \\d+:\\d+, \\d+ B\\) taken by ${admin()}$`));
    // At once again: the limiter (one snapshot per 300 ms on 3.9.3) is waited out and said
    // (when the second request came within those 300 ms); the archive is replaced.
    const again = await ui.run(`snapshot fetch ${admin()} -o ${out}`);
    expect(again.code, again.err).toBe(0);
    if (again.err) expect(again.err).toMatch(/rate-limits snapshots, one snapshot per 300 ms \(admin\.rateLimiterIntervalInMS=300000, which 3\.9 applies to snapshot in microseconds\): asking again at \d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(again.out).toMatch(/, replacing the previous one$/m);
    expect(lines[2]).toMatch(new RegExp(`^wrote ${out} \\(1 file, \\d+ B\\)$`));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const [entry] = await archiveEntries(out);
    expect(entry).toMatch(/^version-2\/snapshot\.[0-9a-f]+$/);
    expect(readdirSync(path.dirname(out))).toEqual(['source.tar.gz']); // no staging left behind

    const restoreInto = tempDir();
    const restored = await ui.run(`snapshot restore ${out} ${restoreInto}`);
    expect(restored.code, restored.err).toBe(0);
    expect(readdirSync(path.join(restoreInto, 'version-2'))).toEqual([entry!.slice('version-2/'.length)]);

    rec.close(true, 0);
    const kept = [...ui.sink.lines.map((l) => l.text), (await ui.run('history')).out, ...filesUnder(sessions).map((f) => readFileSync(f, 'utf8'))].join('\n');
    expect(kept).toContain('snapshot fetch');
    expect(kept).not.toContain(password);
  });

  it('says when the server refuses: the wrong port, no AdminServer, a user without ALL on /', async () => {
    const client = sandbox().node(1);
    expect((await ui.run(`snapshot fetch 127.0.0.1:${client.clientPort}`)).err).toBe(`snapshot fetch: 127.0.0.1:${client.clientPort} does not answer HTTP (ECONNRESET): is ${client.clientPort} its admin.serverPort, not the client port?`);
    expect((await ui.run('snapshot fetch 127.0.0.1:1')).err).toBe('snapshot fetch: no AdminServer at 127.0.0.1:1 (connection refused): is admin.enableServer on and admin.serverPort 1?');
    const out = path.join(tempDir(), 'x.tar.gz');
    // Any digest user passes while / keeps its default world:anyone ACL; restricted, only ALL on / does.
    expect((await ui.run('addauth digest alice:alice-secret-1')).code).toBe(0);
    expect((await ui.run(`setAcl / digest:${sandbox().superDigest}:cdrwa`)).code).toBe(0);
    const refused = await ui.run(`snapshot fetch ${admin()} --user alice -o ${out}`);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`snapshot fetch: ${admin()}: digest alice:*** is not authorized (HTTP 403): the snapshot command needs ALL on / (its ACL), or the super digest`);
    expect(readdirSync(path.dirname(out))).toEqual([]);
    expect((await ui.run('snapshot fetch 127.0.0.1:1 --user bob')).err).toMatch(/^snapshot fetch: no digest credential for bob in this session: addauth digest USER:PASSWORD first/);
  });
});
