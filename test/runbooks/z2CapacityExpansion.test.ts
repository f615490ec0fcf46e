// Z2 rehearsal on a real static-membership ensemble (reconfigEnabled=false): server 4 joins with
// the members plus itself, then each member gets its line and is restarted, followers first, the
// leader last, the operator accepting every suggested command and node action. An unsafe second
// stop is refused; 1,000 znodes survive (data and version); every server lists 1,2,3,4 at the end.
import { expect, it } from 'vitest';
import { acceptSuggested, atStep, expectZnodes, highlighted, runbookEvents, waitStep, writeZnodes, useRehearsal } from './helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3, spares: 1, membership: 'static' });

const lines = (ids: number[]) => sandbox().serverLines(ids).join(' ');

it('Z2 adds server 4 to a static ensemble: followers first, leader last, no data lost', async () => {
  const sb = sandbox();
  const expected = await writeZnodes(r.ui.app.conn.require());
  const spec = `server.4=${sb.node(4).serverSpec}`;

  const list = await r.ui.run('runbook list');
  expect(list.out).toMatch(/^Z2\s+Capacity expansion, static config\s+new=…\s+\(seed 003 §4\.2\)$/m);
  expect(list.out).toMatch(/^Z3\s+Migration to new hosts, static config\s+replace=…\s+\(seed 003 §5\)$/m);
  const reused = await r.ui.run(`runbook start Z2 new=server.3=${sb.node(4).serverSpec}`);
  expect(reused.code).toBe(1);
  expect(reused.err).toContain('server.3: the new id must be greater than every id in use or seen (> 4)');
  const start = await r.ui.run(`runbook start Z2 new=${spec}`);
  expect(start.code, start.err).toBe(0);

  // The new server: its zoo.cfg is written (a manual step the node action carries out), and it
  // already follows as a non-voting follower listing 1..4 (the sandbox spare).
  const config = (await waitStep(r.engine, atStep('new-config')))!;
  expect(config.commands).toEqual([`node config 4 ${lines([1, 2, 3, 4])}`]);
  expect(config.instructions[1]).toBe(sb.serverLines([1])[0]);
  expect(highlighted(r)).toBe(4);
  // Trap 1: it says `Mode: follower`, but no member counts it yet.
  expect(r.ui.ensemble.model.getSnapshot().nodes.find((n) => n.id === 4)?.role).toBe('non-voting');
  expect(await acceptSuggested(r)).toBe(`node config 4 ${lines([1, 2, 3, 4])}`);

  const firstLeader = r.ui.ensemble.model.getSnapshot().health.leaderId!;
  const order: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const step = (await waitStep(r.engine, atStep(`roll-config-${round}`)))!;
    const target = step.target!.id!;
    const leader = r.ui.ensemble.model.getSnapshot().health.leaderId;
    if (round < 3) expect(target).not.toBe(leader);
    else expect(target).toBe(leader);
    expect(highlighted(r)).toBe(target);
    expect(await acceptSuggested(r)).toBe(`node config ${target} ${lines([1, 2, 3, 4])}`);
    expect((await sb.membershipOf(target)).join(' ')).toBe(lines([1, 2, 3, 4]));

    await waitStep(r.engine, atStep(`roll-stop-${round}`));
    expect(highlighted(r)).toBe(target);
    expect(await acceptSuggested(r)).toBe(`node stop ${target}`);
    await waitStep(r.engine, atStep(`roll-start-${round}`));
    expect(highlighted(r)).toBe(target);
    if (round === 1) {
      // One member down: stopping another would leave the leader's list (1,2,3) without a majority.
      const other = [1, 2, 3].find((id) => id !== target && id !== leader)!;
      const second = await r.ui.run(`node stop ${other}`);
      expect(second.code).toBe(1);
      expect(second.err).toMatch(new RegExp(`^refused: stop of server\\.${other} would leave 1 of the 3 voters in server\\.\\d's zoo\\.cfg \\(1,2,3\\) serving, fewer than a majority \\(2\\) \\(--force overrides\\)$`));
    }
    expect(await acceptSuggested(r)).toBe(`node start ${target}`);
    order.push(target);
  }
  expect(order[2]).toBe(firstLeader);

  await waitStep(r.engine, atStep('clients'), 30_000);
  const clients = r.engine.current!;
  expect(clients.title).toBe(`give clients the new connect string: ${sb.nodes.map((n) => `${n.host}:${n.clientPort}`).join(',')}`);
  expect((await r.ui.run('step done')).code).toBe(0);
  expect(r.engine.last?.status).toBe('finished');

  // Every server's own conf (its zoo.cfg) lists the four; the new leader was elected on the new lists.
  const s = r.ui.ensemble.model.getSnapshot();
  for (const id of [1, 2, 3, 4]) expect(s.nodes.find((n) => n.id === id)?.membership?.map((m) => m.id)).toEqual([1, 2, 3, 4]);
  expect(s.nodes.filter((n) => n.role === 'leader')).toHaveLength(1);
  const leaderMntr = await sb.fourLetterWord(s.health.leaderId!, 'mntr');
  expect(leaderMntr).toMatch(/zk_quorum_size\t4/);
  expect(leaderMntr).toMatch(/zk_synced_non_voting_followers\t0/);
  const kinds = runbookEvents(r).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'guard.refused')).toHaveLength(1);
  expect(kinds.at(-1)).toBe('finished');
  await expectZnodes(sb.nodes.map((n) => `${n.host}:${n.clientPort}`).join(','), expected);
});
