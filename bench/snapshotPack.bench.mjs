// `snapshot pack` and `snapshot restore` throughput on a synthetic dataDir shaped like a real one:
// a snapshot of znode-like records (compressible, not trivially) and two 64 MiB preallocated logs
// (some transactions, then zeros). Baseline: GNU tar + gzip (`tar -czf`) of the same files, run in
// the same process tree on the same machine.
//
//   node bench/snapshotPack.bench.mjs [--snapshot-mib 128]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { report } from './lib/measure.mjs';
import { loadZkpilot } from './lib/zkpilot.mjs';

const { listDataDir, packSelection, restoreArchive, selectSnapshot } = await loadZkpilot();

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MIB = 1024 * 1024;
const snapshotMiB = arg('snapshot-mib', 128);

/** Znode-like records: a path, a counter, some payload; sealed like a ZooKeeper snapshot. */
async function writeSnapshot(file, mib) {
  const handle = await fs.open(file, 'w');
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  try {
    for (let written = 0; written < mib * MIB; ) {
      const lines = [];
      for (let i = 0; i < 4096; i++) lines.push(`/app/table${Math.floor(rnd() * 500)}/part${Math.floor(rnd() * 10000)} v=${Math.floor(rnd() * 1e9)} data=${rnd().toString(36).slice(2)}${rnd().toString(36).slice(2)}\n`);
      const chunk = Buffer.from(lines.join(''));
      await handle.write(chunk);
      written += chunk.length;
    }
    await handle.write(Buffer.from([0, 0, 0, 1, 0x2f]));
  } finally {
    await handle.close();
  }
}

/** A preallocated log: `dataMiB` of transactions, zeros up to 64 MiB. */
async function writeLog(file, dataMiB) {
  const handle = await fs.open(file, 'w');
  try {
    const block = Buffer.alloc(MIB);
    for (let i = 0; i < block.length; i++) block[i] = (i * 31 + (i >> 7)) & 0xff;
    for (let i = 0; i < dataMiB; i++) await handle.write(block);
    await handle.truncate(64 * MIB);
  } finally {
    await handle.close();
  }
}

const root = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-bench-snap-'));
try {
  const v2 = path.join(root, 'data', 'version-2');
  await fs.mkdir(v2, { recursive: true });
  await writeLog(path.join(v2, 'log.100000001'), 8);
  await writeSnapshot(path.join(v2, 'snapshot.100400000'), snapshotMiB);
  await writeLog(path.join(v2, 'log.100400002'), 4);
  const selection = await selectSnapshot(await listDataDir(path.join(root, 'data')));
  const inputMiB = selection.included.reduce((s, i) => s + i.file.size, 0) / MIB;

  let t0 = performance.now();
  const packed = await packSelection(selection, path.join(root, 'data.tar.gz'));
  const packS = (performance.now() - t0) / 1000;

  const names = selection.included.map((i) => i.file.name);
  t0 = performance.now();
  execFileSync('tar', ['-czf', path.join(root, 'gnu.tar.gz'), '-C', v2, ...names]);
  const gnuS = (performance.now() - t0) / 1000;
  const gnuBytes = (await fs.stat(path.join(root, 'gnu.tar.gz'))).size;

  const target = path.join(root, 'target');
  await fs.mkdir(target);
  t0 = performance.now();
  await restoreArchive(packed.file, target);
  const restoreS = (performance.now() - t0) / 1000;
  const gnuTarget = path.join(root, 'gnu-target');
  await fs.mkdir(gnuTarget);
  t0 = performance.now();
  execFileSync('tar', ['-xzf', path.join(root, 'gnu.tar.gz'), '-C', gnuTarget]);
  const gnuRestoreS = (performance.now() - t0) / 1000;

  report('snapshot pack / restore', [
    { label: 'pack throughput (input MiB/s)', value: inputMiB / packS, unit: 'MiB/s', baseline: inputMiB / gnuS },
    { label: 'pack time', value: packS, unit: 's', baseline: gnuS },
    { label: 'archive size', value: packed.bytes / MIB, unit: 'MiB', baseline: gnuBytes / MIB },
    { label: 'restore time', value: restoreS, unit: 's', baseline: gnuRestoreS },
  ], [
    `input: snapshot ${snapshotMiB} MiB + 2 preallocated 64 MiB logs = ${inputMiB.toFixed(0)} MiB; baseline: GNU tar -czf / -xzf of the same files`,
  ]);
} finally {
  rmSync(root, { recursive: true, force: true });
}
