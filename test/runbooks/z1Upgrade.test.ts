// Z1 as a real upgrade, rehearsed on a 3-server 3.8.0 sandbox moved to 3.9.3: the operator
// accepts every suggested line; each round pre-fills `node upgrade ID 3.9.3` (followers first,
// the leader last) and passes only once that server's own srvr reports 3.9.3, follower, caught
// up; the postflight finds all three on 3.9.3; 1,000 znodes read back (data and version).
import { expect, it } from 'vitest';
import { acceptSuggested, expectZnodes, highlighted, runbookEvents, useRehearsal, waitStep, writeZnodes } from './helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3, zkVersions: ['3.8.0'] });

async function srvrVersion(id: number): Promise<string | undefined> {
  return /^Zookeeper version: (\d+\.\d+\.\d+)/m.exec(await sandbox().fourLetterWord(id, 'srvr'))?.[1];
}

it('Z1 to=3.9.3: node upgrade one server at a time, leader last, each verified on 3.9.3; no data lost', async () => {
  const expected = await writeZnodes(r.ui.app.conn.require());
  const firstLeader = await sandbox().waitForLeader();

  const bad = await r.ui.run('runbook start Z1 to=banana');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('to: not a ZooKeeper version: banana (e.g. 3.9.3)');
  const both = await r.ui.run('runbook start Z1 to=3.9.3 version=3.8.4');
  expect(both.code).toBe(1);
  expect(both.err).toBe('to=3.9.3 and version=3.8.4 differ: give one (version is the older name of to)');
  expect(r.engine.active).toBeNull();

  const start = await r.ui.run('runbook start Z1 to=3.9.3');
  expect(start.code, start.err).toBe(0);
  const order: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const step = (await waitStep(r.engine, (v) => v?.id === `roll-upgrade-${round}` && v.target !== null, 60_000))!;
    const id = step.target!.id!;
    const leaderNow = r.ui.ensemble.model.getSnapshot().health.leaderId;
    if (round < 3) expect(id).not.toBe(leaderNow);
    else expect(id).toBe(leaderNow);
    expect(highlighted(r)).toBe(id);
    expect(step.title).toBe(`upgrade server.${id} (${round < 3 ? 'follower' : 'leader, last'}) to 3.9.3 and verify it caught up`);
    expect(step.check?.text).toBe(`server.${id} reports 3.8.0, not 3.9.3: node upgrade ${id} 3.9.3`);
    expect(await acceptSuggested(r)).toBe(`node upgrade ${id} 3.9.3`);
    await waitStep(r.engine, (v) => v === null || v.id !== `roll-upgrade-${round}`, 60_000);
    expect(sandbox().node(id).zkVersion).toBe('3.9.3');
    expect(await srvrVersion(id)).toBe('3.9.3');
    order.push(id);
  }
  await waitStep(r.engine, (v) => v === null, 60_000);
  expect(r.engine.last?.status).toBe('finished');
  expect(order[2]).toBe(firstLeader);
  expect(new Set(order).size).toBe(3);

  const done = runbookEvents(r).filter((e) => e.kind === 'step.done');
  expect(done.map((e) => e.step)).toEqual(['preflight', 'roll-upgrade-1', 'roll-upgrade-2', 'roll-upgrade-3', 'postflight']);
  for (const e of done.slice(1, 3)) expect(e.text).toMatch(/server\.\d reports 3\.9\.3, follower, zxid \S+ vs leader \S+: caught up\)$/);
  expect(done[3]!.text).toMatch(new RegExp(`server\\.${firstLeader} reports 3\\.9\\.3, follower, .*caught up; new leader server\\.\\d on 3\\.9\\.3\\)$`));
  expect(done[4]!.text).toMatch(/all 3 on 3\.9\.3; leader server\.\d; zxids equal/);
  expect(r.ui.ensemble.model.getSnapshot().health.leaderId).not.toBe(firstLeader);
  await expectZnodes(sandbox().connectString, expected);
});
