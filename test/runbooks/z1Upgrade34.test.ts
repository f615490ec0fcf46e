// Z1 from 3.4.13 to 3.8.0 with the 3.4 → 3.5 trap staged (ZOOKEEPER-3056): a 3.4 data dir with
// transaction logs and no snapshot makes 3.5+ refuse to start. On a real 3.4.13 ensemble the
// leader writes no snapshot at start and a follower synced by DIFF none either (default snapCount:
// 1,000 writes leave logs only); the staging makes sure the first follower has none and the other
// one has one (emptied and re-synced by SNAP). The checklist holds on each 3.4 server without a
// snapshot and refuses a typed upgrade; the fix it names is carried out as an operator would: a
// peer's snapshot copied in (a 3.4 follower's for the first follower, an upgraded peer's for the
// leader), after which 3.8.0 loads it and replays the server's own logs. Every znode is read back.
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { acceptSuggested, atStep, expectZnodes, highlighted, runbookEvents, useRehearsal, waitStep, writeZnodes } from './helpers.js';
import { waitForSnapshot } from '../ensemble/helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3, zkVersions: ['3.4.13'] });

const versionDir = (id: number) => path.join(sandbox().node(id).dir, 'data', 'version-2');
const snapshots = (id: number) => readdirSync(versionDir(id)).filter((f) => f.startsWith('snapshot.'));
const logs = (id: number) => readdirSync(versionDir(id)).filter((f) => f.startsWith('log.'));

/** The staging: `a` with logs and no snapshot, `b` with a snapshot (the leader has none of its own). */
async function stage(a: number, b: number): Promise<void> {
  const sb = sandbox();
  if (snapshots(a).length > 0) {
    await sb.stopNode(a);
    for (const f of snapshots(a)) await fs.rm(path.join(versionDir(a), f));
    await sb.startNode(a);
  }
  if (snapshots(b).length === 0) {
    // Emptied, a 3.4 follower syncs by SNAP and writes the snapshot it got.
    await sb.stopNode(b);
    await sb.cleanNode(b);
    await sb.startNode(b);
  }
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.nodes.filter((n) => ['leader', 'follower'].includes(n.role)).length === 3 && s.nodes.every((n) => n.lag?.kind !== 'txns' || n.lag.behind === 0), 30_000);
}

it('Z1 3.4.13 → 3.8.0: holds on a data dir without a snapshot, refuses a typed upgrade, upgrades once a snapshot is there', async () => {
  const expected = await writeZnodes(r.ui.app.conn.require());
  const sb = sandbox();
  const leader = await sb.waitForLeader();
  const [a, b] = sb.members.map((n) => n.id).filter((id) => id !== leader);
  await stage(a!, b!);
  expect(snapshots(leader)).toEqual([]); // 3.4.13's leader wrote none when it started
  expect(logs(leader).length).toBeGreaterThan(0);
  expect(snapshots(a!)).toEqual([]);
  expect(snapshots(b!).length).toBeGreaterThan(0);

  const start = await r.ui.run('runbook start Z1 to=3.8.0');
  expect(start.code, start.err).toBe(0);

  // Round 1, the first follower: logs only. The step holds and says why; a typed upgrade is refused.
  // The peers' data dirs are read in the background: the copy line names one once they are.
  const copyFrom = `copy server.${b}'s snapshot in: cp `;
  const held = (await waitStep(r.engine, (v) => v?.id === 'roll-snapshot-1' && v.check?.text.startsWith('no snapshot.*') === true && v.instructions.some((l) => l.startsWith(copyFrom)), 60_000))!;
  expect(held.target?.id).toBe(a);
  expect(highlighted(r)).toBe(a);
  expect(held.check!.text).toBe(`no snapshot.* in ${versionDir(a!)}, only ${logs(a!).length} log.* file(s): ZooKeeper 3.8.0 would refuse to start ("No snapshot found, but there are log entries", ZOOKEEPER-3056)`);
  const copyLine = held.instructions.find((l) => l.startsWith(copyFrom));
  expect(held.instructions.some((l) => l.includes('snapshot.trust.empty=true') && l.includes('ZOOKEEPER-3644'))).toBe(true);
  const typed = await r.ui.run(`node upgrade ${a} 3.8.0`);
  expect(typed.code).toBe(1);
  expect(typed.err).toContain(`refused: no snapshot in ${versionDir(a!)}, only logs: ZooKeeper 3.8.0 would refuse to start ("No snapshot found, but there are log entries", ZOOKEEPER-3056)`);
  expect(sb.node(a!).zkVersion).toBe('3.4.13');
  expect(await acceptSuggested(r, true)).toBe(`snapshot list ${versionDir(a!)}`);

  // The fix the step names: the peer's snapshot copied in (its own logs are replayed after it).
  const [, from, to] = /cp (\S+) (\S+)\/ /.exec(copyLine!)!;
  await fs.copyFile(from!, path.join(to!, path.basename(from!)));
  await waitStep(r.engine, atStep('roll-upgrade-1'), 30_000);
  expect(await acceptSuggested(r)).toBe(`node upgrade ${a} 3.8.0`);

  // Round 2, the other follower: it has a snapshot, nothing holds it.
  await waitStep(r.engine, atStep('roll-upgrade-2'), 60_000);
  expect(r.engine.current!.target?.id).toBe(b);
  expect(await acceptSuggested(r)).toBe(`node upgrade ${b} 3.8.0`);

  // Round 3, the leader: logs only too. Fixed the same way, from an upgraded peer's data dir.
  const last = (await waitStep(r.engine, (v) => v?.id === 'roll-snapshot-3' && v.check?.ok === false && v.instructions.some((l) => /^copy server\.\d's snapshot in: cp /.test(l)), 60_000))!;
  expect(last.target?.id).toBe(leader);
  expect(last.title).toBe(`check server.${leader} (leader, last) has a snapshot ZooKeeper 3.8.0 can load`);
  expect(last.check!.text).toMatch(/^no snapshot\.\* in .*ZOOKEEPER-3056\)$/);
  const [, peerSnapshot, leaderDir] = /cp (\S+) (\S+)\/ /.exec(last.instructions[0]!)!;
  expect(leaderDir).toBe(versionDir(leader));
  await fs.copyFile(peerSnapshot!, path.join(leaderDir!, path.basename(peerSnapshot!)));
  const upgrade = (await waitStep(r.engine, atStep('roll-upgrade-3'), 30_000))!;
  expect(upgrade.title).toBe(`upgrade server.${leader} (leader, last) to 3.8.0 and verify it caught up`);
  expect(await acceptSuggested(r)).toBe(`node upgrade ${leader} 3.8.0`);
  await waitStep(r.engine, (v) => v === null, 60_000);
  expect(r.engine.last?.status).toBe('finished');

  const done = runbookEvents(r).filter((e) => e.kind === 'step.done').map((e) => `${e.step}: ${e.text}`);
  expect(done).toEqual([
    expect.stringMatching(/^preflight: /),
    expect.stringMatching(new RegExp(`^roll-snapshot-1: .*snapshot\\.\\S+ in ${versionDir(a!)}: ZooKeeper 3\\.8\\.0 loads it and replays the \\d+ log\\(s\\) after it\\)$`)),
    expect.stringMatching(/^roll-upgrade-1: .*reports 3\.8\.0, follower, .*caught up\)$/),
    expect.stringMatching(/^roll-snapshot-2: .*snapshot\.\S+ in .*: ZooKeeper 3\.8\.0 loads it/),
    expect.stringMatching(/^roll-upgrade-2: .*reports 3\.8\.0, follower, .*caught up\)$/),
    expect.stringMatching(new RegExp(`^roll-snapshot-3: .*snapshot\\.\\S+ in ${versionDir(leader)}: ZooKeeper 3\\.8\\.0 loads it`)),
    expect.stringMatching(/^roll-upgrade-3: .*reports 3\.8\.0, follower, .*caught up; new leader server\.\d on 3\.8\.0\)$/),
    expect.stringMatching(/^postflight: .*all 3 on 3\.8\.0/),
  ]);
  for (const id of [a!, b!, leader]) expect(sb.node(id).zkVersion).toBe('3.8.0');
  await expectZnodes(sb.connectString, expected);
});
