// Startup cost of the program as a process: `node build/cli.js` is spawned and timed, nothing is
// imported from build/ or src/ (the build layout may change). Variants of each measurement are
// run alternately in the same run (the order rotating each round) and medians and p90s reported.
//
//   1. Exec `ls /` on a local one-node sandbox: `zkpilot -server … ls /` against Debian's zkCli.sh
//      (wall time, peak RSS via /usr/bin/time), and against the floor: a bare node script that
//      loads the native binding and does the same ls (bench/fixtures/nativeLs.mjs).
//      Targets: zkpilot wall <= 1/3 of zkCli.sh's; zkpilot peak RSS <= 60 MiB.
//   2. `zkpilot --version` against `node -e 0`. Target: <= 150 ms.
//   3. The TUI's first frame in a pseudo-terminal (util-linux `script`) at 120x40, from spawn to
//      the first frame's marker bytes, against a bare Ink app (bench/fixtures/bareInk.mjs).
//      Target: zkpilot <= 0.7x the bare Ink app.
//
//   node bench/startup.bench.mjs [--runs 15]        (or BENCH_STARTUP_RUNS=N, e.g. through bench/run.mjs)
//
// The children run with CI unset (Ink paints no frames in CI, and chalk drops colours when CI is
// set at all), TERM=xterm-256color and XDG dirs in a temporary directory (no operator profiles,
// history or session recordings involved). Everything started is stopped on exit, error or SIGINT.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './lib/measure.mjs';
import { alive, benchWorkspace } from './lib/workspace.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const CLI = path.join(ROOT, 'build', 'cli.js');
const NODE = process.execPath;
const ZKCLI = '/usr/share/zookeeper/bin/zkCli.sh';
const GNU_TIME = '/usr/bin/time';
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p)) ?? null;
const COLS = 120;
const ROWS = 40;
const EXEC_TIMEOUT_MS = 30_000;
const FRAME_TIMEOUT_MS = 15_000;
const CONNECTED_WAIT_MS = 5_000;

const argValue = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
// `--runs N`, else BENCH_STARTUP_RUNS (bench/run.mjs passes no arguments), else 15.
const RUNS = argValue('runs', Number.isInteger(Number(process.env.BENCH_STARTUP_RUNS)) && Number(process.env.BENCH_STARTUP_RUNS) > 0 ? Number(process.env.BENCH_STARTUP_RUNS) : 15);

const log = (s) => process.stderr.write(`startup bench: ${s}\n`);

const { tmpRoot, childEnv, killTree, track, remember, release, sandboxUp, cleanup } = benchWorkspace({ label: 'startup', node: NODE, cli: CLI, log });

// ---------------------------------------------------------------------------------------------
// Running one variant once.

/** Runs `argv` to completion (own process group, timed out), optionally under /usr/bin/time. */
function runOnce(argv, { rss = false } = {}) {
  return new Promise((resolve) => {
    const rssFile = rss ? path.join(tmpRoot, `rss-${process.hrtime.bigint()}`) : null;
    const full = rssFile ? [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const t0 = performance.now();
    const child = spawn(full[0], full.slice(1), { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let wallMs = null;
    child.on('exit', () => (wallMs = performance.now() - t0));
    track(child.pid);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, EXEC_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      release(child.pid);
      resolve({ ok: false, error: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Nothing of it may outlive it (a JVM's threads, a stray grandchild).
      release(child.pid);
      let rssMiB = null;
      if (rssFile) {
        try {
          // GNU time prints "Command exited with non-zero status N" first when it fails.
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const kib = Number(lines[lines.length - 1]);
          if (Number.isFinite(kib)) rssMiB = kib / 1024;
          rmSync(rssFile, { force: true });
        } catch {
          // no figure
        }
      }
      if (timedOut) return resolve({ ok: false, error: `timed out after ${EXEC_TIMEOUT_MS} ms`, stdout, stderr });
      if (code !== 0) return resolve({ ok: false, error: `exit ${code ?? signal}`, stdout, stderr });
      resolve({ ok: true, wallMs: wallMs ?? performance.now() - t0, rssMiB, stdout, stderr });
    });
  });
}

const shq = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * Spawns `argv` in a pseudo-terminal of COLSxROWS (util-linux `script`), times spawn -> the first
 * output containing `marker` (the first frame), then optionally -> `thenMarker`; then quits it with
 * Ctrl-D and, failing that, kills it (its pty session included).
 */
function firstFrame(argv, marker, thenMarker = null) {
  return new Promise((resolve) => {
    const command = `stty rows ${ROWS} cols ${COLS}; exec ${argv.map(shq).join(' ')}`;
    const t0 = performance.now();
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    track(child.pid);
    let out = '';
    let frameMs = null;
    let thenMs = null;
    let settled = false;
    let result = null;
    let exited = false;
    // The app runs in the pty's own session: note its pids while they can still be found.
    const rememberApp = () => remember(child.pid);
    const finish = (r) => {
      if (settled) return;
      settled = true;
      result = r;
      clearTimeout(frameTimer);
      rememberApp();
      // Quit as an operator would (Ctrl-D on an empty line); kill if it does not go.
      try {
        child.stdin.write('\x04');
      } catch {
        // pty gone
      }
      const graceTimer = setTimeout(() => killTree(child.pid, 'SIGTERM'), 3000);
      const killTimer = setTimeout(() => killTree(child.pid, 'SIGKILL'), 5000);
      const done = () => {
        clearTimeout(graceTimer);
        clearTimeout(killTimer);
        const pids = release(child.pid);
        const leftover = pids.filter(alive);
        resolve(leftover.length > 0 ? { ok: false, error: `left running: ${leftover.join(' ')}` } : result);
      };
      if (exited) done();
      else child.on('close', done);
    };
    const frameTimer = setTimeout(() => {
      if (frameMs === null) finish({ ok: false, error: `no frame with ${JSON.stringify(marker)} in ${FRAME_TIMEOUT_MS} ms; output: ${JSON.stringify(out.slice(-400))}` });
      else finish({ ok: true, wallMs: frameMs, thenMs: null });
    }, FRAME_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      const now = performance.now();
      out += chunk;
      if (frameMs === null && out.includes(marker)) {
        frameMs = now - t0;
        rememberApp();
        if (thenMarker === null) return finish({ ok: true, wallMs: frameMs, thenMs: null });
        setTimeout(() => finish({ ok: true, wallMs: frameMs, thenMs: null }), CONNECTED_WAIT_MS);
      }
      if (frameMs !== null && thenMarker !== null && thenMs === null && out.includes(thenMarker)) {
        thenMs = now - t0;
        finish({ ok: true, wallMs: frameMs, thenMs });
      }
    });
    child.stderr.on('data', (c) => (out += c));
    child.on('error', (error) => finish({ ok: false, error: error.message }));
    child.on('close', (code) => {
      exited = true;
      if (!settled) finish({ ok: false, error: `exited (${code}) before its first frame; output: ${JSON.stringify(out.slice(-400))}` });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Rounds of alternating variants, statistics, reporting.

const failures = [];

/** Runs each variant RUNS times, alternating, the order rotating each round; one warm-up each. */
async function alternate(title, variants) {
  for (const v of variants) {
    v.samples = [];
    v.failed = null;
    const warm = await v.run();
    if (!warm.ok) v.failed = warm.error;
  }
  for (let round = 0; round < RUNS; round++) {
    process.stderr.write(`\rstartup bench: ${title}: round ${round + 1}/${RUNS}   `);
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length];
      if (v.failed) continue;
      const r = await v.run();
      if (r.ok) v.samples.push(r);
      else v.failed = `${r.error}${r.stderr ? `; stderr: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
    }
  }
  process.stderr.write('\n');
  for (const v of variants) if (v.failed) failures.push(`${title}: ${v.name}: ${v.failed}`);
}

function quantile(values, q) {
  const xs = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return 'n/a';
  if (q === 0.5) {
    const m = Math.floor(xs.length / 2);
    return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
  }
  return xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]; // nearest rank
}
const stat = (v, key, q) => (v && !v.failed ? quantile(v.samples.map((s) => s[key]), q) : 'n/a');
const fmt = (v) => (typeof v !== 'number' ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const num = (v) => typeof v === 'number' && Number.isFinite(v);

/** Whether a figure meets its target: 'met', 'MISSED' or 'n/a'. */
function verdict(ok) {
  return ok === null ? 'n/a' : ok ? 'met' : 'MISSED';
}


// ---------------------------------------------------------------------------------------------

let exitCode = 0;
try {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  // Others may rebuild while this runs: say which build was measured, and whether it changed.
  // A rebuild to the same output is no change: compare the contents of build/**/*.js.
  const buildStamp = () => {
    const hash = createHash('sha1');
    let files = 0;
    let bytes = 0;
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.js')) {
          const data = readFileSync(file);
          hash.update(`${path.relative(ROOT, file)}\0`).update(data);
          files += 1;
          bytes += data.length;
        }
      }
    };
    statSync(CLI);
    walk(path.join(ROOT, 'build'));
    return `build/ ${files} .js files, ${(bytes / 1024).toFixed(0)} KiB, sha1 ${hash.digest('hex').slice(0, 12)}`;
  };
  const buildBefore = buildStamp();
  const haveTime = existsSync(GNU_TIME);
  const haveZkCli = existsSync(ZKCLI);
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');

  log('starting a one-node sandbox…');
  const { connectString, loopback } = sandboxUp(['--nodes', '1']);
  log(`sandbox at ${connectString}; ${loopback.text}`);

  const expectList = (r) => (r.ok && !/\bzookeeper\b/.test(r.stdout) ? { ...r, ok: false, error: `unexpected output: ${JSON.stringify(r.stdout.slice(-200))}` } : r);

  // 1. Exec `ls /`.
  const zkpilotLs = { name: 'zkpilot ls /', run: async () => expectList(await runOnce([NODE, CLI, '-server', connectString, 'ls', '/'], { rss: haveTime })) };
  const zkCliLs = { name: 'zkCli.sh ls /', run: async () => expectList(await runOnce([ZKCLI, '-server', connectString, 'ls', '/'], { rss: haveTime })) };
  const floorLs = { name: 'node + native binding ls /', run: async () => expectList(await runOnce([NODE, path.join(HERE, 'fixtures', 'nativeLs.mjs'), connectString], { rss: haveTime })) };
  await alternate('exec ls /', haveZkCli ? [zkpilotLs, zkCliLs, floorLs] : [zkpilotLs, floorLs]);

  // 2. --version.
  const version = {
    name: 'zkpilot --version',
    run: async () => {
      const r = await runOnce([NODE, CLI, '--version']);
      return r.ok && !/^zkpilot \S+/.test(r.stdout) ? { ...r, ok: false, error: `unexpected output: ${JSON.stringify(r.stdout)}` } : r;
    },
  };
  const nodeBare = { name: 'node -e 0', run: () => runOnce([NODE, '-e', '0']) };
  await alternate('--version', [version, nodeBare]);

  // 3. TUI first frame.
  const tui = { name: 'zkpilot TUI', run: () => firstFrame([NODE, CLI, '-server', connectString], ' zkpilot ', 'CONNECTED') };
  const bare = { name: 'bare Ink app', run: () => firstFrame([NODE, path.join(HERE, 'fixtures', 'bareInk.mjs')], ' bare-ink ') };
  if (SCRIPT) await alternate(`TUI first frame ${COLS}x${ROWS}`, [tui, bare]);

  // Figures.
  const wall = (v, q) => stat(v, 'wallMs', q);
  const rss = (v, q) => (haveTime ? stat(v, 'rssMiB', q) : 'n/a');
  const ratio = (a, b) => (num(a) && num(b) && b > 0 ? a / b : null);
  const figures = [];
  const checks = [];
  const notes = [];
  if (haveZkCli) {
    const r = ratio(wall(zkpilotLs, 0.5), wall(zkCliLs, 0.5));
    checks.push(`zkpilot exec wall <= 1/3 of zkCli.sh's: ${verdict(r === null ? null : r <= 1 / 3)} (×${fmt(r ?? 'n/a')})`);
    figures.push(
      { label: 'exec ls /: wall, median (vs zkCli.sh)', value: wall(zkpilotLs, 0.5), unit: 'ms', baseline: wall(zkCliLs, 0.5), target: '≤ ×0.33' },
      { label: 'exec ls /: wall, p90 (vs zkCli.sh)', value: wall(zkpilotLs, 0.9), unit: 'ms', baseline: wall(zkCliLs, 0.9) },
      { label: 'exec ls /: peak RSS, median (vs zkCli.sh)', value: rss(zkpilotLs, 0.5), unit: 'MiB', baseline: rss(zkCliLs, 0.5), target: '≤ 60 MiB' },
    );
  } else {
    notes.push(`zkCli.sh rows skipped: ${ZKCLI} not found`);
  }
  const rssMed = rss(zkpilotLs, 0.5);
  checks.push(`zkpilot exec peak RSS <= 60 MiB: ${verdict(num(rssMed) ? rssMed <= 60 : null)} (${fmt(rssMed)} MiB)`);
  figures.push(
    { label: 'exec ls /: wall, median (vs floor)', value: wall(zkpilotLs, 0.5), unit: 'ms', baseline: wall(floorLs, 0.5) },
    { label: 'exec ls /: wall, p90 (vs floor)', value: wall(zkpilotLs, 0.9), unit: 'ms', baseline: wall(floorLs, 0.9) },
    { label: 'exec ls /: peak RSS, median (vs floor)', value: rssMed, unit: 'MiB', baseline: rss(floorLs, 0.5), ...(haveZkCli ? {} : { target: '≤ 60 MiB' }) },
  );
  const vMed = wall(version, 0.5);
  checks.push(`zkpilot --version <= 150 ms: ${verdict(num(vMed) ? vMed <= 150 : null)} (${fmt(vMed)} ms)`);
  figures.push(
    { label: '--version: wall, median (vs node -e 0)', value: vMed, unit: 'ms', baseline: wall(nodeBare, 0.5), target: '≤ 150 ms' },
    { label: '--version: wall, p90 (vs node -e 0)', value: wall(version, 0.9), unit: 'ms', baseline: wall(nodeBare, 0.9) },
  );
  if (SCRIPT) {
    const r = ratio(wall(tui, 0.5), wall(bare, 0.5));
    checks.push(`zkpilot TUI first frame <= 0.7x the bare Ink app's: ${verdict(r === null ? null : r <= 0.7)} (×${fmt(r ?? 'n/a')})`);
    figures.push(
      { label: `TUI first frame ${COLS}x${ROWS}: median (vs bare Ink)`, value: wall(tui, 0.5), unit: 'ms', baseline: wall(bare, 0.5), target: '≤ ×0.7' },
      { label: `TUI first frame ${COLS}x${ROWS}: p90 (vs bare Ink)`, value: wall(tui, 0.9), unit: 'ms', baseline: wall(bare, 0.9) },
      { label: 'TUI: spawn to CONNECTED in header, median', value: stat(tui, 'thenMs', 0.5), unit: 'ms' },
    );
  } else {
    notes.push('TUI rows skipped: util-linux `script` not found');
  }
  if (!haveTime) notes.push(`peak RSS: n/a (${GNU_TIME} not found)`);

  notes.unshift(
    `${RUNS} runs per variant after one warm-up each, variants alternating (order rotating per round); medians and p90 (nearest rank); wall = spawn to exit (exec) or to the first frame's marker bytes (TUI)`,
    `server: one-node sandbox at ${connectString}; ${loopback.text}`,
    `floor: node + the native zookeeper binding doing the same ls (bench/fixtures/nativeLs.mjs); TUI in a pty (util-linux script) at ${COLS}x${ROWS}, marker ' zkpilot ' / ' bare-ink ' (bench/fixtures/bareInk.mjs)`,
    `measured: ${buildBefore}`,
    `node ${process.version}, ${os.cpus().length} CPUs, load average before ${loadBefore}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    ...checks.map((c) => `target: ${c}`),
  );
  let buildAfter;
  try {
    buildAfter = buildStamp();
  } catch {
    buildAfter = 'build/cli.js missing';
  }
  if (buildAfter !== buildBefore) failures.push(`the build changed during the run: before ${buildBefore}; after ${buildAfter}`);
  if (failures.length > 0) notes.push(...failures.map((f) => `FAILED: ${f}`));
  report('startup', figures, notes);

  // The same table on stderr.
  const rows = figures.map((f) => [
    f.label,
    `${fmt(f.value)} ${f.unit}`,
    f.baseline === undefined ? '' : `${fmt(f.baseline)} ${f.unit}`,
    num(f.value) && num(f.baseline) && f.baseline > 0 ? `×${fmt(f.value / f.baseline)}` : '',
    f.target ?? '',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}`;
  process.stderr.write(`\nstartup (summary)\n${notes.map((n) => `  ${n}\n`).join('')}${line(header)}\n${rows.map((r) => `${line(r)}\n`).join('')}`);
  if (failures.length > 0) exitCode = 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  if (failures.length > 0) for (const f of failures) log(`FAILED: ${f}`);
  exitCode = 1;
} finally {
  cleanup();
}
process.exitCode = exitCode;
