// Runs every bench/*.bench.mjs in its own process, one after another, and prints their figures
// with the ratio to the baseline each measured in the same run (e.g. the same process idle).
// `npm run bench` builds first; BENCH_FILTER=name runs only matching files.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.env.BENCH_FILTER ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && f.includes(filter)).sort();

function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const results = out.split('\n').filter((l) => l.startsWith('BENCH_RESULT ')).map((l) => JSON.parse(l.slice(13)));
      resolve({ file, code, results });
    });
  });
}

const fmt = (v) => (typeof v !== 'number' ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

let failed = 0;
for (const file of files) {
  const { code, results } = await run(file);
  if (code !== 0 || results.length === 0) {
    failed += 1;
    console.log(`\n${file}: failed (exit ${code})`);
    continue;
  }
  for (const r of results) {
    console.log(`\n## ${r.name} (${file})`);
    for (const note of r.notes) console.log(`  ${note}`);
    const rows = r.figures.map((f) => [
      f.label,
      `${fmt(f.value)} ${f.unit}`,
      f.baseline === undefined ? '' : `${fmt(f.baseline)} ${f.unit}`,
      f.baseline === undefined ? '' : f.baseline > 0 ? `×${fmt(f.value / f.baseline)}` : '',
      f.target ?? '',
    ]);
    const header = ['figure', 'value', 'baseline', 'ratio', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}`;
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  }
}
if (files.length === 0) console.log('no bench files');
process.exitCode = failed > 0 ? 1 : 0;
