// How the Pegasus shell reads a command line: sdssplitargs (redis quoting) splits it, and each
// command parses its options with GNU getopt_long, whose complaints go to stderr as
// `<cmd>: invalid option -- 'x'` before the command prints its USAGE line.

/** sdssplitargs: null for unbalanced quotes or a closing quote not followed by a space. */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  while (true) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return out;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = line[i];
      if (inDouble) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && line[i + 1] !== undefined) {
          const e = line[++i]!;
          current += ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[e] ?? e;
        } else if (c === '"') {
          if (line[i + 1] !== undefined && !isSpace(line[i + 1])) return null;
          done = true;
        } else current += c;
      } else if (inSingle) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === "'") {
          current += "'";
          i++;
        } else if (c === "'") {
          if (line[i + 1] !== undefined && !isSpace(line[i + 1])) return null;
          done = true;
        } else current += c;
      } else if (c === undefined || isSpace(c)) {
        done = true;
      } else if (c === '"') inDouble = true;
      else if (c === "'") inSingle = true;
      else current += c;
      if (i < n) i++;
    }
    out.push(current);
  }
}

export interface OptSpec {
  /** getopt's short letter. */
  short: string;
  long?: string;
  /** Takes a value (`o:`). */
  arg?: boolean;
}

export interface Parsed {
  opts: Map<string, string | true>;
  positionals: string[];
}

/**
 * GNU getopt_long with argv permutation (options may follow positionals, `--` ends them).
 * Returns null after printing getopt's message to `err`, as the command then returns false.
 */
export function getoptLong(argv: readonly string[], specs: readonly OptSpec[], err: (line: string) => void): Parsed | null {
  const cmd = argv[0] ?? '';
  const opts = new Map<string, string | true>();
  const positionals: string[] = [];
  const byShort = new Map(specs.map((s) => [s.short, s]));
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const matches = specs.filter((s) => s.long !== undefined && s.long.startsWith(name));
      const spec = matches.find((s) => s.long === name) ?? (matches.length === 1 ? matches[0] : undefined);
      if (spec === undefined) {
        err(matches.length > 1 ? `${cmd}: option '--${name}' is ambiguous` : `${cmd}: unrecognized option '--${name}'`);
        return null;
      }
      if (spec.arg) {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) {
          err(`${cmd}: option '--${spec.long}' requires an argument`);
          return null;
        }
        opts.set(spec.short, value);
      } else {
        if (eq >= 0) {
          err(`${cmd}: option '--${spec.long}' doesn't allow an argument`);
          return null;
        }
        opts.set(spec.short, true);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const spec = byShort.get(a[k]!);
        if (spec === undefined) {
          err(`${cmd}: invalid option -- '${a[k]}'`);
          return null;
        }
        if (!spec.arg) {
          opts.set(spec.short, true);
          continue;
        }
        const value = k + 1 < a.length ? a.slice(k + 1) : argv[++i];
        if (value === undefined) {
          err(`${cmd}: option requires an argument -- '${spec.short}'`);
          return null;
        }
        opts.set(spec.short, value);
        break;
      }
      continue;
    }
    positionals.push(a);
  }
  return { opts, positionals };
}
