// GNU-style options for zkpilot's own commands (`copy --dry-run SRC DST`). zkCli's parser
// (commons-cli) knows one-letter options only, so these commands take their tokens raw.
import { UsageError } from '../../shell/errors.js';

export interface LongOption {
  long: string; // without the dashes: `dry-run`
  short?: string; // one letter: `n`
  /** Name of the value, when the option takes one (`--window N`). */
  value?: string;
  description: string;
}

export interface LongParsed {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** `tokens` without the command name. Unknown options and missing values are usage errors. */
export function parseLongOptions(tokens: readonly string[], specs: readonly LongOption[], usage: string): LongParsed {
  const out: LongParsed = { positionals: [], flags: new Set(), values: new Map() };
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  let rest = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (rest || !token.startsWith('-') || token === '-') {
      out.positionals.push(token);
      continue;
    }
    if (token === '--') {
      rest = true;
      continue;
    }
    let spec: LongOption | undefined;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      if (eq >= 0) inline = token.slice(eq + 1);
      spec = byLong.get(name);
    } else if (token.length === 2) {
      spec = byShort.get(token[1]!);
    }
    if (spec === undefined) throw new UsageError(`${usage}\nunknown option ${token}`);
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`${usage}\noption --${spec.long} takes no value`);
      out.flags.add(spec.long);
      continue;
    }
    const value = inline ?? tokens[++i];
    if (value === undefined) throw new UsageError(`${usage}\noption --${spec.long} needs ${spec.value}`);
    out.values.set(spec.long, value);
  }
  return out;
}

/** `--window N`: a whole number in [min, max]. */
export function intOption(parsed: LongParsed, long: string, fallback: number, min: number, max: number, usage: string): number {
  const text = parsed.values.get(long);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${usage}\n--${long} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The usage tail listing each option, for the command's usage line. */
export function optionsUsage(specs: readonly LongOption[]): string {
  return specs.map((s) => `[${s.short ? `-${s.short}|` : ''}--${s.long}${s.value ? ` ${s.value}` : ''}]`).join(' ');
}
