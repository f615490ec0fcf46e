// The TUI under load, driven as an operator would: `node build/cli.js -server …` in a pseudo-
// terminal (util-linux `script`) at 120x40, its panels polling a local 3-server sandbox.
//
//   1. Keystroke latency: with 10,000 lines of scrollback (one `ls -R` of a 50,000-znode tree),
//      single printable keys and Backspaces at a steady pace; per key, the time from writing it
//      to the pty to the first byte of output that follows (the next frame). The floor: a bare
//      Ink app (bench/fixtures/bareInkScroll.mjs: header, a 2,000-line window, an input line)
//      typed into the same way, in the same run, blocks of keys alternating between the two.
//      Targets: p99 <= 1.5x the bare app's and <= 50 ms.
//   2. Memory: a fresh TUI (default 10,000-line scrollback) prints 300,000 lines in six bursts of
//      50,000 (`ls -R /bench`, six times), each awaited (the prompt's command count advances);
//      the zkpilot process's RSS (VmRSS) at start and after each burst.
//      Targets: <= 200 MB after the sixth; flat (within +10 %) from the second burst on.
//
//   node bench/tui.bench.mjs [--nodes 50000] [--keys 300] [--bursts 6]
//   (or BENCH_TUI_NODES / BENCH_TUI_KEYS / BENCH_TUI_BURSTS; BENCH_FILTER=tui npm run bench;
//   BENCH_TUI_CLI=path/to/cli.js measures another build)
//
// The children run with CI unset (Ink paints no frames in CI), TERM=xterm-256color and XDG dirs in
// a temporary directory (no operator profiles, history or recordings involved). Everything
// started is stopped on exit, error or SIGINT.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { report } from './lib/measure.mjs';
import { pipelinedCreates, treePaths } from './lib/tree.mjs';
import { alive, benchWorkspace, descendants } from './lib/workspace.mjs';
import { loadZkpilot } from './lib/zkpilot.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
// BENCH_TUI_CLI: another build of the program (a before/after comparison), default build/cli.js.
const CLI = process.env.BENCH_TUI_CLI ? path.resolve(process.env.BENCH_TUI_CLI) : path.join(ROOT, 'build', 'cli.js');
const NODE = process.execPath;
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p)) ?? null;
const COLS = 120;
const ROWS = 40;
const KEY_PACE_MS = 80;
const BSU = '\x1b[?2026h';
// Ink renders at most maxFps (15, both apps) times a second: a render asked for within this long
// after the previous one waits for the throttle's trailing edge.
const THROTTLE_MS = Math.ceil(1000 / 30);

const argValue = (name, env, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : Number(process.env[env] ?? '');
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const NODES = argValue('nodes', 'BENCH_TUI_NODES', 50_000);
const KEYS = argValue('keys', 'BENCH_TUI_KEYS', 300);
const BURSTS = argValue('bursts', 'BENCH_TUI_BURSTS', 6);
// Typed a character at a time, then erased with Backspace: a block is TEXT.length * 2 keys.
const TEXT = 'ls -s /bench/b3/g42/n17';

const log = (s) => process.stderr.write(`tui bench: ${s}\n`);

const { childEnv, track, remember, release, sandboxUp, cleanup } = benchWorkspace({ label: 'tui', node: NODE, cli: CLI, log });



// ---------------------------------------------------------------------------------------------
// A program in a pseudo-terminal.

const shq = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g;

class Pty {
  constructor(name, argv) {
    this.name = name;
    const command = `stty rows ${ROWS} cols ${COLS}; exec ${argv.map(shq).join(' ')}`;
    this.child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    track(this.child.pid);
    /** The text since the last frame start (a frame: BSU … ESU, repainted whole). */
    this.frame = '';
    /** The last frame start seen, whole or not, ANSI stripped when read. */
    this.lastFrame = '';
    this.bytes = 0;
    /** When the newest frame's first chunk arrived. */
    this.frameAt = -Infinity;
    this.waiters = new Set();
    this.exited = false;
    this.child.stdout.on('data', (chunk) => this.onData(chunk.toString('utf8'), performance.now()));
    this.child.stderr.on('data', (chunk) => (this.stderr = `${this.stderr ?? ''}${chunk}`.slice(-2000)));
    this.child.on('close', () => {
      this.exited = true;
      for (const w of [...this.waiters]) w(performance.now(), '');
    });
  }

  onData(text, now) {
    this.bytes += text.length;
    const at = text.lastIndexOf(BSU);
    if (at >= 0) this.frameAt = now;
    if (at >= 0) {
      this.lastFrame = this.frame + text.slice(0, at);
      this.frame = text.slice(at);
    } else {
      this.frame += text;
      // A frame is at most a few tens of KB; a runaway one is cut.
      if (this.frame.length > 1_000_000) this.frame = this.frame.slice(-500_000);
    }
    for (const w of [...this.waiters]) w(now, text);
  }

  /** The newest frame's text (the one being written, else the previous whole one), ANSI stripped. */
  screen() {
    const f = this.frame.length > 200 ? this.frame : this.lastFrame + this.frame;
    return f.replace(ANSI, '');
  }

  /** Note the pids in the pty's session while they can be found (they leave our process group). */
  remember() {
    remember(this.child.pid);
  }

  /** The node process running in the pty (script → sh → node, or script → node after exec). */
  nodePid() {
    for (const pid of descendants(this.child.pid)) {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (path.basename(argv[0]) === path.basename(NODE) || argv[0] === NODE) return pid;
      } catch {
        // gone
      }
    }
    return null;
  }

  /** Resolves when `predicate(screen)` holds, checked on each output; rejects after `ms`. */
  waitFor(predicate, ms, what) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const s = this.screen();
        if (predicate(s)) {
          done();
          resolve(s);
          return true;
        }
        if (this.exited) {
          done();
          reject(new Error(`${this.name} exited while waiting for ${what}; output: ${JSON.stringify(s.slice(-400))} ${this.stderr ?? ''}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no ${what} in ${ms} ms; screen: ${JSON.stringify(this.screen().slice(-600))}`));
      }, ms);
      const waiter = () => check();
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!check()) this.waiters.add(waiter);
    });
  }

  /**
   * Writes `key`; resolves with ms from the write to the first output byte after it (null: none in
   * `ms`) and how long before the write the previous frame had started.
   */
  key(key, ms = 5000) {
    return new Promise((resolve) => {
      let t0 = 0;
      let sinceFrame = Infinity;
      const waiter = (now) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(this.exited ? null : { ms: now - t0, sinceFrame });
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(null);
      }, ms);
      this.waiters.add(waiter);
      t0 = performance.now();
      sinceFrame = t0 - this.frameAt;
      this.child.stdin.write(key);
    });
  }

  write(text) {
    this.child.stdin.write(text);
  }

  /** Waits until no output came for `quietMs` (or `maxMs` passed). */
  async settle(quietMs, maxMs) {
    const end = performance.now() + maxMs;
    for (;;) {
      const before = this.bytes;
      await delay(quietMs);
      if (this.bytes === before || performance.now() > end) return;
    }
  }

  /** Ctrl-D on an empty line, as an operator quits; killed if it does not go. */
  async quit() {
    this.remember();
    if (!this.exited) {
      try {
        this.write('\x15\x04');
      } catch {
        // pty gone
      }
      const end = performance.now() + 5000;
      while (!this.exited && performance.now() < end) await delay(50);
    }
    const pids = release(this.child.pid);
    await delay(100);
    return pids.filter(alive);
  }
}

function vmRssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The prompt's command count on screen: the highest `[zk: …(STATE) N]` (a long connect string is elided). */
function promptCount(screen) {
  let n = -1;
  for (const m of screen.matchAll(/\(([A-Z_]+)\) (\d+)\]/g)) n = Math.max(n, Number(m[2]));
  return n;
}

// ---------------------------------------------------------------------------------------------
// The TUI.

async function openTui(connectString) {
  const pty = new Pty('zkpilot', [NODE, CLI, '-server', connectString]);
  await pty.waitFor((s) => /\(CONNECTED\) \d+\]/.test(s), 30_000, 'CONNECTED prompt');
  pty.remember();
  return pty;
}

/** Types `line` + Enter and waits until the prompt's count has advanced past `before`. */
async function runCommand(pty, line, ms) {
  const before = promptCount(pty.screen());
  // The line, then Enter on its own: one chunk with both is taken as a paste.
  pty.write(line);
  await delay(300);
  const t0 = performance.now();
  pty.write('\r');
  await pty.waitFor((s) => promptCount(s) > before, ms, `prompt after \`${line}\``);
  return performance.now() - t0;
}

function quantile(values, q) {
  const xs = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return 'n/a';
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))]; // nearest rank
}
const num = (v) => typeof v === 'number' && Number.isFinite(v);
const fmt = (v) => (typeof v !== 'number' ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');

/** One block of keys: TEXT typed, then erased; per key ms to the next output byte. */
async function typeBlock(pty, samples, misses, afterFrame) {
  const keys = [...TEXT, ...Array.from(TEXT, () => '\x7f')];
  let next = performance.now();
  for (const k of keys) {
    const wait = next - performance.now();
    if (wait > 0) await delay(wait);
    next = performance.now() + KEY_PACE_MS;
    const r = await pty.key(k);
    if (r === null) misses.n += 1;
    else {
      samples.push(r.ms);
      if (r.sinceFrame < THROTTLE_MS) afterFrame.push(r.ms);
    }
  }
  // Nothing of this block may land in the next one.
  await pty.settle(150, 3000);
}

// ---------------------------------------------------------------------------------------------

const failures = [];
let exitCode = 0;
try {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!SCRIPT) throw new Error('util-linux `script` not found: the TUI needs a pseudo-terminal');
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');

  log('starting a 3-server sandbox…');
  const { connectString, loopback } = sandboxUp(['--nodes', '3', '--spares', '0'], 180_000);
  log(`sandbox at ${connectString}; ${loopback.text}`);

  log(`seeding ${NODES} znodes under /bench…`);
  const { createZkClient } = await loadZkpilot();
  const seed = createZkClient({ connectString });
  await seed.waitConnected(20_000);
  const tSeed = performance.now();
  await pipelinedCreates(seed, treePaths('/bench', NODES), 1000, Buffer.alloc(16, 0x61));
  await seed.close();
  log(`seeded in ${((performance.now() - tSeed) / 1000).toFixed(1)} s`);
  const LS = 'ls -R /bench';
  const burstTimeout = Math.max(120_000, NODES * 4);

  // 1. Keystroke latency, the TUI (10,000 lines of scrollback) against the bare Ink app.
  log('latency: opening the TUI and the bare Ink app…');
  const tui = await openTui(connectString);
  const lsMs = await runCommand(tui, LS, burstTimeout);
  log(`latency: \`${LS}\` (${NODES} lines) took ${(lsMs / 1000).toFixed(1)} s; the scrollback is full`);
  const bare = new Pty('bare Ink app', [NODE, path.join(HERE, 'fixtures', 'bareInkScroll.mjs'), '--lines', '2000']);
  await bare.waitFor((s) => s.includes('bare-ink') && s.includes('> '), 15_000, 'first frame');
  bare.remember();
  await Promise.all([tui.settle(300, 5000), bare.settle(300, 2000)]);
  const variants = [
    { name: 'zkpilot', pty: tui, samples: [], misses: { n: 0 }, afterFrame: [] },
    { name: 'bare', pty: bare, samples: [], misses: { n: 0 }, afterFrame: [] },
  ];
  const blocks = Math.max(1, Math.round(KEYS / (TEXT.length * 2)));
  for (let b = 0; b < blocks; b++) {
    process.stderr.write(`\rtui bench: latency: block ${b + 1}/${blocks}   `);
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(b + k) % variants.length];
      await typeBlock(v.pty, v.samples, v.misses, v.afterFrame);
    }
  }
  process.stderr.write('\n');
  for (const v of variants) {
    const left = await v.pty.quit();
    if (left.length > 0) failures.push(`${v.name} left running: ${left.join(' ')}`);
    if (v.misses.n > 0) failures.push(`${v.name}: ${v.misses.n} keys without any output within 5 s`);
  }

  // 2. Memory: a fresh TUI, six bursts of `ls -R`.
  log('memory: opening a fresh TUI…');
  const mem = await openTui(connectString);
  await mem.settle(500, 5000);
  const pid = mem.nodePid();
  if (!pid) throw new Error('cannot find the zkpilot node process under the pty');
  const rss = [vmRssMiB(pid)];
  const burstMs = [];
  log(`memory: pid ${pid}, RSS at start ${fmt(rss[0])} MiB`);
  for (let i = 0; i < BURSTS; i++) {
    burstMs.push(await runCommand(mem, LS, burstTimeout));
    await mem.settle(500, 5000);
    rss.push(vmRssMiB(pid));
    log(`memory: burst ${i + 1}/${BURSTS} (${NODES} lines) in ${(burstMs[i] / 1000).toFixed(1)} s, RSS ${fmt(rss[i + 1])} MiB`);
  }
  const memLeft = await mem.quit();
  if (memLeft.length > 0) failures.push(`memory TUI left running: ${memLeft.join(' ')}`);

  // Figures.
  const [z, b] = variants;
  const q = (v, p) => quantile(v.samples, p);
  const ratio = (a, c) => (num(a) && num(c) && c > 0 ? a / c : null);
  const p99 = q(z, 0.99);
  const r99 = ratio(p99, q(b, 0.99));
  const last = rss[rss.length - 1];
  const fromSecond = rss.slice(2).filter(num);
  const growth = fromSecond.length > 1 ? Math.max(...fromSecond) / fromSecond[0] - 1 : null;
  const checks = [
    `key to first byte p99 <= 1.5x the bare Ink app's: ${verdict(r99 === null ? null : r99 <= 1.5)} (×${fmt(r99 ?? 'n/a')})`,
    `key to first byte p99 <= 50 ms: ${verdict(num(p99) ? p99 <= 50 : null)} (${fmt(p99)} ms)`,
    `RSS after ${BURSTS * NODES} lines <= 200 MB: ${verdict(num(last) ? last * 1.048576 <= 200 : null)} (${fmt(last * 1.048576)} MB)`,
    `RSS flat from the second burst on (<= +10 %): ${verdict(growth === null ? null : growth <= 0.1)} (${growth === null ? 'n/a' : `${(growth * 100).toFixed(1)} %`})`,
  ];
  const figures = [
    ...[0.5, 0.9, 0.99].map((p) => ({ label: `key to first byte, p${Math.round(p * 100)} (vs bare Ink)`, value: q(z, p), unit: 'ms', baseline: q(b, p), ...(p === 0.99 ? { target: '≤ ×1.5, ≤ 50 ms' } : {}) })),
    { label: 'key to first byte, max (vs bare Ink)', value: q(z, 1), unit: 'ms', baseline: q(b, 1) },
    { label: 'RSS at start', value: rss[0], unit: 'MiB' },
    ...rss.slice(1).map((v, i) => ({ label: `RSS after burst ${i + 1} (${((i + 1) * NODES).toLocaleString('en')} lines)`, value: v, unit: 'MiB', ...(i === BURSTS - 1 ? { target: '≤ 200 MB (190.7 MiB)' } : {}) })),
    { label: `\`${LS}\` burst wall, median`, value: quantile(burstMs, 0.5), unit: 'ms' },
  ];
  const notes = [
    `TUI: node ${path.relative(ROOT, CLI)} -server <3-server sandbox> in a pty (util-linux script) at ${COLS}x${ROWS}, panels polling; ${NODES} znodes under /bench`,
    `latency: ${z.samples.length} keys each (\`${TEXT}\` typed then erased with Backspace, one key every ${KEY_PACE_MS} ms), blocks alternating between zkpilot (after one \`${LS}\`: ${NODES >= 10_000 ? 'a full 10,000-line scrollback' : `${NODES} lines of scrollback`}) and the bare Ink app (bench/fixtures/bareInkScroll.mjs: header, 2,000-line window, input line); key written to the pty → first byte of output after it; nearest-rank quantiles`,
    `memory: a fresh TUI, default scrollback; ${BURSTS} bursts of \`${LS}\` (${NODES} lines each), each awaited (the prompt's count advances) and settled 0.5 s; VmRSS of the node process under the pty`,
    // Ink starts its 67 ms throttle window at every render, also one whose frame is unchanged and
    // so never reaches the pty: keys right after such an invisible render wait out the window, and
    // this split (visible frames only) cannot see them.
    ...variants.map((v) => `${v.name}: ${v.afterFrame.length} of ${v.samples.length} keys written < ${THROTTLE_MS} ms after a visible frame had started (Ink's 30 fps frame interval): p50 ${fmt(quantile(v.afterFrame, 0.5))} ms, max ${fmt(quantile(v.afterFrame, 1))} ms; the keys with no visible frame before them: p99 ${fmt(quantile(v.samples.filter((x) => !v.afterFrame.includes(x)), 0.99))} ms`),
    `RSS (MiB): ${rss.map((v) => fmt(v)).join(' → ')}`,
    `server: ${loopback.text}`,
    `node ${process.version}, ${os.cpus().length} CPUs, load average before ${loadBefore}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    ...checks.map((c) => `target: ${c}`),
    ...failures.map((f) => `FAILED: ${f}`),
  ];
  report('tui', figures, notes);
  process.stderr.write(`\ntui (summary)\n${notes.map((n) => `  ${n}\n`).join('')}${figures.map((f) => `  ${f.label}: ${fmt(f.value)} ${f.unit}${f.baseline === undefined ? '' : ` (bare ${fmt(f.baseline)} ${f.unit}, ×${fmt(ratio(f.value, f.baseline) ?? 'n/a')})`}\n`).join('')}`);
  if (failures.length > 0) exitCode = 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  for (const f of failures) log(`FAILED: ${f}`);
  exitCode = 1;
} finally {
  cleanup();
}
process.exitCode = exitCode;
