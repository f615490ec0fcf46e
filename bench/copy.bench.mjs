// Copy and verify throughput between two local 3-server ensembles (real ZooKeeper), all in one
// run: zkpilot's `copy` and `verify` against a one-at-a-time client (await each call) and against
// the raw ceiling (pipelined creates / reads of the same nodes, nothing else), with peak RSS.
//
//   node bench/copy.bench.mjs [--nodes 100000] [--window 256] [--serial 3000] [--json]
//   node bench/copy.bench.mjs --only copy,verify --heap 48   (memory check: each process capped at 48 MB of heap)
//   (bench/run.mjs imports run())
//
// Each variant runs in its own process so its peak RSS is its own (zkpilot's session workers
// are counted in: RSS of the process plus its children, sampled every 100 ms).
import { fork } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pipelinedCreates, treePaths } from './lib/tree.mjs';
import { loadZkpilot } from './lib/zkpilot.mjs';

const HERE = fileURLToPath(import.meta.url);
const imp = () => loadZkpilot();

// The tree (bench/lib/tree.mjs): /bench → 10 branches → 100 groups each → leaves, 100-byte data.

// --- variants (each in its own process) --------------------------------------------------------

const VARIANTS = {
  async raw({ dst, nodes, window }) {
    const { createZkClient } = await imp();
    const zk = createZkClient({ connectString: dst });
    await zk.waitConnected(20_000);
    const paths = treePaths('/raw', nodes);
    const t = performance.now();
    await pipelinedCreates(zk, paths, window);
    const ms = performance.now() - t;
    await zk.close();
    return { nodes: paths.length, ms };
  },

  async copy({ src, dst, window }) {
    return runCommand(src, `copy --window ${window} /bench ${dst}:/copy`, /copy done: (\d+) nodes/);
  },

  // One call at a time with the plain in-process client (what a simple script does).
  async serialDirect({ src, dst, serial }) {
    const { createZkClient } = await imp();
    const a = createZkClient({ connectString: src });
    const b = createZkClient({ connectString: dst });
    await Promise.all([a.waitConnected(20_000), b.waitConnected(20_000)]);
    const paths = treePaths('/bench', serial);
    const t = performance.now();
    for (const p of paths) {
      const got = await a.get(p);
      const acl = await a.getAcl(p);
      await b.create(p.replace('/bench', '/serialDirect'), got.data);
      if (acl.acl.length === 0) throw new Error('no acl');
    }
    const ms = performance.now() - t;
    await Promise.all([a.close(), b.close()]);
    return { nodes: paths.length, ms };
  },

  async verify({ src, dst, window }) {
    return runCommand(src, `verify --window ${window} /bench ${dst}:/copy`, /compared=(\d+)/);
  },

  async verifyNoAcl({ src, dst, window }) {
    return runCommand(src, `verify --no-acl --window ${window} /bench ${dst}:/copy`, /compared=(\d+)/);
  },

  // One call at a time (await each), through the same worker sessions zkpilot uses.
  async serialCopy({ src, dst, serial }) {
    const { BulkSession } = await imp();
    const [a, b] = await Promise.all([BulkSession.open({ connectString: src }), BulkSession.open({ connectString: dst })]);
    const paths = treePaths('/bench', serial);
    const t = performance.now();
    for (const p of paths) {
      const got = await a.get(p);
      const acl = await a.getAcl(p);
      await b.create(p.replace('/bench', '/serial'), got.data);
      if (acl.acl.length === 0) throw new Error('no acl');
    }
    const ms = performance.now() - t;
    await Promise.all([a.close(), b.close()]);
    return { nodes: paths.length, ms };
  },

  async serialVerify({ src, dst, serial }) {
    const { BulkSession } = await imp();
    const [a, b] = await Promise.all([BulkSession.open({ connectString: src }), BulkSession.open({ connectString: dst })]);
    const paths = treePaths('/bench', serial);
    const t = performance.now();
    let equal = 0;
    for (const p of paths) {
      const q = p.replace('/bench', '/copy');
      const x = await a.get(p);
      const y = await b.get(q);
      const ax = await a.getAcl(p);
      const ay = await b.getAcl(q);
      if (x.data?.equals(y.data ?? Buffer.alloc(0)) && ax.acl.length === ay.acl.length) equal += 1;
    }
    const ms = performance.now() - t;
    await Promise.all([a.close(), b.close()]);
    return { nodes: paths.length, ms, equal };
  },

  async rawReads({ src, dst, nodes, window }) {
    const { createZkClient } = await imp();
    const a = createZkClient({ connectString: src });
    const b = createZkClient({ connectString: dst });
    await Promise.all([a.waitConnected(20_000), b.waitConnected(20_000)]);
    const paths = treePaths('/bench', nodes);
    const t = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: window }, async () => {
      while (next < paths.length) {
        const p = paths[next++];
        await Promise.all([a.get(p), b.get(p.replace('/bench', '/copy'))]);
      }
    }));
    const ms = performance.now() - t;
    await Promise.all([a.close(), b.close()]);
    return { nodes: paths.length, ms };
  },
};

/** A zkpilot command in exec-mode conditions: a console on the source, output to memory. */
async function runCommand(src, line, count) {
  const { buildConsole, MemorySink } = await imp();
  const sink = new MemorySink();
  const app = buildConsole({ mode: 'exec', connectString: src, sink, runbooks: { runFile: null } });
  const client = await app.conn.connect();
  await client.waitConnected(20_000);
  const t = performance.now();
  const code = await app.shell.execute(line, 'exec');
  const ms = performance.now() - t;
  await app.dispose();
  const text = sink.text();
  const m = count.exec(text);
  if (!m) throw new Error(`${line} (exit ${code}): ${text}`);
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

/** CPU seconds of this process and its reaped children (utime+stime+cutime+cstime). */
function cpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

async function variantMain(name, params) {
  let peak = treeRssMb();
  const timer = setInterval(() => (peak = Math.max(peak, treeRssMb())), 100);
  const cpu0 = cpuSeconds();
  const result = await VARIANTS[name](params);
  const cpu = cpuSeconds() - cpu0;
  clearInterval(timer);
  peak = Math.max(peak, treeRssMb());
  process.send({ ...result, peakRssMb: Math.round(peak), clientCpuMsPerNode: +((cpu * 1000) / result.nodes).toFixed(3) });
  process.exit(0);
}

function runVariant(name, params, heapMb) {
  return new Promise((resolve, reject) => {
    // --heap MB caps the old space of the variant and (inherited execArgv) of its session workers.
    const execArgv = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
    const child = fork(HERE, ['--variant', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    child.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
    child.send(params);
  });
}

// --- orchestration ------------------------------------------------------------------------------

export async function run(opts = {}) {
  const nodes = opts.nodes ?? 100_000;
  const window = opts.window ?? 256;
  const serial = opts.serial ?? 3000;
  const log = opts.log ?? ((s) => process.stderr.write(`${s}\n`));
  const { Sandbox } = await imp();
  const { createZkClient } = await imp();
  log(`copy bench: starting two 3-server ensembles…`);
  const [a, b] = await Promise.all([Sandbox.start({ nodes: 3, killOnExit: true }), Sandbox.start({ nodes: 3, killOnExit: true })]);
  try {
    const src = a.connectString;
    const dst = b.connectString;
    log(`copy bench: seeding ${nodes} znodes (100-byte data, fan-out ~100) on ${src}…`);
    const seed = createZkClient({ connectString: src });
    await seed.waitConnected(20_000);
    await pipelinedCreates(seed, treePaths('/bench', nodes), 1000);
    await seed.close();
    const params = { src, dst, nodes, window, serial };
    const results = {};
    const names = opts.only ?? ['raw', 'copy', 'serialCopy', 'serialDirect', 'verify', 'verifyNoAcl', 'serialVerify', 'rawReads'];
    for (const name of names) {
      log(`copy bench: ${name}…`);
      const r = await runVariant(name, params, opts.heapMb);
      results[name] = { ...r, perSec: Math.round((r.nodes * 1000) / r.ms) };
      log(`copy bench: ${name}: ${results[name].perSec} nodes/s, peak RSS ${r.peakRssMb} MB, client CPU ${r.clientCpuMsPerNode} ms/node`);
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    if (opts.only) return { nodes, window, loadavg: load, heapMb: opts.heapMb ?? null, results };
    const summary = {
      nodes,
      window,
      loadavg: load,
      results,
      ratios: {
        copyVsRaw: +(results.copy.perSec / results.raw.perSec).toFixed(2),
        copyVsSerial: +(results.copy.perSec / results.serialCopy.perSec).toFixed(1),
        copyVsSerialDirect: +(results.copy.perSec / results.serialDirect.perSec).toFixed(1),
        verifyVsRawReads: +(results.verify.perSec / results.rawReads.perSec).toFixed(2),
        verifyVsSerial: +(results.verify.perSec / results.serialVerify.perSec).toFixed(1),
        verifyNoAclVsRawReads: +(results.verifyNoAcl.perSec / results.rawReads.perSec).toFixed(2),
      },
    };
    return summary;
  } finally {
    await Promise.all([a.down(), b.down()]);
  }
}

export function table(s) {
  const r = s.results;
  const row = (what, x, note = '') => `| ${what} | ${x.nodes.toLocaleString('en-US')} | ${x.perSec.toLocaleString('en-US')} | ${x.peakRssMb} | ${note} |`;
  return [
    `| ${s.nodes.toLocaleString('en-US')} znodes, window ${s.window}, load ${s.loadavg} | nodes | nodes/s | peak RSS MB | |`,
    '|---|---|---|---|---|',
    row('zkpilot `copy` (data + ACLs)', r.copy, `${s.ratios.copyVsRaw}× raw, ${s.ratios.copyVsSerial}× one-at-a-time (workers), ${s.ratios.copyVsSerialDirect}× (plain client)`),
    row('raw ceiling: pipelined creates, no reads', r.raw),
    row('one-at-a-time copy (await get, getAcl, create; same worker sessions)', r.serialCopy),
    row('one-at-a-time copy (await get, getAcl, create; plain in-process client)', r.serialDirect),
    row('zkpilot `verify` (data + ACLs, both sides)', r.verify, `${s.ratios.verifyVsRawReads}× raw reads, ${s.ratios.verifyVsSerial}× one-at-a-time`),
    row('zkpilot `verify --no-acl`', r.verifyNoAcl, `${s.ratios.verifyNoAclVsRawReads}× raw reads`),
    row('raw ceiling: pipelined gets on both sides', r.rawReads),
    row('one-at-a-time verify (await 2 gets + 2 getAcls)', r.serialVerify),
  ].join('\n');
}

/** The figures in bench/run.mjs's BENCH_RESULT format (value, same-run baseline, target). */
export function benchResult(s) {
  const r = s.results;
  return {
    name: `copy and verify, ${s.nodes.toLocaleString('en-US')} znodes between two 3-server ensembles`,
    notes: [`window ${s.window}; load average ${s.loadavg}; peak RSS MB: copy ${r.copy.peakRssMb}, verify ${r.verify.peakRssMb}, raw ${r.raw.peakRssMb}`],
    figures: [
      { label: 'copy vs raw pipelined creates', value: r.copy.perSec, unit: 'nodes/s', baseline: r.raw.perSec, target: '>= 0.8x' },
      { label: 'copy vs one-at-a-time copy (worker sessions)', value: r.copy.perSec, unit: 'nodes/s', baseline: r.serialCopy.perSec, target: '>= 10x' },
      { label: 'copy vs one-at-a-time copy (plain client)', value: r.copy.perSec, unit: 'nodes/s', baseline: r.serialDirect.perSec, target: '>= 10x' },
      { label: 'verify vs raw pipelined reads', value: r.verify.perSec, unit: 'nodes/s', baseline: r.rawReads.perSec },
      { label: 'verify --no-acl vs raw pipelined reads', value: r.verifyNoAcl.perSec, unit: 'nodes/s', baseline: r.rawReads.perSec },
      { label: 'verify vs one-at-a-time verify', value: r.verify.perSec, unit: 'nodes/s', baseline: r.serialVerify.perSec },
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
    const s = await run({ nodes: arg('nodes', 100_000), window: arg('window', 256), serial: arg('serial', 3000), heapMb: arg('heap', undefined), only });
    process.stdout.write(process.argv.includes('--json') || only ? `${JSON.stringify(s, null, 2)}\n` : `${table(s)}\n`);
    if (!only) process.stdout.write(`BENCH_RESULT ${JSON.stringify(benchResult(s))}\n`);
  }
}
