// The ensemble panel and the timeline in the real console screen (App + ink-testing-library),
// fed by a live model of a real ensemble with a spare: roles in words, a marked node highlighted,
// compact columns when stacked at 80 columns. Then a follower is SIGSTOPped: it reads "no answer"
// within the timeout while the screen keeps answering keys, and comes back after SIGCONT.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ConsoleStore } from '../../src/ui/console/consoleStore.js';
import { App } from '../../src/ui/App.js';
import { ensemblePanes } from '../../src/ui/ensemble/ensemblePanes.js';
import { useSandbox } from '../helpers/sandbox.js';
import { lastSeq, openConsole, waitForEvent, waitForSnapshot, type ConsoleUnderTest } from './helpers.js';

const POLL_MS = 500;
const sandbox = useSandbox({ nodes: 3, spares: 1 });
let ui: ConsoleUnderTest;

beforeAll(async () => {
  const spare = sandbox().spares[0]!;
  ui = await openConsole(sandbox().connectString, { pollIntervalMs: POLL_MS, extraHosts: [`${spare.host}:${spare.clientPort}`] }, true);
  await waitForSnapshot(ui.ensemble.model, (s) => s.health.votersUp === 3 && s.nodes.some((n) => n.role === 'non-voting'), 10_000);
});

afterEach(() => {
  ui.ensemble.model.clearMarkers();
  cleanup();
});

afterAll(async () => {
  await ui?.app.dispose();
});

function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

async function until(cond: () => boolean, what: () => string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms:\n${what()}`);
    await new Promise((r) => setImmediate(() => setTimeout(r, 5)));
  }
}

function screen(cols: number, rows: number) {
  const store = new ConsoleStore({ shell: ui.app.shell, completer: ui.app.completer, title: 'sandbox' });
  const size = { cols, rows };
  const app = <App model={store} size={size} panes={ensemblePanes(ui.app.ensemble)} color={false} />;
  const r = render(app);
  if (cols > 100) {
    // ink-testing-library's stdout says 100 columns; Ink sizes its root from it.
    Object.defineProperty(r.stdout, 'columns', { value: cols, configurable: true });
    r.rerender(app);
  }
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  const rowOf = (id: number) => frame().split('\n').find((l) => new RegExp(`│[ ▶]\\s*${id} `).test(l)) ?? '';
  return { r, store, frame, rowOf, until: (text: string, ms?: number) => until(() => frame().includes(text), frame, ms) };
}

it('renders every server with its role, and the health line, in the side column at 120x40', async () => {
  const t = screen(120, 40);
  await t.until('non-voting');
  const s = ui.ensemble.model.getSnapshot();
  const leader = s.health.leaderId!;
  expect(t.rowOf(leader)).toContain('leader');
  for (const n of s.nodes.filter((x) => x.role === 'follower')) expect(t.rowOf(n.id!)).toContain('follower');
  expect(t.rowOf(sandbox().spares[0]!.id)).toContain('non-voting');
  expect(t.frame()).toContain(`leader server.${leader}`);
  expect(t.frame()).toMatch(/quorum serving \(voters 3\/3 up|quorum ok 3\/3 \(q2\)|✓ 3\/3 q2/);
  expect(t.frame()).toContain('Events');
  expect(t.frame()).toContain('watching: leader');
  t.store.dispose();
});

it('highlights the node another component marked, and drops the mark when cleared', async () => {
  const t = screen(120, 40);
  await t.until('non-voting');
  const target = ui.ensemble.model.getSnapshot().nodes.find((n) => n.role === 'follower')!.id!;
  ui.ensemble.model.setMarker(target, { label: 'next: restart', owner: 'rolling-restart' });
  await t.until(`▶ server.${target}: next: restart`);
  expect(t.rowOf(target)).toMatch(new RegExp(`│▶\\s*${target} `));
  expect(ui.ensemble.model.getSnapshot().nodes.filter((n) => n.marker)).toHaveLength(1);
  ui.ensemble.model.clearMarkers({ owner: 'rolling-restart' });
  await until(() => !t.frame().includes('▶'), t.frame);
  t.store.dispose();
});

it('puts the table above the shell at 80x40, full width: addresses, zxid, version and config shown', async () => {
  const t = screen(80, 40);
  await t.until('non-voting');
  const leader = ui.ensemble.model.getSnapshot().health.leaderId!;
  // The config column needs a round that read `conf`: wait for the row the test asserts.
  const row = /127\.0\.0\.1:\d+ leader\s+0x[0-9a-f]+\s+\d+:\d+\s+-\s+3\.8\.\d+\s+ok/;
  await until(() => row.test(t.rowOf(leader)), t.frame);
  for (const line of t.frame().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  // The shell keeps the rows under the table; the prompt is on screen.
  expect(t.frame()).toMatch(/\(CONNECTED\) \d+\] *\n/);
  t.store.dispose();
});

it('a SIGSTOPped follower reads "no answer" within the timeout while keys still work; SIGCONT brings it back', async () => {
  const model = ui.ensemble.model;
  const t = screen(120, 40);
  await t.until('non-voting');
  const follower = model.getSnapshot().nodes.find((n) => n.role === 'follower')!.id!;
  const since = lastSeq(model);
  const stoppedAt = Date.now();
  await sandbox().pauseNode(follower);
  try {
    const hung = await waitForEvent(model, (e) => e.kind === 'node.hung', POLL_MS + model.timeoutMs + 1000, since);
    expect(hung.text).toBe(`server.${follower} hung: no answer within ${model.timeoutMs} ms`);
    if (hung.kind === 'node.hung') expect(hung.node).toEqual({ id: follower, key: model.getSnapshot().nodes.find((n) => n.id === follower)!.key });
    expect(hung.ts - stoppedAt).toBeLessThanOrEqual(POLL_MS + model.timeoutMs + 500);
    await until(() => t.rowOf(follower).includes('no answer'), () => `${t.frame()}\n${JSON.stringify(model.events(8).map((e) => e.text))}`);
    // The screen answers keys while the hung server is polled (and times out) every round.
    for (const [keys, shown] of [['srvr', '] srvr'], [` ${follower}`, `] srvr ${follower}`]] as const) {
      const typedAt = Date.now();
      for (const ch of keys) t.r.stdin.write(ch);
      await until(() => t.frame().includes(shown), t.frame, 1000);
      expect(Date.now() - typedAt).toBeLessThan(1000);
    }
    expect(model.getSnapshot().health).toMatchObject({ votersUp: 2, quorumServing: true });
  } finally {
    await sandbox().resumeNode(follower);
  }
  const up = await waitForEvent(model, (e) => e.kind === 'node.up', 5000, since);
  expect(up.text).toContain(`server.${follower}`);
  await t.until('watching');
  await waitForSnapshot(model, (s) => s.nodes.find((n) => n.id === follower)?.role === 'follower', 5000);
  await until(() => t.rowOf(follower).includes('follower'), t.frame);
  t.store.dispose();
});
