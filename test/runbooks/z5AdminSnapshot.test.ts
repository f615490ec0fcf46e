// Z5 without shell access on 3.9: a 3-server 3.9.3 source with AdminServers on free loopback ports
// migrated into a 1-server target, the snapshot taken by the source leader itself (`snapshot
// fetch`, digest-authenticated) instead of read from its disk. The limiter is set to 120 s for
// snapshots (admin.rateLimiterIntervalInMS=120000000: 3.9.3 reads it in microseconds there), so a
// second fetch is refused with when the next one is allowed. 1,000 znodes read back on the target.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { archiveEntries } from '../../src/snapshots/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { removeTempDirs, tempDir } from '../snapshots/fixtures.js';
import { acceptSuggested, atStep, expectZnodes, highlighted, openRehearsal, runbookEvents, waitStep, writeZnodes, type Rehearsal } from './helpers.js';

const source = useSandbox({ nodes: 3, zkVersions: ['3.9.3'], adminServer: true, extraConfig: ['admin.rateLimiterIntervalInMS=120000000'] });
const target = useSandbox({ nodes: 1, zkVersions: ['3.9.3'] });
let r: Rehearsal;
beforeAll(async () => {
  r = await openRehearsal(source());
});
afterAll(async () => {
  await r?.close();
  removeTempDirs();
});

it('Z5 through the AdminServer: writes stop, the leader snapshots itself (digest auth), restored and verified', async () => {
  const src = source();
  const tgt = target();
  const expected = await writeZnodes(r.ui.app.conn.require());
  const leader = await src.waitForLeader();
  const adminAddress = `127.0.0.1:${src.node(leader).adminPort}`;
  const archive = path.join(tempDir(), 'data.tar.gz');
  const tgtData = path.join(tgt.node(1).dir, 'data');

  expect((await r.ui.run(`runbook start Z5 target=${tgt.connectString} admin=8080x`)).err).toContain('admin: give the AdminServer port (admin=8080) or HOST:PORT (admin=zk1:8080)');
  const start = await r.ui.run(`runbook start Z5 target=${tgt.connectString} targetDataDir=${tgtData} archive=${archive} admin=${adminAddress}`);
  expect(start.code, start.err).toBe(0);

  await waitStep(r.engine, atStep('stop-writes'), 60_000);
  expect((await r.ui.run('step done')).code).toBe(0);
  const fetch = (await waitStep(r.engine, atStep('fetch')))!;
  expect(fetch.title).toBe(`take a snapshot on server.${leader} through its AdminServer (${adminAddress})`);
  expect(highlighted(r)).toBe(leader);
  // No credential yet: the step says what to do first instead of filling in the line.
  const refused = await r.ui.run('step next');
  expect(refused.code).toBe(1);
  expect(refused.err).toBe('refused for now: addauth digest USER:PASSWORD first: the AdminServer authenticates the snapshot command (the password is never shown or recorded)');
  expect((await r.ui.run(`addauth digest ${src.superUser}:${src.superPassword}`)).code).toBe(0);
  await waitStep(r.engine, (v) => v?.id === 'fetch' && v.guard === null);
  expect(await acceptSuggested(r)).toBe(`snapshot fetch ${adminAddress} -o ${archive}`);
  await waitStep(r.engine, atStep('stop-target'));
  const fetched = runbookEvents(r).find((e) => e.kind === 'step.done' && e.step === 'fetch');
  expect(fetched?.text).toMatch(new RegExp(`${archive}: snapshot\\.[0-9a-f]+ \\(0x[0-9a-f]+\\) from ${adminAddress}\\)$`));
  expect(await archiveEntries(archive)).toEqual([expect.stringMatching(/^version-2\/snapshot\.[0-9a-f]+$/)]);

  // A second snapshot within the server's interval: refused, with when the next one is allowed.
  const again = await r.ui.run(`snapshot fetch ${adminAddress} -o ${archive}.2`);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(new RegExp(`^snapshot fetch: ${adminAddress} refused the snapshot \\(HTTP 429\\): it allows one snapshot per 2 min \\(admin\\.rateLimiterIntervalInMS=120000000, which 3\\.9 applies to snapshot in microseconds\\); the next one is allowed by \\d\\d:\\d\\d:\\d\\dZ$`));
  expect(existsSync(`${archive}.2`)).toBe(false);

  await tgt.stopNode(1);
  await waitStep(r.engine, atStep('restore'));
  expect(await acceptSuggested(r, true)).toBe(`snapshot restore ${archive} ${tgtData}`);
  expect((await r.ui.run(`snapshot restore ${archive} ${tgtData} --force`)).code).toBe(0);
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, atStep('start-target'));
  await tgt.startNode(1);
  await waitStep(r.engine, atStep('verify'), 30_000);
  expect(await acceptSuggested(r)).toBe(`verify / ${tgt.connectString}:/`);
  await waitStep(r.engine, atStep('move-clients'), 30_000);
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, (v) => v === null);
  expect(r.engine.last?.status).toBe('finished');
  expect(runbookEvents(r).find((e) => e.kind === 'step.done' && e.step === 'verify')?.text).toMatch(/verify EQUAL; znode count source (\d+), target \1/);

  const kept = [...r.ui.sink.lines.map((l) => l.text), JSON.stringify(r.events)].join('\n');
  expect(kept).not.toContain(src.superPassword);
  await expectZnodes(tgt.connectString, expected);
});
