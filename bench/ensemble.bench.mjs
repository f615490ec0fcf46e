// The live ensemble model's cost: CPU and event-loop delay of polling 9 real servers at 1 Hz
// (srvr each round, mntr + conf every 5th, the watched getConfig session) for 60 s, against the same
// process idling beside the same ensemble first; then the panel's frame render time (Ink's
// renderToString of the table and of the timeline) at the widths the layout gives it.
// Targets: polling <= 2 % of one core, no event-loop delay above 20 ms.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { createElement } from 'react';
import { PassThrough, Writable } from 'node:stream';
import { render, renderToString } from 'ink';
import { loadZkpilot } from './lib/zkpilot.mjs';
import { measure, report, seconds, timeCalls } from './lib/measure.mjs';

const { Sandbox, EnsembleModel, createZkClient, EnsembleView, TimelineView } = await loadZkpilot();

const POLL_S = seconds('BENCH_POLL_SECONDS', 60);
// The idle baseline lasts as long as the polling: rare stalls from a busy machine get the same chance.
const IDLE_S = seconds('BENCH_IDLE_SECONDS', POLL_S);
const SERVERS = 9;

/** Frames through a persistent Ink instance (as the TUI renders them): reconcile, layout, write. */
function liveFrames(elementFor, width, height, n) {
  const stdout = new Writable({ write: (_chunk, _enc, done) => done() });
  Object.assign(stdout, { columns: width, rows: height + 2, isTTY: false });
  const stdin = Object.assign(new PassThrough(), { isTTY: false, setRawMode() {}, ref() {}, unref() {} });
  // debug: every rerender is rendered and written synchronously, unthrottled.
  const instance = render(elementFor(0), { stdout, stdin, debug: true, exitOnCtrlC: false, patchConsole: false });
  for (let i = 1; i <= 20; i++) instance.rerender(elementFor(i)); // warm-up
  const t = timeCalls(n, (i) => instance.rerender(elementFor(i + 21)));
  instance.unmount();
  return t;
}

const loadBefore = os.loadavg()[0].toFixed(1);
const dir = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-bench-'));
process.stderr.write(`ensemble bench: starting ${SERVERS} ZooKeeper servers…\n`);
const sandbox = await Sandbox.start({ nodes: SERVERS, dir: path.join(dir, 'sandbox'), killOnExit: true });
let model;
try {
  // Let the launch settle (its timers, JIT, GC) before measuring the idle baseline.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  process.stderr.write(`ensemble bench: idle baseline ${IDLE_S} s…\n`);
  const idle = await measure(IDLE_S * 1000);

  model = new EnsembleModel({ connectString: sandbox.connectString, pollIntervalMs: 1000, clientFactory: createZkClient });
  await model.whenReady(10_000);
  const roundsBefore = model.getSnapshot().round;
  process.stderr.write(`ensemble bench: polling ${SERVERS} servers at 1 Hz for ${POLL_S} s…\n`);
  let lastAt = null;
  const slowestPerRound = [];
  const off = model.subscribe(() => {
    const s = model.getSnapshot();
    if (lastAt !== null && s.at !== lastAt) slowestPerRound.push(s.nodes.reduce((m, n) => Math.max(m, n.elapsedMs ?? 0), 0));
    lastAt = s.at;
  });
  const polling = await measure(POLL_S * 1000);
  off();
  const rounds = model.getSnapshot().round - roundsBefore;
  const sortedSlowest = [...slowestPerRound].sort((a, b) => a - b);
  const roundTimes = { p95: sortedSlowest[Math.floor(sortedSlowest.length * 0.95)] ?? 0 };
  model.stop();

  const snapshot = model.getSnapshot();
  const serving = snapshot.nodes.filter((n) => n.role === 'leader' || n.role === 'follower').length;
  // Vary the zxids per frame so React and Yoga do the work a live update does.
  const element = (i, width, height) => {
    const nodes = snapshot.nodes.map((n) => (n.zxid ? { ...n, zxid: { ...n.zxid, counter: n.zxid.counter + i, hex: `0x${(n.zxid.value + i).toString(16)}` } } : n));
    return createElement(EnsembleView, { snapshot: { ...snapshot, nodes }, width, height });
  };
  const frame = (i, width, height) => renderToString(element(i, width, height), { columns: width });
  const events = model.events(200);
  // Warm every path first (JIT, Yoga), so the order of the measurements does not matter.
  for (let i = 0; i < 100; i++) for (const w of [38, 45, 62]) frame(i, w, 17);
  const cold = {};
  const live = {};
  for (const [label, width, height] of [['38x14', 38, 14], ['45x17', 45, 17], ['62x17', 62, 17]]) {
    frame(0, width, height); // warm-up: module JIT, Yoga
    cold[label] = timeCalls(200, (i) => frame(i + 1, width, height));
    live[label] = liveFrames((i) => element(i, width, height), width, height, 300);
  }
  const timelineRender = liveFrames((i) => createElement(TimelineView, { events: events.slice(0, events.length - (i % 3)), width: 45, height: 17, scrollBack: 0 }), 45, 17, 300);

  const figures = [
    { label: 'poll CPU (% of one core)', value: polling.cpuPct, unit: '%', baseline: idle.cpuPct, target: '<= 2' },
    { label: 'poll CPU above idle', value: Math.max(0, polling.cpuPct - idle.cpuPct), unit: '%' },
    { label: 'poll event-loop delay, own work max', value: polling.eld.ownMax, unit: 'ms', baseline: idle.eld.ownMax, target: '<= 20' },
    { label: 'poll event-loop delay max (any cause)', value: polling.eld.max, unit: 'ms', baseline: idle.eld.max },
    { label: 'poll event-loop delays > 20 ms', value: polling.eld.over20, unit: 'stalls', baseline: idle.eld.over20 },
    { label: 'poll event-loop delay p99', value: polling.eld.p99, unit: 'ms', baseline: idle.eld.p99 },
    { label: 'poll event-loop delay mean', value: polling.eld.mean, unit: 'ms', baseline: idle.eld.mean },
    { label: 'slowest server per round p95', value: roundTimes.p95, unit: 'ms', target: `< ${model.timeoutMs}` },
    { label: 'poll rounds completed', value: rounds, unit: `of ${POLL_S}` },
    ...Object.entries(live).flatMap(([label, t]) => [
      { label: `panel live frame ${label} mean`, value: t.mean, unit: 'ms' },
      { label: `panel live frame ${label} p95`, value: t.p95, unit: 'ms' },
    ]),
    ...Object.entries(cold).map(([label, t]) => ({ label: `panel cold frame ${label} mean`, value: t.mean, unit: 'ms' })),
    { label: 'timeline live frame 45x17 mean', value: timelineRender.mean, unit: 'ms' },
  ];
  report('ensemble', figures, [
    `${SERVERS} servers (${serving} serving): srvr each per round, mntr+conf each every 5th round, the leader's mntr every round, timeout ${model.timeoutMs} ms`,
    'plus one ZooKeeper session holding the getConfig watch',
    `baseline: the same process idle for ${IDLE_S} s beside the same ensemble`,
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore} before, ${os.loadavg()[0].toFixed(1)} after`,
    'both windows include the 5 ms event-loop-delay sampler itself; "own work" = CPU time the process used during a delay (the rest is waiting for a core)',
  ]);
} finally {
  await model?.dispose();
  await sandbox.down();
}
