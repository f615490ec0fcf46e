// Z4 rehearsal: a 3-server ensemble migrated to 3 new servers by dynamic reconfig, driven as an
// operator would. The checklist adds 4, 5, 6 in id order (refusing 5 before 4), refuses any
// removal before the clients moved (trap 8) and the leader before the other old servers, removes
// the old ones with the leader last, and ends with only the new servers in `config`.
import { expect, it } from 'vitest';
import type { CurrentStepView } from '../../src/runbooks/types.js';
import { waitForSnapshot } from '../ensemble/helpers.js';
import { acceptSuggested, atStep, expectZnodes, highlighted, runbookEvents, waitStep, writeZnodes, useRehearsal } from './helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3, spares: 3 });

it('Z4 hot migration {1,2,3} → {4,5,6}: ids added in order, leader removed last, no data lost', async () => {
  const sb = sandbox();
  const expected = await writeZnodes(r.ui.app.conn.require());
  const newSpec = sb.spares.map((n) => `server.${n.id}=${n.serverSpec}`).join(',');
  const bad = await r.ui.run('runbook start Z4 new=server.2=127.0.0.1:1:2:participant;127.0.0.1:3');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('new ids must continue after the old ones');

  const start = await r.ui.run(`runbook start Z4 new=${newSpec}`);
  expect(start.code, start.err).toBe(0);
  // Preflight and the three joiners (synced non-voting followers) pass on live state.
  await waitStep(r.engine, atStep('addauth'));
  const auth = await r.ui.run(`addauth digest ${sb.superUser}:${sb.superPassword}`);
  expect(auth.code).toBe(0);
  await waitStep(r.engine, atStep('add-4'));

  // Out of id order: refused with the reason, recorded.
  const outOfOrder = await r.ui.run(`reconfig -add server.5=${sb.node(5).serverSpec}`);
  expect(outOfOrder.code).toBe(1);
  expect(outOfOrder.err).toMatch(/refused: add the new servers in increasing id order: server\.4 before server\.5/);
  // Trap 8: no old server leaves before the clients moved.
  const early = await r.ui.run('reconfig -remove 1');
  expect(early.code).toBe(1);
  expect(early.err).toMatch(/move the clients to the new servers first.*trap 8/);
  expect(r.ui.ensemble.model.getSnapshot().committed!.servers.map((s) => s.id)).toEqual([1, 2, 3]);

  for (const id of [4, 5, 6]) {
    const step = (await waitStep(r.engine, atStep(`add-${id}`)))!;
    expect(step.target?.id).toBe(id);
    expect(highlighted(r)).toBe(id);
    expect(await acceptSuggested(r)).toBe(`reconfig -add server.${id}=${sb.node(id).serverSpec}`);
  }
  const move = (await waitStep(r.engine, atStep('move-clients')))!;
  expect(move.title).toContain(sb.spares.map((n) => `${n.host}:${n.clientPort}`).join(','));
  expect((await r.ui.run('step done')).code).toBe(0);

  const removed: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const step = (await waitStep(r.engine, atStep(`remove-${round}`)))!;
    const leader = r.ui.ensemble.model.getSnapshot().health.leaderId!;
    if (round === 1) {
      const leaderFirst = await r.ui.run(`reconfig -remove ${leader}`);
      expect(leaderFirst.code).toBe(1);
      expect(leaderFirst.err).toMatch(new RegExp(`refused: server\\.${leader} is the leader: remove the other old servers`));
    }
    const target = step.target!.id!;
    expect([1, 2, 3]).toContain(target);
    if (round < 3) expect(target).not.toBe(leader);
    else expect(target).toBe(leader);
    expect(highlighted(r)).toBe(target);
    expect(await acceptSuggested(r, round === 3)).toBe(`reconfig -remove ${target}`);
    removed.push(target);
  }
  // Removing the leader usually commits behind a ConnectionLoss (trap 3), but not always: the
  // checklist judges by the config, and says so when the removal did not commit; then, as an
  // operator would, run it again.
  const advanced = (v: CurrentStepView | null) => v?.id !== 'remove-3';
  const uncommitted = (v: CurrentStepView | null) => advanced(v) || /did not commit, run it again/.test(v?.check?.text ?? '');
  if (!advanced(await waitStep(r.engine, uncommitted, 30_000))) {
    expect(await acceptSuggested(r, true)).toBe(`reconfig -remove ${removed[2]}`);
  }
  // Last, the removed servers (still non-voting followers) are stopped, the console moved off them first.
  const newConnect = sb.spares.map((n) => `${n.host}:${n.clientPort}`).join(',');
  await waitStep(r.engine, atStep('stop-old'), 30_000);
  expect(await acceptSuggested(r)).toBe(`connect ${newConnect}`);
  // The console now talks to the new servers, the same ensemble: the panel keeps the removed ones
  // (former members, still answering), so each old server to stop is highlighted there; each is
  // also asked itself whether it stopped.
  const stopped: number[] = [];
  const nextStop = (v: CurrentStepView | null) => /^node stop (\d+)$/.exec(v?.commands[0] ?? '');
  for (let i = 0; i < 3; i++) {
    const step = await waitStep(r.engine, (v) => v?.id === 'stop-old' && nextStop(v) !== null && !stopped.includes(Number(nextStop(v)![1])) && v.target !== null);
    const id = Number(nextStop(step)![1]);
    expect(removed).toContain(id);
    expect(step!.title).toContain(`server.${id}`);
    if (i === 0) {
      // Once the session is on the new servers, the old ones are former members, still in view,
      // each a non-voting follower (the removed leader passes through an election of its own first).
      const oldRoles = (x: ReturnType<typeof r.ui.ensemble.model.getSnapshot>) => x.nodes.filter((n) => removed.includes(n.id!)).map((n) => n.role);
      const s = await waitForSnapshot(
        r.ui.ensemble.model,
        (x) => x.nodes.some((n) => n.id === id && n.sources.includes('former')) && oldRoles(x).join() === 'non-voting,non-voting,non-voting',
        30_000,
      );
      expect(oldRoles(s)).toEqual(['non-voting', 'non-voting', 'non-voting']);
    }
    expect(highlighted(r)).toBe(id);
    expect(await acceptSuggested(r)).toBe(`node stop ${id}`);
    stopped.push(id);
  }
  await waitStep(r.engine, (v) => v === null, 30_000);
  expect(r.engine.last?.status).toBe('finished');
  expect(stopped.sort()).toEqual([1, 2, 3]);
  expect((await r.ui.run('ls /')).code).toBe(0); // the console's own session survived on the new servers
  const s = r.ui.ensemble.model.getSnapshot();
  expect(s.committed!.servers.map((x) => x.id)).toEqual([4, 5, 6]);
  expect([4, 5, 6]).toContain(s.health.leaderId);
  const config = await r.ui.run('config');
  expect(config.out.split('\n').filter((l) => l.startsWith('server.')).map((l) => l.split('=')[0])).toEqual(['server.4', 'server.5', 'server.6']);
  const refusals = runbookEvents(r).filter((e) => e.kind === 'guard.refused').map((e) => e.text);
  expect(refusals, refusals.join('\n')).toHaveLength(3);
  await expectZnodes(sb.spares.map((n) => `${n.host}:${n.clientPort}`).join(','), expected);
});
