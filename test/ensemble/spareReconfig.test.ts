// A spare server started beside a real 3-server ensemble: the model classifies it non-voting
// (it says `Mode: follower`, but its id is not in the committed config — RUNBOOKS trap 1) and
// never counts it as a voter. `reconfig -add` of it: a config-version event with the membership
// diff arrives through the config watch, and the spare becomes a voting follower. Also the
// commands: `ensemble --json` in a non-interactive console, srvr/conf/ruok/4lw, bad input.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatServerSpec } from '../../src/zk/dynamicConfig.js';
import { useSandbox } from '../helpers/sandbox.js';
import { lastSeq, openConsole, waitForEvent, waitForSnapshot, type ConsoleUnderTest } from './helpers.js';

const POLL_MS = 500;
const sandbox = useSandbox({ nodes: 3, spares: 1 });
let ui: ConsoleUnderTest;

beforeAll(async () => {
  const spare = sandbox().spares[0]!;
  ui = await openConsole(sandbox().connectString, { pollIntervalMs: POLL_MS, extraHosts: [`${spare.host}:${spare.clientPort}`] });
  await ui.ensemble.model.whenReady();
});

afterAll(async () => {
  await ui?.app.dispose();
});

it('classifies the running spare as a non-voting follower and does not count it as a voter', async () => {
  const spare = sandbox().spares[0]!;
  const s = await waitForSnapshot(ui.ensemble.model, (x) => x.nodes.find((n) => n.id === spare.id)?.role === 'non-voting', 5000);
  const row = s.nodes.find((n) => n.id === spare.id)!;
  expect(row).toMatchObject({ voter: false, configRole: null, sources: ['extra'], configOk: true });
  expect(row.detail).toContain(`server ${spare.id} is not a participant of the committed config`);
  expect(s.health).toMatchObject({ votersTotal: 3, votersUp: 3, quorumSize: 2 });
  expect(s.health.syncedNonVotingFollowers).toBe(1);
  expect(s.health.syncedVotingFollowers).toBe(2);
  // Its conf lists the leader's membership, not itself: its own line comes from its settings,
  // exactly what the sandbox configured (and what Z4's new= completion offers).
  expect(row.membership?.map((m) => m.id)).toEqual([1, 2, 3]);
  expect(formatServerSpec(row.ownSpec!)).toBe(`server.${spare.id}=${spare.serverSpec}`);
});

it('ensemble --json in a non-interactive console prints a complete first round', async () => {
  // Exec mode: a console whose model was not started; the command must poll once before printing.
  const exec = await openConsole(sandbox().connectString, { start: false });
  try {
    expect(exec.ensemble.model.isRunning).toBe(false);
    const { code, out } = await exec.run('ensemble --json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { round: number; nodes: { id: number; role: string; zxid: { hex: string } }[]; health: { leaderId: number } };
    expect(json.round).toBeGreaterThanOrEqual(1);
    expect(json.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(json.nodes.every((n) => ['leader', 'follower'].includes(n.role) && /^0x[0-9a-f]+$/.test(n.zxid.hex))).toBe(true);
    expect(json.health.leaderId).toBe(await sandbox().waitForLeader());
    const table = await exec.run('ensemble');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^id\s+address\s+role\s+zxid/);
    expect(table.out).toMatch(/quorum serving \(voters 3\/3 up, quorum 2\)/);
  } finally {
    await exec.app.dispose();
  }
  expect(exec.ensemble.model.isRunning).toBe(false);
});

it('reconfig -add of the spare: a config-version event with the diff, then a voting follower', async () => {
  const model = ui.ensemble.model;
  const spare = sandbox().spares[0]!;
  const before = model.getSnapshot().committed!.version;
  const since = lastSeq(model);
  expect((await ui.run(`addauth digest ${sandbox().superUser}:${sandbox().superPassword}`)).code).toBe(0);
  const r = await ui.run(`reconfig -add server.${spare.id}=${spare.serverSpec}`);
  expect(r.code).toBe(0);
  const changed = await waitForEvent(model, (e) => e.kind === 'config.changed', 3000, since);
  if (changed.kind !== 'config.changed') throw new Error('unreachable');
  expect(changed.from).toBe(before);
  expect(changed.to).not.toBe(before);
  expect(changed.diff.added).toEqual([`server.${spare.id}=${spare.serverSpec}`]);
  expect(changed.diff.removed).toEqual([]);
  expect(changed.text).toBe(`config version ${before} → ${changed.to} (+${spare.id})`);
  expect(changed.source).toBe('session');

  const s = await waitForSnapshot(model, (x) => x.nodes.find((n) => n.id === spare.id)?.role === 'follower', 5000);
  expect(s.nodes.find((n) => n.id === spare.id)).toMatchObject({ voter: true, configRole: 'participant' });
  expect(s.health).toMatchObject({ votersTotal: 4, quorumSize: 3, configVersion: changed.to });
  const roleEvent = await waitForEvent(model, (e) => e.kind === 'role.changed', 3000, since);
  expect(roleEvent.text).toContain('non-voting → follower');
  // Every server catches up with the new config version.
  await waitForSnapshot(model, (x) => x.nodes.every((n) => n.configOk === true), 5000);
});

it('srvr, conf, ruok and 4lw reach one server by id or address, or every server', async () => {
  const leader = ui.ensemble.model.getSnapshot().nodes.find((n) => n.role === 'leader')!;
  const byId = await ui.run(`srvr ${leader.id}`);
  expect(byId).toMatchObject({ code: 0, err: '' });
  expect(byId.out).toContain('Mode: leader');
  expect(byId.out.endsWith('\n')).toBe(false);
  const conf = await ui.run(`conf ${leader.key}`);
  expect(conf.out).toContain(`serverId=${leader.id}`);
  expect(conf.out).toMatch(/^version=[0-9a-f]+$/m);
  const ruok = await ui.run('ruok server.1');
  expect(ruok).toMatchObject({ code: 0, out: 'imok' });
  const all = await ui.run('4lw isro');
  expect(all.code).toBe(0);
  expect(all.out.split('\n').filter((l) => l === 'rw')).toHaveLength(4);
  expect(all.out).toContain(`--- server.${leader.id} ${leader.key} ---`);
});

it('bad input gets one line and a non-zero exit code', async () => {
  expect(await ui.run('4lw')).toMatchObject({ code: 1, err: '4lw WORD [host:port|id]' });
  expect(await ui.run('4lw STAT 1')).toMatchObject({ code: 1, err: '4lw: STAT is not a four-letter word (e.g. srvr, mntr, conf, cons, ruok)' });
  expect(await ui.run('srvr 99')).toMatchObject({ code: 1, err: 'no server 99 in the ensemble view' });
  expect(await ui.run('srvr zk1:99999')).toMatchObject({ code: 1, err: 'not a server: zk1:99999 (give host:port, a server id, or server.N)' });
  const unknownHost = await ui.run('srvr no-such-host.invalid:2181');
  expect(unknownHost.code).toBe(1);
  expect(unknownHost.err).toMatch(/^no-such-host\.invalid:2181: (ENOTFOUND|EAI_AGAIN)/);
  expect(await ui.run('srvr 1 2')).toMatchObject({ code: 1, err: 'srvr [host:port|id]' });
  expect(await ui.run('events x')).toMatchObject({ code: 1, err: 'events [N] [--json]' });
  expect(await ui.run('ensemble --yaml')).toMatchObject({ code: 1, err: 'ensemble [-l] [--json]' });
  const long = await ui.run('ensemble -l');
  expect(long.code).toBe(0);
  expect(long.out.split('\n')[0]).toMatch(/ outst  znodes  conns$/);
  // A port nobody listens on: refused, said in one line.
  const refused = await ui.run('srvr 127.0.0.1:1');
  expect(refused).toMatchObject({ code: 1, err: '127.0.0.1:1: connection refused (server down?)' });
});
