// Servers with restricted four-letter words (RUNBOOKS trap 9): server 1 allows only `ruok`,
// server 2 only `srvr` (the default since 3.5.3). ZooKeeper 3.8 always answers srvr, so the role
// and zxid stay readable; mntr and conf are refused. The model says so per word, takes membership
// and voting from the session's committed config instead of the server's own `conf`, counts what
// it can, and nothing crashes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
import { useSandbox } from '../helpers/sandbox.js';
import { openConsole, waitForSnapshot, type ConsoleUnderTest } from './helpers.js';

const sandbox = useSandbox({
  nodes: 3,
  nodeConfig: { 1: ['4lw.commands.whitelist=ruok'], 2: ['4lw.commands.whitelist=srvr'] },
});
let ui: ConsoleUnderTest;

beforeAll(async () => {
  ui = await openConsole(sandbox().connectString, { pollIntervalMs: 500 });
  await waitForSnapshot(ui.ensemble.model, (s) => s.health.votersUp === 3 && s.committed?.source === 'session', 10_000);
});

afterAll(async () => {
  await ui?.app.dispose();
});

it('reports each restricted server with the words it refuses, its role and zxid from srvr', () => {
  const s = ui.ensemble.model.getSnapshot();
  for (const id of [1, 2]) {
    const row = s.nodes.find((n) => n.id === id)!;
    expect(['leader', 'follower']).toContain(row.role);
    expect(row.allowed).toEqual({ srvr: 'yes', mntr: 'no', conf: 'no' });
    expect(row.zxid?.hex).toMatch(/^0x[0-9a-f]+$/);
    // Membership and voting come from the session's committed config, not from the server's conf.
    expect(row).toMatchObject({ voter: true, configRole: 'participant', configVersion: null, configOk: null, peerState: null });
    if (row.role === 'follower') expect(row.detail).toBe('conf not in 4lw whitelist: config version unknown');
  }
  const three = s.nodes.find((n) => n.id === 3)!;
  expect(three.allowed).toEqual({ srvr: 'yes', mntr: 'yes', conf: 'yes' });
  expect(three.configOk).toBe(true);
  expect(s.health).toMatchObject({ votersTotal: 3, votersUp: 3, votersUnknown: 0, quorumServing: true });
});

it('the table shows "?" for config versions it cannot read; the commands quote the whitelist', async () => {
  const table = await ui.run('ensemble');
  expect(table.code).toBe(0);
  expect(table.out).toMatch(/^1\s+127\.0\.0\.1:\d+\s+(leader|follower)\s+0x[0-9a-f]+\s+\d+:\d+\s+\S+\s+3\.8\.\d+\s+- \?/m);
  const port = sandbox().node(1).clientPort;
  expect(await ui.run('mntr 1')).toMatchObject({
    code: 1,
    out: '',
    err: `mntr is not executed because it is not in the whitelist. (4lw.commands.whitelist on server.1 127.0.0.1:${port})`,
  });
  expect(await ui.run('ruok 1')).toMatchObject({ code: 0, out: 'imok' });
  expect(await ui.run('ruok 2')).toMatchObject({ code: 1, err: expect.stringContaining('ruok is not executed because it is not in the whitelist.') });
});

it('without a session, membership comes from the leader\'s conf when the leader allows it', async () => {
  const model = new EnsembleModel({ connectString: sandbox().connectString, pollIntervalMs: 500, clientFactory: null });
  try {
    const s = await model.whenReady();
    const leader = s.nodes.find((n) => n.role === 'leader')!;
    if (leader.allowed.conf === 'yes') {
      expect(s.committed).toMatchObject({ source: 'conf', version: ui.ensemble.model.getSnapshot().committed!.version });
    } else {
      // The leader refuses conf: the newest membership any server reports (server 3's).
      expect(s.committed).toMatchObject({ source: 'conf' });
    }
    expect(s.committed!.servers.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(s.nodes.filter((n) => n.voter)).toHaveLength(3);
  } finally {
    await model.dispose();
  }
});
