// Z1 rehearsal on a real 3-server ensemble: the operator accepts every suggested command; the
// checklist restarts the followers one at a time and the leader last, highlighting the node at
// each step; persistence lets a second console resume; 1,000 znodes survive (data and version).
import { existsSync, readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { ChecklistPanel } from '../../src/ui/checklist/ChecklistPanel.js';
import { checklistRows } from '../../src/runbooks/statusText.js';
import { acceptSuggested, atStep, expectZnodes, highlighted, runbookEvents, waitStep, writeZnodes, useRehearsal } from './helpers.js';

const { sandbox, r } = useRehearsal({ nodes: 3 });

it('Z1 rolling restart: followers one at a time, leader last, no data lost', async () => {
  const client = r.ui.app.conn.require();
  const expected = await writeZnodes(client);
  const list = await r.ui.run('runbook list');
  expect(list.out).toMatch(/^Z1\s+Rolling version upgrade/m);

  const firstLeader = await sandbox().waitForLeader();
  const start = await r.ui.run('runbook start Z1');
  expect(start.code, start.err).toBe(0);
  await waitStep(r.engine, atStep('roll-stop-1'));
  // Persisted at every transition: the run file names the runbook and its current step.
  const saved = JSON.parse(readFileSync(r.runFile, 'utf8')) as { runbookId: string; current: number };
  expect(saved).toMatchObject({ runbookId: 'Z1', current: 1 });

  const order: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const stop = (await waitStep(r.engine, atStep(`roll-stop-${round}`)))!;
    const target = stop.target!;
    const leaderNow = r.ui.ensemble.model.getSnapshot().health.leaderId;
    // Followers first; the leader only once both others are done.
    if (round < 3) expect(target.id).not.toBe(leaderNow);
    else expect(target.id).toBe(leaderNow);
    expect(highlighted(r)).toBe(target.id);
    if (round === 2) {
      // Done rows keep what was done to whom (the role from before the stop); rows to come say what they will do.
      const titles = checklistRows(r.engine).map((row) => row.title);
      expect(titles.slice(1, 4)).toEqual([`stop server.${order[0]} (follower)`, `start server.${order[0]} and verify it caught up`, `stop server.${target.id} (follower)`]);
      expect(titles[5]).toBe('stop the next server (3 of 3)');
    }
    if (round === 1) {
      // The pane: banner, the current row, the check's live status; `step next` fills the input line.
      const pane = render(<ChecklistPanel engine={r.engine} width={100} height={12} />);
      const frame = pane.lastFrame() ?? '';
      expect(frame).toContain(`next (2/8): stop server.${target.id} (follower) — node stop ${target.id}`);
      expect(frame).toMatch(/✔ {2}1 preflight: every server answers, one leader, zxids equal {2}\d+s/);
      expect(frame).toMatch(new RegExp(`▶ {2}2 stop server\\.${target.id} \\(follower\\)`));
      expect(frame).toContain(`check: waiting — server.${target.id} is follower: stop it`);
      pane.unmount();
      const store = new ConsoleStore({ shell: r.ui.app.shell, title: 'test' });
      await r.ui.run('step next');
      expect(store.getSnapshot().editor.text).toBe(`node stop ${target.id}`);
      store.dispose();
    }
    expect(await acceptSuggested(r)).toBe(`node stop ${target.id}`);
    const startStep = (await waitStep(r.engine, atStep(`roll-start-${round}`)))!;
    expect(startStep.target?.id).toBe(target.id);
    expect(highlighted(r)).toBe(target.id);
    expect(await acceptSuggested(r)).toBe(`node start ${target.id}`);
    order.push(target.id!);
  }
  expect(order[2]).toBe(firstLeader);
  expect(new Set(order).size).toBe(3);
  await waitStep(r.engine, (v) => v === null, 30_000);
  expect(r.engine.active).toBeNull();
  expect(existsSync(r.runFile)).toBe(false);
  expect(highlighted(r)).toBeNull();
  // The pane looks back at the run until the next one starts: how it ended, each step as done.
  const after = render(<ChecklistPanel engine={r.engine} width={100} height={12} />);
  const frame = after.lastFrame() ?? '';
  expect(frame).toMatch(/last run: Z1 Rolling version upgrade finished \d\d:\d\d:\d\dZ after \d+(m\d\d)?s — 8 done, 0 skipped/);
  expect(frame).toContain(`✔  6 stop server.${order[2]} (leader, last)`);
  expect(frame).toMatch(/✔ {2}8 postflight: all on the new version, one leader, zxids equal/);
  after.unmount();

  const kinds = runbookEvents(r).map((e) => e.kind);
  expect(kinds[0]).toBe('started');
  expect(kinds.at(-1)).toBe('finished');
  expect(kinds.filter((k) => k === 'step.done').length).toBe(8);
  expect(runbookEvents(r).every((e) => e.runbook === 'Z1')).toBe(true);
  // A new leader was elected among the restarted servers.
  expect(r.ui.ensemble.model.getSnapshot().health.leaderId).not.toBe(firstLeader);
  await expectZnodes(sandbox().connectString, expected);
});
