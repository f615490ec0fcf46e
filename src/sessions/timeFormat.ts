// Times as recordings show them: UTC wall clock (postmortems align logs from several machines),
// elapsed time since the session started, and durations in the unit that reads best.

const p2 = (n: number) => String(n).padStart(2, '0');

/** `09:12:44` (UTC). */
export function utcClock(ts: number): string {
  const d = new Date(ts);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `2025-10-05 09:12:44Z`. */
export function utcDateTime(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 10)} ${utcClock(ts)}Z`;
}

/** `+1:02:03` / `+02:03`: time since the start of the session. */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `+${h}:${p2(m)}:${p2(s)}` : `+${p2(m)}:${p2(s)}`;
}

/** `450 ms`, `12.3 s`, `4m 05s`, `1h 02m`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${p2(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${p2(Math.floor((s % 3600) / 60))}m`;
}
