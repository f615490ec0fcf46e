// Z5 rehearsal: a 3-server source (snapCount=200, so it keeps several snapshots and logs) migrated
// offline into a 1-server target, driven as an operator would. Trap 7 is staged: the snapshot alone
// copied into the target (as seed 002 says) loses the writes after it, and the checklist's verify
// step catches it; the packed archive (snapshot + logs) restores every znode, data and version.
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { archiveEntries, listDataDir, selectSnapshot } from '../../src/snapshots/index.js';
import { createZkClient } from '../../src/zk/client.js';
import type { ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';
import { acceptSuggested, atStep, expectZnodes, highlighted, openRehearsal, runbookEvents, waitStep, writeZnodes, type Rehearsal } from './helpers.js';

const source = useSandbox({ nodes: 3, extraConfig: ['snapCount=200'] });
const target = useSandbox({ nodes: 1 });
const archiveDir = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-z5-'));
let r: Rehearsal;

beforeAll(async () => {
  r = await openRehearsal(source());
});
afterAll(async () => {
  await r?.close();
  rmSync(archiveDir, { recursive: true, force: true });
});

/** The newest snapshot of a version-2 dir once it is sealed (ZooKeeper writes it in a thread). */
async function sealedNewest(dir: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const selection = await selectSnapshot(await listDataDir(dir));
    if (selection.skipped.length === 0) return selection.snapshot.name;
    if (Date.now() > deadline) throw new Error(`${selection.skipped[0]!.file.name} still unsealed after ${timeoutMs} ms`);
    await delay(50);
  }
}

/**
 * Writes under /after once the newest snapshot is sealed, until no newer snapshot came of them:
 * those writes live only in the logs, so a restore of that snapshot alone loses them.
 */
async function writeAfterSnapshot(client: ZkClient, dir: string): Promise<{ snapshot: string; written: Map<string, string> }> {
  await client.create('/after', Buffer.from('after'));
  const written = new Map<string, string>();
  let snapshot = await sealedNewest(dir);
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 20; i++) {
      const p = `/after/r${round}-${i}`;
      await client.create(p, Buffer.from(p));
      written.set(p, p);
    }
    const now = await sealedNewest(dir);
    if (now === snapshot) return { snapshot, written };
    snapshot = now;
  }
  throw new Error('a new snapshot after every round of 20 writes: snapCount not applied?');
}

it('Z5 offline migration by snapshot: the snapshot alone loses writes (caught), snapshot + logs restore all', async () => {
  const src = source();
  const tgt = target();
  const client = r.ui.app.conn.require();
  const expected = await writeZnodes(client);
  const leader = await src.waitForLeader();
  const leaderDir = path.join(src.node(leader).dir, 'data', 'version-2');
  const { snapshot: lastSnapshot, written: after } = await writeAfterSnapshot(client, leaderDir);
  const snapshotsKept = (await listDataDir(leaderDir)).snapshots.length;
  expect(snapshotsKept).toBeGreaterThan(2); // snapCount=200 took effect: logs matter

  const tgtConnect = tgt.connectString;
  const tgtData = path.join(tgt.node(1).dir, 'data');
  const archive = path.join(archiveDir, 'data.tar.gz');

  const intoSource = await r.ui.run(`runbook start Z5 target=${src.connectString}`);
  expect(intoSource.code).toBe(1);
  expect(intoSource.err).toMatch(/target: 127\.0\.0\.1:\d+ is a server of this \(source\) ensemble/);
  const start = await r.ui.run(`runbook start Z5 target=${tgtConnect} targetDataDir=${tgtData} archive=${archive}`);
  expect(start.code, start.err).toBe(0);

  // 1. dataDir and newest snapshot of the most advanced server (the leader: zxids are equal).
  await waitStep(r.engine, atStep('pick'), 60_000);
  expect(highlighted(r)).toBe(leader);
  expect(await acceptSuggested(r)).toBe('snapshot pick');
  // 2. writes stop before the pack.
  await waitStep(r.engine, atStep('stop-writes'));
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, atStep('pack'));
  expect(await acceptSuggested(r)).toBe(`snapshot pack -o ${archive}`);
  const selection = await selectSnapshot(await listDataDir(leaderDir));
  expect(selection.logs.length).toBeGreaterThan(0);
  expect(await archiveEntries(archive)).toEqual(selection.included.map((i) => `version-2/${i.file.name}`));

  // 3. stop the target, restore, start it.
  await waitStep(r.engine, atStep('stop-target'));
  await tgt.stopNode(1);
  await waitStep(r.engine, atStep('restore'));
  // The suggested restore refuses: the target's own version-2 is not empty.
  expect(await acceptSuggested(r, true)).toBe(`snapshot restore ${archive} ${tgtData}`);
  expect(r.ui.sink.lines.at(-1)!.text).toMatch(/^snapshot restore: .*version-2 is not empty .*--force to move it aside$/);

  // Trap 7 staged: seed 002's way, the newest snapshot copied alone.
  const tgtV2 = path.join(tgtData, 'version-2');
  await fs.rm(tgtV2, { recursive: true, force: true });
  await fs.mkdir(tgtV2);
  await fs.copyFile(path.join(leaderDir, lastSnapshot), path.join(tgtV2, lastSnapshot));
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, atStep('start-target'));
  await tgt.startNode(1);
  await waitStep(r.engine, atStep('verify'), 30_000);
  const lossy = await r.ui.run(`verify / ${tgtConnect}:/`);
  expect(lossy.code).toBe(1);
  expect(lossy.out).toMatch(/missing\s+\/after\//);
  const countsAndVerdict = /znode count source \d+, target \d+; last verify: DIFFERENT .*\(trap 7\)/;
  const caught = (await waitStep(r.engine, (v) => v?.id === 'verify' && countsAndVerdict.test(v.check?.text ?? '')))!;
  expect(caught.check!.ok).toBe(false);
  const [, srcCount, tgtCount] = /znode count source (\d+), target (\d+)/.exec(caught.check!.text) ?? [];
  expect(Number(tgtCount)).toBeLessThan(Number(srcCount));

  // The packed archive (snapshot + logs) into the stopped target: refused over its files, then forced.
  await tgt.stopNode(1);
  const refused = await r.ui.run(`snapshot restore ${archive} ${tgtData}`);
  expect(refused.code).toBe(1);
  const forced = await r.ui.run(`snapshot restore ${archive} ${tgtData} --force`);
  expect(forced.code, forced.err).toBe(0);
  expect(forced.err).toMatch(/moved the target's version-2 aside/);
  await tgt.startNode(1);
  const equal = await r.ui.run(`verify / ${tgtConnect}:/`);
  expect(equal.code, equal.out).toBe(0);
  const moved = (await waitStep(r.engine, atStep('move-clients'), 30_000))!;
  expect(moved.title).toContain(tgtConnect);
  const verified = runbookEvents(r).find((e) => e.kind === 'step.done' && e.step === 'verify');
  expect(verified?.text).toMatch(/verify EQUAL; znode count source (\d+), target \1/);
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, (v) => v === null);
  expect(r.engine.last?.status).toBe('finished');

  // No data lost: the 1,000 znodes (data and version) and the writes after the snapshot.
  await expectZnodes(tgtConnect, expected);
  const check = createZkClient({ connectString: tgtConnect });
  try {
    await check.waitConnected(20_000);
    const { children } = await check.getChildren('/after');
    expect(children.length).toBe(after.size);
    for (const [p, data] of after) expect((await check.get(p)).data?.toString()).toBe(data);
  } finally {
    await check.close();
  }
});
