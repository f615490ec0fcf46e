// Z3 rehearsal on a real static-membership ensemble: the leader's host is replaced by a new server
// with a new id (the sandbox spare, 4), driven as an operator would, accepting every suggested
// command and node action. The old leader is restarted first (the new server cannot follow a
// leader its list does not name), the new server is stopped, cleaned, configured and started,
// the remaining followers are rolled onto the new list, the old server stopped, the leader rolled
// last. Refused on the way: stopping the old server early, a second stop while one server is
// down, cleaning a server whose data the quorum needs. 1,000 znodes survive (data and version).
import { expect, it } from 'vitest';
import { acceptSuggested, atStep, expectZnodes, highlighted, runbookEvents, waitStep, writeZnodes, useRehearsal } from './helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3, spares: 1, membership: 'static' });

const leaderNow = () => r.ui.ensemble.model.getSnapshot().health.leaderId;

it('Z3 replaces the leader by server 4 with a new id: the unsafe orders are refused, no data lost', async () => {
  const sb = sandbox();
  const expected = await writeZnodes(r.ui.app.conn.require());
  const old = await sb.waitForLeader();
  const target = [1, 2, 3].filter((id) => id !== old).concat(4);
  const targetLines = sb.serverLines(target).join(' ');

  const reused = await r.ui.run(`runbook start Z3 replace=${old}:server.3=${sb.node(4).serverSpec}`);
  expect(reused.code).toBe(1);
  expect(reused.err).toContain('server.3: a new id must be greater than every id ever used (> 4)');
  const start = await r.ui.run(`runbook start Z3 replace=${old}:server.4=${sb.node(4).serverSpec}`);
  expect(start.code, start.err).toBe(0);

  // The old server leads: it is restarted once so that another server leads.
  const pick = (await waitStep(r.engine, atStep('r1-pick')))!;
  expect(pick.title).toBe(`round 1: replace server.${old} by server.4 — server.${old} leads: restart it first`);
  expect(highlighted(r)).toBe(old);
  const early = await r.ui.run(`node stop ${old}`);
  expect(early.code).toBe(1);
  expect(early.err).toBe(`refused: stop server.${old} only once server.4 follows and every other server but the leader runs the new list: stopped now, the next restart would leave fewer than a majority serving (--force overrides)`);
  expect(await acceptSuggested(r)).toBe(`node restart ${old}`);
  // On a loaded machine the restarted server can rejoin mid-election and, with the highest id,
  // lead again: the step stays, suggesting the restart once more.
  for (let again = 0; ; again++) {
    const moved = await waitStep(r.engine, atStep('r1-new-down'), 20_000).then(() => true, () => false);
    if (moved) break;
    expect({ again, step: r.engine.current?.id, leader: leaderNow() }).toEqual({ again, step: 'r1-pick', leader: old });
    expect(again).toBeLessThan(3);
    expect(await acceptSuggested(r)).toBe(`node restart ${old}`);
  }

  // The new server: down, cleaned, its list with the old line replaced, started.
  expect(leaderNow()).not.toBe(old);
  expect(highlighted(r)).toBe(4);
  expect(await acceptSuggested(r)).toBe('node stop 4');
  await waitStep(r.engine, atStep('r1-new-clean'));
  expect(highlighted(r)).toBe(4);
  expect(await acceptSuggested(r)).toBe('node wipe 4');
  const config = (await waitStep(r.engine, atStep('r1-new-config')))!;
  expect(config.instructions.slice(1)).toEqual(sb.serverLines(target));
  expect(await acceptSuggested(r)).toBe(`node config 4 ${targetLines}`);
  await waitStep(r.engine, atStep('r1-new-start'));
  expect(await acceptSuggested(r)).toBe('node start 4');

  // The remaining servers: the follower first, then the old server stops, the leader last.
  const follower = (await waitStep(r.engine, atStep('r1-config-1'), 60_000))!.target!.id!;
  const newLeader = leaderNow()!;
  expect([old, 4, newLeader]).not.toContain(follower);
  expect(highlighted(r)).toBe(follower);
  expect(await acceptSuggested(r)).toBe(`node config ${follower} ${targetLines}`);
  await waitStep(r.engine, atStep('r1-stop-1'));
  expect(await acceptSuggested(r)).toBe(`node stop ${follower}`);
  await waitStep(r.engine, atStep('r1-start-1'));
  expect(highlighted(r)).toBe(follower);
  // One server down: stopping the old one too would leave the leader's list (1,2,3) one voter.
  const second = await r.ui.run(`node stop ${old}`);
  expect(second.code).toBe(1);
  expect(second.err).toMatch(new RegExp(`^refused: stop of server\\.${old} would leave 1 of the 3 voters in server\\.${newLeader}'s zoo\\.cfg \\(1,2,3\\) serving, fewer than a majority \\(2\\)`));
  // Trap 6: the stopped follower holds data the new list's quorum needs.
  const clean = await r.ui.run(`node wipe ${follower}`);
  expect(clean.code).toBe(1);
  expect(clean.err).toMatch(new RegExp(`^refused: server\\.${follower} holds data the quorum depends on: Z3 cleans only the new servers, before they start \\(trap 6\\)`));
  expect(await acceptSuggested(r)).toBe(`node start ${follower}`);

  await waitStep(r.engine, atStep('r1-old-stop'), 60_000);
  expect(highlighted(r)).toBe(old);
  expect(await acceptSuggested(r)).toBe(`node stop ${old}`);

  const last = (await waitStep(r.engine, atStep('r1-config-2'), 30_000))!;
  expect(last.target!.id).toBe(newLeader);
  expect(leaderNow()).toBe(newLeader);
  expect(last.title).toBe(`write the new membership into server.${newLeader}'s zoo.cfg (leader, last)`);
  expect(highlighted(r)).toBe(newLeader);
  expect(await acceptSuggested(r)).toBe(`node config ${newLeader} ${targetLines}`);
  await waitStep(r.engine, atStep('r1-stop-2'));
  expect(await acceptSuggested(r)).toBe(`node stop ${newLeader}`);
  await waitStep(r.engine, atStep('r1-start-2'), 30_000);
  expect(highlighted(r)).toBe(newLeader);
  expect(await acceptSuggested(r)).toBe(`node start ${newLeader}`);

  const clients = (await waitStep(r.engine, atStep('clients'), 60_000))!;
  const connect = target.map((id) => `127.0.0.1:${sb.node(id).clientPort}`).join(',');
  expect(clients.title).toBe(`give clients the new connect string: ${connect}`);
  const done = runbookEvents(r).find((e) => e.kind === 'step.done' && e.text.includes('postflight'))!;
  expect(done.text).toMatch(new RegExp(`3 servers list ${target.join(',')}; leader server\\.\\d; zxids equal; \\d+ znodes on each`));
  expect((await r.ui.run('step done')).code).toBe(0);
  expect(r.engine.last?.status).toBe('finished');

  const s = r.ui.ensemble.model.getSnapshot();
  for (const id of target) expect(s.nodes.find((n) => n.id === id)?.membership?.map((m) => m.id)).toEqual(target);
  expect(sb.node(old).status).toBe('stopped');
  expect(runbookEvents(r).filter((e) => e.kind === 'guard.refused')).toHaveLength(3);
  await expectZnodes(connect, expected);
});
