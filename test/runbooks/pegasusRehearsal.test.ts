// P1 and P2 rehearsed end to end with the stand-in Pegasus shell over three real ZooKeeper
// sandboxes: the metas move A → B by meta recovery (P1), then B → C by zkpilot's copy (P2). The
// test plays the operator: it accepts the suggested commands and does what happens on the meta
// hosts (stop, edit config.ini, start) with the stand-in's controls. Tables are checked at the end
// of each move; P2's copy is refused while the meta is not blind.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChecklistPanel } from '../../src/ui/checklist/ChecklistPanel.js';
import { setMetaConfig, startMeta, stopMetas } from '../../src/pegasus/standIn/control.js';
import { createZkClient } from '../../src/zk/client.js';
import { ensureBuilt, standInCluster, type StandInFixture } from '../pegasus/helpers.js';
import { useSandbox } from '../helpers/sandbox.js';
import { acceptSuggested, atStep, openRehearsal, runbookEvents, waitStep, type Rehearsal } from './helpers.js';

const zkA = useSandbox({ nodes: 1 });
const zkB = useSandbox({ nodes: 1 });
const zkC = useSandbox({ nodes: 1 });
let fx: StandInFixture;
let r: Rehearsal;

beforeAll(async () => {
  await ensureBuilt(); // the stand-in and copy's session workers run from build/
  fx = await standInCluster(zkA().connectString, { unalive: ['127.0.0.1:34802'] });
  // The console works on B: P1's new ZooKeeper, then P2's old one (copy's source, deleteall's target).
  r = await openRehearsal(zkB(), { pegasusSpawn: { argv: fx.argv, cwd: fx.dir } });
});
afterAll(async () => {
  await r?.close();
  await fx?.close();
});

async function tablesIn(connectString: string): Promise<string[]> {
  const zk = createZkClient({ connectString });
  try {
    await zk.waitConnected(20_000);
    await zk.sync('/pegasus/onebox/apps'); // the meta wrote through its own session
    if ((await zk.exists('/pegasus/onebox/apps')) === null) return [];
    return (await zk.getChildren('/pegasus/onebox/apps')).children.sort();
  } finally {
    await zk.close();
  }
}

it('P1: metas move to another ZooKeeper by meta recovery, from the ALIVE replica servers only', async () => {
  const B = zkB().connectString;
  expect(await tablesIn(B)).toEqual([]);
  const bad = await r.ui.run('runbook start P1 hosts=zk-new');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('hosts: "zk-new" is not host:port');
  expect((await r.ui.run(`runbook start P1 hosts=${B} wait=1`)).code).toBe(0);

  expect(await acceptSuggested(r)).toBe('pg ls -o apps.list');
  await waitStep(r.engine, atStep('node-list'));
  expect(await acceptSuggested(r)).toBe('pg nodes -d -o nodes.list');
  // The list comes from the status column: the UNALIVE node is left out, and the seed's grep is called out.
  const derive = await r.ui.run('step next');
  expect(derive.out).toContain('pegasus recover-node-list nodes.list');
  const written = await r.ui.run('pegasus recover-node-list nodes.list');
  expect(written.code, written.err).toBe(0);
  expect(written.out).toContain('left out (UNALIVE): 127.0.0.1:34802');
  expect(readFileSync(path.join(fx.dir, 'recover_node_list'), 'utf8')).not.toContain('34802');

  // The metas still answer: the step holds until pg ls fails with ERR_NETWORK_FAILURE.
  await waitStep(r.engine, atStep('stop-metas'));
  await acceptSuggested(r, true);
  expect(r.engine.current?.check?.text).toMatch(/still answered.*a meta server is running/);
  stopMetas(fx.dir);
  await acceptSuggested(r, true);
  await waitStep(r.engine, atStep('meta-config'), 10_000); // through the 1 s countdown
  expect(runbookEvents(r).some((e) => e.text.includes('wait-inactive'))).toBe(true);
  expect(r.engine.current?.manual).toBe(true);
  expect((await r.ui.run('step next')).out).toContain(`[zookeeper] hosts_list = ${B}`);
  // The pane shows what to do on the meta hosts in full, not only the banner's first line.
  const pane = render(createElement(ChecklistPanel, { engine: r.engine, width: 100, height: 14 }));
  expect(pane.lastFrame()).toMatch(new RegExp(`do: +\\[zookeeper\\] hosts_list = ${B}`));
  expect(pane.lastFrame()).toMatch(/do: +\[meta_server\] recover_from_replica_server = true/);
  pane.unmount();
  setMetaConfig(fx.dir, { hostsList: B, recoverFromReplicaServer: true });
  expect((await r.ui.run('step done')).code).toBe(0);

  await waitStep(r.engine, atStep('start-one-meta'));
  expect(await startMeta(fx.dir, 0)).toEqual({ ok: true, recovering: true });
  await acceptSuggested(r, true);
  await waitStep(r.engine, atStep('recover'));
  expect(await acceptSuggested(r)).toBe('pg recover -f recover_node_list');
  await waitStep(r.engine, atStep('meta-config-back'));

  setMetaConfig(fx.dir, { recoverFromReplicaServer: false });
  stopMetas(fx.dir);
  expect(await startMeta(fx.dir, 0)).toEqual({ ok: true, recovering: false });
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, atStep('healthy'));
  for (const line of ['pg cluster_info', 'pg nodes', 'pg ls']) expect(await acceptSuggested(r)).toBe(line);
  await waitStep(r.engine, (v) => v === null);
  expect(r.engine.active?.state.status ?? 'finished').toBe('finished');
  expect(await tablesIn(B)).toEqual(['1', '2']);
});

it('P2: metas move by copying the tree, the copy refused until the meta is blind, the old tree removed', async () => {
  const B = zkB().connectString;
  const C = zkC().connectString;
  expect((await r.ui.run(`runbook start P2 target=${C}`)).code).toBe(0);
  expect(await acceptSuggested(r)).toBe('pg ls -o apps.list');
  await waitStep(r.engine, atStep('stop-standbys'));
  expect((await r.ui.run('step done')).code).toBe(0);

  // The copy typed by hand before the meta is blind: refused, with the level it found, recorded.
  await waitStep(r.engine, atStep('blind'));
  const early = await r.ui.run(`copy /pegasus/onebox ${C}:/pegasus/onebox`);
  expect(early.code).toBe(1);
  expect(early.err).toMatch(/refused: P2: meta function level is \w+, not blind/);
  expect(runbookEvents(r).some((e) => e.kind === 'guard.refused' && e.text.startsWith('copy '))).toBe(true);
  expect(await tablesIn(C)).toEqual([]);
  expect(await acceptSuggested(r)).toBe('pg set_meta_level blind');
  expect(await acceptSuggested(r)).toBe('pg get_meta_level');

  await waitStep(r.engine, atStep('zk-root'));
  expect(await acceptSuggested(r)).toBe('pg cluster_info');
  await waitStep(r.engine, atStep('copy'));
  expect(await acceptSuggested(r)).toBe(`copy /pegasus/onebox ${C}:/pegasus/onebox`);
  await waitStep(r.engine, atStep('verify'));
  expect(await acceptSuggested(r)).toBe(`verify /pegasus/onebox ${C}:/pegasus/onebox`);

  await waitStep(r.engine, atStep('meta-config'));
  expect((await r.ui.run('step next')).out).toContain(`[zookeeper] hosts_list = ${C}`);
  setMetaConfig(fx.dir, { hostsList: C });
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, atStep('restart-primary'));
  stopMetas(fx.dir);
  expect(await startMeta(fx.dir, 0)).toEqual({ ok: true, recovering: false });
  expect(await acceptSuggested(r)).toBe('pg cluster_info');
  expect(await acceptSuggested(r)).toBe('pg ls');
  await waitStep(r.engine, atStep('start-standbys'));
  expect((await r.ui.run('step done')).code).toBe(0);

  await waitStep(r.engine, atStep('remove-old'));
  expect(await acceptSuggested(r)).toBe('deleteall /pegasus/onebox');
  await waitStep(r.engine, (v) => v === null);
  expect(await tablesIn(C)).toEqual(['1', '2']);
  expect(await tablesIn(B)).toEqual([]);
  expect(B).not.toBe(C);
});

it('P3 copy_data: the method picks the checklist, copy_data\'s outcome is parsed, a method\'s missing parameters are named', async () => {
  const missing = await r.ui.run('runbook start P3 method=cold_backup source=temp target=temp2');
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('P3 cold_backup needs app_id=… region=… backup_path=…');
  expect((await r.ui.run('runbook start P3 method=sideways')).err).toContain('method: one of copy_data, cold_backup, ingest_behind, duplication');

  // Same cluster, another table: the stand-in's copy_data accepts its own cluster name.
  expect((await r.ui.run('runbook start P3 method=copy_data source=temp target=temp_copy cluster=onebox partitions=4')).code).toBe(0);
  expect(await acceptSuggested(r)).toBe('pg create temp_copy -p 4');
  await waitStep(r.engine, atStep('cluster-config'));
  expect((await r.ui.run('step done')).code).toBe(0);
  expect(await acceptSuggested(r)).toBe('pg use temp');
  await waitStep(r.engine, atStep('copy-data'));
  expect(await acceptSuggested(r)).toBe('pg copy_data -c onebox -a temp_copy -t 10000');
  const step = await waitStep(r.engine, atStep('check-target'));
  expect(step?.manual).toBe(true);
  expect(runbookEvents(r).some((e) => /Copy done, total \d+ rows/.test(e.text))).toBe(true);
  expect((await r.ui.run('step done')).code).toBe(0);
  await waitStep(r.engine, (v) => v === null);
});
