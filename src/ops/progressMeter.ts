// Rate and ETA for a long bulk operation. The rate is measured over the last few seconds (a copy
// speeds up and slows down with the tree's shape), the ETA from that rate and the total, when
// the total is known. Snapshots are throttled: a 100k-node copy must not emit 100k events.
import type { ProgressInfo } from '../shell/appEvents.js';

// The snapshot is the bus event's payload (what the progress line and exec mode's stderr show).
export type ProgressSnapshot = ProgressInfo;
export type ProgressState = ProgressInfo['state'];

export interface ProgressMeterOptions {
  label: string;
  unit?: string;
  /** Minimum time between two running snapshots (default 200 ms). */
  intervalMs?: number;
  /** Width of the rate window (default 5 s). */
  rateWindowMs?: number;
  now?: () => number;
  emit: (snapshot: ProgressSnapshot) => void;
}

export class ProgressMeter {
  private done = 0;
  private total: number | null = null;
  private estimator: (() => number) | null = null;
  private readonly started: number;
  private lastEmit = -Infinity;
  private readonly samples: { t: number; done: number }[] = [];
  private ended = false;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressMeterOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.started = this.now();
    this.samples.push({ t: this.started, done: 0 });
  }

  get count(): number {
    return this.done;
  }

  add(n = 1): void {
    this.done += n;
    this.maybeEmit();
  }

  setTotal(total: number | null): void {
    this.total = total;
    this.maybeEmit(true);
  }

  /** A total estimated as the work goes (read at each snapshot); an exact setTotal wins. */
  setEstimator(estimate: (() => number) | null): void {
    this.estimator = estimate;
  }

  /** The final snapshot (always emitted). */
  end(state: Exclude<ProgressState, 'running'>): ProgressSnapshot {
    this.ended = true;
    const snap = this.snapshot(state);
    this.opts.emit(snap);
    return snap;
  }

  snapshot(state: ProgressState = 'running'): ProgressSnapshot {
    const t = this.now();
    const elapsedMs = t - this.started;
    const ratePerSec = state === 'running' ? this.recentRate(t) : elapsedMs > 0 ? (this.done * 1000) / elapsedMs : 0;
    const estimated = this.total === null && this.estimator !== null && state === 'running';
    // Never below what is already done; once done, what was done is the total.
    const total = this.total ?? (this.estimator === null ? null : state === 'running' ? Math.max(this.done, this.estimator()) : this.done);
    const remaining = total === null ? null : Math.max(0, total - this.done);
    const etaMs = remaining === null || state !== 'running' ? (state === 'done' ? 0 : null) : ratePerSec > 0 ? (remaining / ratePerSec) * 1000 : null;
    const snap: ProgressSnapshot = { label: this.opts.label, done: this.done, total, unit: this.opts.unit ?? 'nodes', ratePerSec, etaMs, elapsedMs, state };
    return estimated ? { ...snap, estimated } : snap;
  }

  private recentRate(t: number): number {
    const windowMs = this.opts.rateWindowMs ?? 5000;
    this.samples.push({ t, done: this.done });
    while (this.samples.length > 2 && t - this.samples[1]!.t > windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const span = t - first.t;
    return span > 0 ? ((this.done - first.done) * 1000) / span : 0;
  }

  private maybeEmit(force = false): void {
    if (this.ended) return;
    const t = this.now();
    if (!force && t - this.lastEmit < (this.opts.intervalMs ?? 200)) return;
    this.lastEmit = t;
    this.opts.emit(this.snapshot('running'));
  }
}

/** `12,345/100,000 nodes  4,210/s  ETA 0:21` — the text both the TUI line and stderr show. */
export function formatProgress(p: ProgressSnapshot, barWidth = 20): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const parts: string[] = [p.label];
  if (p.total !== null && p.total > 0) {
    const ratio = Math.min(1, p.done / p.total);
    const filled = Math.round(ratio * barWidth);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${Math.floor(ratio * 100)}%`);
    parts.push(`${n(p.done)}/${p.estimated ? '~' : ''}${n(p.total)} ${p.unit}`);
  } else {
    parts.push(`${n(p.done)} ${p.unit}${p.state === 'running' ? ' (counting…)' : ''}`);
  }
  parts.push(`${n(p.ratePerSec)}/s`);
  if (p.state === 'running') {
    if (p.etaMs !== null) parts.push(`ETA ${duration(p.etaMs)}`);
  } else {
    parts.push(`${p.state} in ${duration(p.elapsedMs)}`);
  }
  return parts.join('  ');
}

/** 75000 → `1:15`; 3725000 → `1:02:05`. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
