// Guards against a real ensemble, typed by hand: every unsafe order is refused with one line why
// (and recorded), --force overrides and is recorded. Traps staged: 2 (adding a server that is not
// running), 4 (restarting a non-voting joiner), 6 (wiping a running server), quorum loss by stop,
// a reconfig leaving fewer than a majority of synced voters. Also: a run persists and resumes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { waitForSnapshot } from '../ensemble/helpers.js';
import { atStep, openRehearsal, runbookEvents, waitStep, type Rehearsal } from './helpers.js';

const sandbox = useSandbox({ nodes: 3, spares: 1 });
let r: Rehearsal;

beforeAll(async () => {
  r = await openRehearsal(sandbox());
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.nodes.find((n) => n.id === 4)?.role === 'non-voting', 10_000);
});
afterAll(async () => {
  await r?.close();
});

it('a run persists every transition and resumes in a new console (zkpilot --resume)', async () => {
  expect((await r.ui.run('runbook start Z1')).code).toBe(0);
  await waitStep(r.engine, atStep('roll-stop-1'));
  const runFile = r.runFile;
  r.runbooks.dispose(); // the console dies mid-run
  await r.ui.app.dispose();
  r = await openRehearsal(sandbox(), { runFile, resume: true });
  expect(r.runbooks.resumed).toBe('Z1');
  await waitStep(r.engine, atStep('roll-stop-1'));
  expect(r.engine.active!.state.steps[0]!.status).toBe('done');
  expect(runbookEvents(r)[0]).toMatchObject({ kind: 'resumed', runbook: 'Z1' });
  const status = await r.ui.run('runbook status');
  expect(status.out).toMatch(/✔ {2}1 preflight/);
  expect(status.out).toMatch(/▶ {2}2 stop server\.\d/);
  expect(status.out).toMatch(/check: waiting — server\.\d is (follower|observer): stop it/);
  expect((await r.ui.run('step skip rehearsal only')).code).toBe(0);
  expect(r.engine.active!.state.steps[1]!.how).toBe('skip: rehearsal only');
  expect((await r.ui.run('step back')).code).toBe(0);
  expect((await r.ui.run('runbook abort guard tests follow')).code).toBe(0);
  expect(r.engine.active).toBeNull();
  expect(runbookEvents(r).map((e) => e.kind)).toEqual(expect.arrayContaining(['step.skipped', 'step.back', 'aborted']));
});

it('refuses unsafe node actions and reconfigs with one line why; --force is recorded', async () => {
  const sb = sandbox();
  const leader = await sb.waitForLeader();
  const [a, b] = [1, 2, 3].filter((id) => id !== leader) as [number, number];

  // Dynamic membership: there is no zoo.cfg list to write; the lines are shown for a hand edit.
  const config = await r.ui.run('node config 1 1 2 3');
  expect(config.code).toBe(1);
  expect(config.err).toMatch(/^node: no config action for server\.1 \(this sandbox has dynamic membership: change it with reconfig.*\); write these lines in the zoo\.cfg server\.1 starts with, by hand: server\.1=\S+ server\.2=\S+ server\.3=\S+$/m);

  // Trap 4: a joiner not yet added cannot boot again.
  const restartJoiner = await r.ui.run('node restart 4');
  expect(restartJoiner.code).toBe(1);
  expect(restartJoiner.err).toMatch(/^refused: server\.4 is a non-voting follower: restarted now it dies with "My id 4 not in the peer list"/);
  // Trap 2: adding a participant that is not running.
  expect((await r.ui.run('node stop 4')).code).toBe(0);
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.nodes.find((n) => n.key.endsWith(`:${sb.node(4).clientPort}`))?.role === 'down', 10_000);
  const addDown = await r.ui.run(`reconfig -add server.4=${sb.node(4).serverSpec}`);
  expect(addDown.code).toBe(1);
  expect(addDown.err).toMatch(/refused: server\.4 is (down|not in view): add only a running, synced non-voting follower \(trap 2\)/);
  // Trap 6: never wipe a running server.
  const wipeRunning = await r.ui.run(`node wipe ${a}`);
  expect(wipeRunning.err).toMatch(new RegExp(`refused: server\\.${a} is running: stop it before wiping`));

  // The leader goes last, on its own.
  const leaderAndOther = await r.ui.run(`reconfig -remove ${leader},${b}`);
  expect(leaderAndOther.err).toMatch(/refused: removes the leader server\.\d together with others/);
  // One follower down: stopping the other would lose the quorum; removing it too.
  expect((await r.ui.run(`node stop ${a}`)).code).toBe(0);
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.health.votersUp === 2, 10_000);
  const stopB = await r.ui.run(`node stop ${b}`);
  expect(stopB.code).toBe(1);
  expect(stopB.err).toBe(`refused: stop of server.${b} would leave 1 of 3 voters serving, fewer than the quorum of 2 (--force overrides)`);
  const removeB = await r.ui.run(`reconfig -remove ${b}`);
  expect(removeB.code).toBe(1);
  expect(removeB.err).toMatch(/refused: the new config would have 1 synced voters of 2, fewer than a majority \(2\)/);
  expect(r.ui.ensemble.model.getSnapshot().committed!.servers.map((s) => s.id)).toEqual([1, 2, 3]);

  // Wiping the stopped follower while the two others serve: allowed, with the autocreate advice.
  const wipe = await r.ui.run(`node wipe ${a}`);
  expect(wipe.code).toBe(0);
  expect(wipe.err).toMatch(/warning: start it with -Dzookeeper\.db\.autocreate=false/);
  expect((await r.ui.run(`node start ${a}`)).code).toBe(0);
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.health.votersUp === 3, 20_000);

  // --force overrides and is recorded.
  expect((await r.ui.run(`node stop ${a}`)).code).toBe(0);
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.health.votersUp === 2, 10_000);
  const forced = await r.ui.run(`node stop ${b} --force`);
  expect(forced.code).toBe(0);
  expect(forced.err).toMatch(/^warning: stop of server\.\d would leave 1 of 3 voters serving.*forced \(--force\), recorded/);
  const kinds = runbookEvents(r).map((e) => `${e.kind}: ${e.text}`);
  expect(kinds.filter((k) => k.startsWith('guard.refused')).length).toBeGreaterThanOrEqual(6);
  expect(kinds.some((k) => k.startsWith(`guard.forced: node stop ${b} forced over`))).toBe(true);
  await sb.startNode(a);
  await sb.startNode(b);
  await sb.waitForLeader();
});
