// What every stand-in command runs against: the meta view, the two output streams (raw text,
// as the C++ shell writes it) and the shell's own settings (`use`, `timeout`, `escape_all`).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MetaError, type MetaView } from './meta.js';

export interface ShellCtx {
  meta: MetaView;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  currentApp: string | null;
  timeoutMs: number;
  escapeAll: boolean;
  /** Seconds copy_data pretends to run (one progress line per second). */
  copySeconds: number;
}

/** Returns false to make the shell print the command's USAGE line (bad invocation). */
export type Executor = (ctx: ShellCtx, argv: string[]) => Promise<boolean>;

/** `-o FILE`: the whole printout goes to the file (truncated), nothing to stdout. */
export function emit(ctx: ShellCtx, file: string | undefined, text: string): void {
  if (file === undefined) ctx.out(text);
  else writeFileSync(path.resolve(ctx.cwd, file), text);
}

/** Runs `body`; a meta error becomes the command's `<what> failed, error=ERR_…` line on stdout. */
export async function metaCall(ctx: ShellCtx, failure: (code: string) => string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (!(e instanceof MetaError)) throw e;
    ctx.out(`${failure(e.code)}\n`);
  }
}

/** dsn::utils::time_ms_to_date_time with '_' at [10]: local `YYYY-MM-DD_hh:mm:ss`. */
export function dateTime(seconds: number, sep = '_'): string {
  const d = new Date(seconds * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}${sep}${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
