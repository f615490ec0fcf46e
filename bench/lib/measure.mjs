// Process CPU and event-loop delay over a stretch of wall time, and a small result protocol the
// runner reads from each bench's stdout (one `BENCH_RESULT <json>` line).
//
// Event-loop delay is sampled by a 5 ms timer: each tick's lateness is a delay. On a shared
// machine most long delays are the process waiting for a CPU (other jobs, the ZooKeeper JVMs of
// the sandbox on the same cores), not our own code running; so each delay is also charged with
// the CPU time the process used during it: `ownMax` is the longest delay our own work caused.
import { setTimeout as delay } from 'node:timers/promises';

const TICK_MS = 5;

/** Runs `during` (or just waits) for `ms`: CPU as % of one core, event-loop delays in ms. */
export async function measure(ms, during = () => delay(ms)) {
  const delays = [];
  let own = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const sampler = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const late = Math.max(0, now - last - TICK_MS);
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    delays.push(late);
    own = Math.max(own, Math.min(late, cpuMs));
    last = now;
    lastCpu = cpu;
  }, TICK_MS);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await during();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  delays.sort((a, b) => a - b);
  return {
    wallMs,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    eld: {
      mean: delays.reduce((s, x) => s + x, 0) / Math.max(1, delays.length),
      p99: delays[Math.floor(delays.length * 0.99)] ?? 0,
      max: delays[delays.length - 1] ?? 0,
      over20: delays.filter((d) => d > 20).length,
      ownMax: own,
    },
  };
}

/** Timing of `n` calls of a synchronous function: mean, p95 and max in ms. */
export function timeCalls(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / n;
  return { mean, p95: samples[Math.floor(n * 0.95)], max: samples[n - 1] };
}

/** Hands the figures to bench/run.mjs. `figures`: [{ label, value, unit, baseline?, target? }]. */
export function report(name, figures, notes = []) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ name, figures, notes })}\n`);
}

/** A duration in seconds from the environment (a quick run: BENCH_POLL_SECONDS=10), else `fallback`. */
export function seconds(name, fallback) {
  const v = Number(process.env[name] ?? '');
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
