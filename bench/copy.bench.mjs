// Bulk operations between two local 3-server ensembles (real ZooKeeper), all in one run, each
// against a baseline measured in the same run:
//   copy    vs the read ceiling (pipelined get + getAcl of the same nodes on the source: the least
//           a copy with ACLs must read, one request per read), vs its own reads alone (getData in
//           multiRead batches + getAcl: what copy reads on a 3.6+ source), vs copy reading one
//           request per read (ZKPILOT_MULTI_READ=0) and vs copy with one request per write and
//           per read (--max-batch-bytes 0 and ZKPILOT_MULTI_READ=0: before writes and reads were
//           batched);
//   verify  vs the read ceiling on both sides;
//   backup to a file and restore from it vs copy;
//   deleteall of a copied tree vs deleteall -b 1 (one request per node).
// Every zkpilot variant runs again with its heap capped at 48 MB (--heap-pass), and must complete.
//
//   node bench/copy.bench.mjs [--nodes 100000] [--window 256] [--json] [--only copy,verify] [--heap 48]
//   (bench/run.mjs runs it with the others)
//
// Each variant runs in its own process so its peak RSS is its own (zkpilot's session workers
// are counted in: RSS of the process plus its children, sampled every 100 ms).
// BENCH_CPU_PROF=DIR writes V8 CPU profiles of each variant and its workers; BENCH_CPU_SPLIT=1
// prints zkpilot's CPU seconds per process (the variant, then each session worker); BENCH_HEAP=1
// the variant's peak heap used; BENCH_NODE_ARGS='--trace-gc' adds Node flags to every variant.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treePaths } from './lib/tree.mjs';
import { loadZkpilot } from './lib/zkpilot.mjs';

const HERE = fileURLToPath(import.meta.url);
const imp = () => loadZkpilot();

// The tree (bench/lib/tree.mjs): /bench → 10 branches → 100 groups each → leaves, 100-byte data.

// --- variants (each in its own process) --------------------------------------------------------

const VARIANTS = {
  /**
   * Pipelined get + getAcl of every node on the source, straight on the native client in this
   * process (no worker, no IPC, no walk): the least any copy with ACLs must read, at the least
   * cost to the client.
   */
  async readCeiling({ src, nodes, window }) {
    return readAll([[src, '/bench']], nodes, window);
  },

  /**
   * The reads copy itself makes, and nothing else: getData in multiRead batches (3.6+ servers)
   * and a getAcl per node, pipelined on the native client in this process.
   */
  async readCeilingMultiRead({ src, nodes, window }) {
    return readAll([[src, '/bench']], nodes, window, { multiRead: true });
  },

  /** The same on both sides (source /bench, target /copy): verify's ceiling. */
  async readCeiling2({ src, dst, nodes, window }) {
    return readAll([[src, '/bench'], [dst, '/copy']], nodes, window);
  },

  /**
   * One request per write and per read (no multi, no multiRead): copy as it worked before writes
   * and reads were batched, the same-run stand-in for the issue's "today's rate".
   */
  async copyOneByOne({ src, dst, window }) {
    process.env.ZKPILOT_MULTI_READ = '0';
    return runCommand(src, `copy --no-count --max-batch-bytes 0 --window ${window} /bench ${dst}:/copy0`, /copy done: (\d+) nodes/);
  },

  async copy({ src, dst, window }) {
    return runCommand(src, `copy --window ${window} /bench ${dst}:/copy`, /copy done: (\d+) nodes/);
  },

  /** copy with its reads one request each (its session workers told not to use multiRead). */
  async copyPlainReads({ src, dst, window }) {
    process.env.ZKPILOT_MULTI_READ = '0';
    return runCommand(src, `copy --window ${window} /bench ${dst}:/copyp`, /copy done: (\d+) nodes/);
  },

  async verify({ src, dst, window }) {
    return runCommand(src, `verify --window ${window} /bench ${dst}:/copy`, /compared=(\d+)/);
  },

  async backup({ src, file, window }) {
    return runCommand(src, `copy --window ${window} /bench file:${file}`, /copy done: (\d+) nodes/);
  },

  async restore({ dst, file, window }) {
    return runCommand(dst, `copy --window ${window} file:${file} /restored`, /copy done: (\d+) nodes/);
  },

  async deleteOneByOne({ dst }) {
    return runCommand(dst, 'deleteall -b 1 /copy0', null, '/copy0');
  },

  async deleteBatched({ dst }) {
    return runCommand(dst, 'deleteall /copy', null, '/copy');
  },
};

async function readAll(sides, nodes, window, readerOpts = {}) {
  const { loadNativeZk, nativeReader } = await imp();
  const Native = loadNativeZk();
  const handles = await Promise.all(sides.map(([cs]) => new Promise((resolve) => {
    const zk = new Native({ connect: cs, timeout: 30_000, debug_level: 0, response_counter_limit: 1_000_000 });
    zk.once('connect', () => resolve(zk));
    zk.init({});
  })));
  // Reads on the native object under the binding's JS wrapper, as a session worker's walk makes them.
  const readers = handles.map((h) => nativeReader(h.native ?? h, readerOpts));
  const paths = treePaths('/bench', nodes);
  const t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: window }, async () => {
    while (next < paths.length) {
      const p = paths[next++];
      await Promise.all(readers.flatMap((r, i) => {
        const q = p.replace('/bench', sides[i][1]);
        return [r.get(q), r.getAcl(q)];
      }));
    }
  }));
  const ms = performance.now() - t;
  for (const h of handles) h.close();
  return { nodes: paths.length, ms };
}

/**
 * A zkpilot command in exec-mode conditions (--yes: no one to ask), output to memory. `count`
 * reads the node count from its output; for a delete, `gone` is counted beforehand instead.
 */
async function runCommand(connectString, line, count, gone) {
  const { buildConsole, MemorySink, countTree } = await imp();
  const sink = new MemorySink();
  const app = buildConsole({ mode: 'exec', connectString, sink, assumeYes: true, runbooks: { runFile: null } });
  const client = await app.conn.connect();
  await client.waitConnected(20_000);
  const before = gone ? await countTree(client, gone, { window: 256 }) : 0;
  const t = performance.now();
  const code = await app.shell.execute(line, 'exec');
  const ms = performance.now() - t;
  const left = gone ? await client.exists(gone) : null;
  await app.dispose();
  const text = sink.text();
  if (gone) {
    if (code !== 0 || left !== null) throw new Error(`${line} (exit ${code}): ${text}`);
    return { nodes: before, ms, exitCode: code };
  }
  const m = count.exec(text);
  if (!m || code !== 0) throw new Error(`${line} (exit ${code}): ${text}`);
  return { nodes: Number(m[1]), ms, exitCode: code };
}

/** RSS of this process plus its children (the session workers), in MB. */
function treeRssMb() {
  const rssOf = (pid) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let total = rssOf(process.pid);
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const kids = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const k of kids) total += rssOf(Number(k));
    }
  } catch {
    // not Linux: the process alone
  }
  return total;
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** This process's children (the session workers). */
function childPids() {
  try {
    return readdirSync(`/proc/${process.pid}/task`).flatMap((task) => readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

async function variantMain(name, params) {
  let peak = treeRssMb();
  // The workers' CPU, sampled as they run (they exit with the variant's sessions).
  const workerCpu = new Map();
  let heapPeak = 0;
  const sample = () => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    peak = Math.max(peak, treeRssMb());
    for (const pid of childPids()) workerCpu.set(pid, Math.max(workerCpu.get(pid) ?? 0, cpuSecondsOf(pid)));
  };
  const timer = setInterval(sample, 100);
  const cpuBefore = process.cpuUsage();
  const result = await VARIANTS[name](params);
  clearInterval(timer);
  sample();
  const own = process.cpuUsage(cpuBefore);
  const clientCpuS = +((own.user + own.system) / 1e6 + [...workerCpu.values()].reduce((a, b) => a + b, 0)).toFixed(1);
  if (process.env.BENCH_HEAP) process.stderr.write(`copy bench: ${name}: peak heap used ${(heapPeak / 2 ** 20).toFixed(1)} MB\n`);
  if (process.env.BENCH_CPU_SPLIT) process.stderr.write(`copy bench: ${name}: CPU s, variant ${((own.user + own.system) / 1e6).toFixed(2)}, workers ${[...workerCpu.values()].join(' ')}\n`);
  process.send({ ...result, peakRssMb: Math.round(peak), clientCpuS });
  process.exit(0);
}

function runVariant(name, params, heapMb) {
  return new Promise((resolve, reject) => {
    // --heap MB caps the old space of the variant and (inherited execArgv) of its session workers.
    const execArgv = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
    if (process.env.BENCH_NODE_ARGS) execArgv.push(...process.env.BENCH_NODE_ARGS.split(' '));
    // BENCH_CPU_PROF=DIR: a V8 CPU profile of the variant and of each session worker, into DIR.
    if (process.env.BENCH_CPU_PROF) execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
    const child = fork(HERE, ['--variant', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    child.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
    child.send(params);
  });
}

// --- orchestration ------------------------------------------------------------------------------

/** Creates the tree in multis of 500 (parents come before their children in the list). */
async function seedTree(zk, paths) {
  const data = Buffer.alloc(100, 0x61);
  for (let i = 0; i < paths.length; i += 500) {
    const outcome = await zk.multi(paths.slice(i, i + 500).map((p) => ({ op: 'create', path: p, data })));
    if (outcome.rc !== 0) throw new Error(`seeding failed: rc ${outcome.rc}`);
  }
}

// deleteOneByOne goes before the restore: the target ensemble holds at most two copies of the tree at a time.
const MAIN = ['readCeiling', 'readCeilingMultiRead', 'copyOneByOne', 'copy', 'readCeiling2', 'verify', 'deleteOneByOne', 'copyPlainReads', 'backup', 'restore', 'deleteBatched'];
/** What a variant leaves on the target that the next ones have no room for (removed untimed). */
const CLEANUP_AFTER = { copyPlainReads: ['/copyp'] };
/** What runs again under the heap cap (and the data it needs: a fresh copy to delete). */
const CAPPED = ['copy', 'verify', 'backup', 'restore', 'deleteBatched'];

export async function run(opts = {}) {
  const nodes = opts.nodes ?? 100_000;
  const window = opts.window ?? 256;
  const heapMb = opts.heapMb ?? 48;
  const log = opts.log ?? ((s) => process.stderr.write(`${s}\n`));
  const { Sandbox, createZkClient } = await imp();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-bench-'));
  log(`copy bench: starting two 3-server ensembles (${SERVER_HEAP_MB} MB heap per server)…`);
  // Servers sized for the tree (as an operator would run them): the sandbox's default 128 MB heap
  // thrashes once the target holds two copies of 100,000 znodes, and its session is lost.
  const server = { nodes: 3, killOnExit: true, heapMb: SERVER_HEAP_MB };
  const [a, b] = await Promise.all([Sandbox.start(server), Sandbox.start(server)]);
  try {
    const src = a.connectString;
    const dst = b.connectString;
    log(`copy bench: seeding ${nodes} znodes (100-byte data, fan-out ~100) on ${src}…`);
    const seed = createZkClient({ connectString: src });
    await seed.waitConnected(20_000);
    await seedTree(seed, treePaths('/bench', nodes));
    await seed.close();
    const file = path.join(dir, 'bench.jsonl.gz');
    const params = { src, dst, nodes, window, file };
    const results = {};
    const names = opts.only ?? MAIN;
    for (const name of names) {
      log(`copy bench: ${name}…`);
      const cpu0 = [ensembleCpu(a), ensembleCpu(b)];
      const r = await runVariant(name, params, opts.only ? opts.heapMb : undefined);
      const [srcCpuS, dstCpuS] = [ensembleCpu(a) - cpu0[0], ensembleCpu(b) - cpu0[1]].map((x) => +x.toFixed(1));
      results[name] = { ...r, perSec: Math.round((r.nodes * 1000) / r.ms), srcCpuS, dstCpuS };
      log(`copy bench: ${name}: ${results[name].perSec} nodes/s, peak RSS ${r.peakRssMb} MB, CPU s: source JVMs ${srcCpuS}, target JVMs ${dstCpuS}, zkpilot ${r.clientCpuS}`);
      if (CLEANUP_AFTER[name]) await runCommandCleanup(dst, CLEANUP_AFTER[name]);
    }
    const capped = {};
    if (!opts.only) {
      rmSync(file, { force: true });
      await runCommandCleanup(dst, ['/restored']);
      for (const name of CAPPED) {
        log(`copy bench: ${name} with the heap capped at ${heapMb} MB…`);
        const r = await runVariant(name, params, heapMb);
        capped[name] = { ...r, perSec: Math.round((r.nodes * 1000) / r.ms) };
        log(`copy bench: ${name} (heap ${heapMb} MB): ${capped[name].perSec} nodes/s, peak RSS ${r.peakRssMb} MB`);
      }
    }
    const fileMb = (() => {
      try {
        return +(statSync(file).size / 1e6).toFixed(1);
      } catch {
        return null;
      }
    })();
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    return { nodes, window, heapMb, loadavg: load, fileMb, results, capped };
  } finally {
    await Promise.all([a.down(), b.down()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU seconds the ensemble's JVMs have used so far. */
function ensembleCpu(sandbox) {
  return sandbox.nodes.reduce((sum, n) => sum + (n.pid === null ? 0 : cpuSecondsOf(n.pid)), 0);
}

/** Removes what one pass left on the target, so the capped pass writes and deletes as much again. */
async function runCommandCleanup(dst, roots) {
  const { buildConsole, MemorySink } = await imp();
  const app = buildConsole({ mode: 'exec', connectString: dst, sink: new MemorySink(), assumeYes: true, runbooks: { runFile: null } });
  const client = await app.conn.connect();
  await client.waitConnected(20_000);
  for (const r of roots) if ((await client.exists(r)) !== null) await app.shell.execute(`deleteall ${r}`, 'exec');
  await app.dispose();
}

/** Each server's Java heap in the bench's ensembles (`sandbox up --heap`). */
const SERVER_HEAP_MB = 512;

const ratio = (x, y) => (x && y ? +(x.perSec / y.perSec).toFixed(2) : null);

/** Where a variant's CPU went, per node: the source ensemble, the target ensemble, zkpilot (process and workers). */
function cpuPerNode(x) {
  const us = (cpuS) => (cpuS === undefined ? '?' : Math.round((cpuS * 1e6) / x.nodes));
  return `${us(x.srcCpuS)} / ${us(x.dstCpuS)} / ${us(x.clientCpuS)}`;
}

export function table(s) {
  const r = s.results;
  const c = s.capped;
  const n = (x) => x.toLocaleString('en-US');
  const row = (what, x, note = '') => (x ? `| ${what} | ${n(x.nodes)} | ${n(x.perSec)} | ${cpuPerNode(x)} | ${x.peakRssMb} | ${c[nameOf(x)]?.peakRssMb ?? ''} | ${note} |` : null);
  const nameOf = (x) => Object.keys(r).find((k) => r[k] === x);
  return [
    `| ${n(s.nodes)} znodes, window ${s.window}, load ${s.loadavg} | nodes | nodes/s | CPU µs per node: source JVMs / target JVMs / zkpilot | peak RSS MB | with ${s.heapMb} MB heap | |`,
    '|---|---|---|---|---|---|---|',
    row('zkpilot `copy` (data + ACLs, multiRead reads, multi-batched writes)', r.copy, `${ratio(r.copy, r.readCeiling)}× read ceiling, ${ratio(r.copy, r.readCeilingMultiRead)}× its own reads alone, ${ratio(r.copy, r.copyOneByOne)}× one request per write and read`),
    row('read ceiling: pipelined get + getAcl on the source (native client, no IPC)', r.readCeiling),
    row('copy\'s own reads alone: getData in multiReads + getAcl, pipelined (native client, no IPC)', r.readCeilingMultiRead),
    row('`copy` reading one request per read (ZKPILOT_MULTI_READ=0)', r.copyPlainReads, `${ratio(r.copyPlainReads, r.readCeiling)}× read ceiling`),
    row('`copy --max-batch-bytes 0`, ZKPILOT_MULTI_READ=0 (one request per write and per read)', r.copyOneByOne),
    row('zkpilot `verify` (data + ACLs, both sides)', r.verify, `${ratio(r.verify, r.readCeiling2)}× read ceiling`),
    row('read ceiling: pipelined get + getAcl on both sides (native client, no IPC)', r.readCeiling2),
    row('backup: `copy /bench file:bench.jsonl.gz`', r.backup, `${ratio(r.backup, r.copy)}× copy${s.fileMb ? `, ${s.fileMb} MB file` : ''}`),
    row('restore: `copy file:bench.jsonl.gz /restored`', r.restore, `${ratio(r.restore, r.copy)}× copy`),
    row('`deleteall` of the copy (multis of 1,000)', r.deleteBatched, `${ratio(r.deleteBatched, r.deleteOneByOne)}× one request per node`),
    row('`deleteall -b 1` (one request per node)', r.deleteOneByOne),
  ].filter(Boolean).join('\n');
}

/** The figures in bench/run.mjs's BENCH_RESULT format (value, same-run baseline, target). */
export function benchResult(s) {
  const r = s.results;
  const c = s.capped;
  const cappedNote = Object.entries(c).map(([k, v]) => `${k} ${v.perSec}/s ${v.peakRssMb} MB`).join(', ');
  return {
    name: `bulk operations, ${s.nodes.toLocaleString('en-US')} znodes between two 3-server ensembles`,
    notes: [
      `window ${s.window}; load average ${s.loadavg}; peak RSS MB: copy ${r.copy.peakRssMb}, verify ${r.verify.peakRssMb}, backup ${r.backup.peakRssMb}, restore ${r.restore.peakRssMb}, deleteall ${r.deleteBatched.peakRssMb}`,
      `with the heap capped at ${s.heapMb} MB, all completed: ${cappedNote}`,
      `CPU µs per node (source JVMs / target JVMs / zkpilot): copy ${cpuPerNode(r.copy)}, read ceiling ${cpuPerNode(r.readCeiling)}, copy's own reads ${cpuPerNode(r.readCeilingMultiRead)}, copy reading one request per read ${cpuPerNode(r.copyPlainReads)}, one request per write and read ${cpuPerNode(r.copyOneByOne)}, verify ${cpuPerNode(r.verify)}`,
      `copy ${r.copy.perSec}/s is ${ratio(r.copy, r.readCeilingMultiRead)}x its own reads alone (${r.readCeilingMultiRead.perSec}/s); reading one request per read it makes ${r.copyPlainReads.perSec}/s (${ratio(r.copyPlainReads, r.readCeiling)}x the read ceiling)`,
    ],
    figures: [
      { label: 'copy vs read ceiling (get + getAcl, source)', value: r.copy.perSec, unit: 'nodes/s', baseline: r.readCeiling.perSec, target: '>= 0.8x' },
      { label: 'copy vs one request per write and per read', value: r.copy.perSec, unit: 'nodes/s', baseline: r.copyOneByOne.perSec, target: '>= 2x' },
      { label: 'verify vs read ceiling (both sides)', value: r.verify.perSec, unit: 'nodes/s', baseline: r.readCeiling2.perSec, target: '>= 0.8x' },
      { label: 'backup to a file vs copy', value: r.backup.perSec, unit: 'nodes/s', baseline: r.copy.perSec, target: '>= 0.8x' },
      { label: 'restore from the file vs copy', value: r.restore.perSec, unit: 'nodes/s', baseline: r.copy.perSec, target: '>= 0.8x' },
      { label: 'deleteall vs one request per node', value: r.deleteBatched.perSec, unit: 'nodes/s', baseline: r.deleteOneByOne.perSec, target: '>= 5x' },
    ],
  };
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] === HERE) {
  if (process.argv.includes('--variant')) {
    const name = process.argv[process.argv.indexOf('--variant') + 1];
    process.once('message', (params) => variantMain(name, params).catch((e) => {
      process.send({ error: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    }));
  } else {
    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
    const s = await run({ nodes: arg('nodes', 100_000), window: arg('window', 256), heapMb: arg('heap', undefined), only });
    process.stdout.write(process.argv.includes('--json') || only ? `${JSON.stringify(s, null, 2)}\n` : `${table(s)}\n`);
    if (!only) process.stdout.write(`BENCH_RESULT ${JSON.stringify(benchResult(s))}\n`);
  }
}
