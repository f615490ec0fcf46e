// Option parsing as zkCli's commands do it: Apache commons-cli DefaultParser over the whole
// token list (command name included), so options may follow arguments (`deleteall /a -b 10`)
// and flags may be bundled (`ls -sR /`). Parse failures carry commons-cli's exception text,
// which zkCli prints verbatim (`org.apache.commons.cli.UnrecognizedOptionException: ...`).

export interface OptionSpec {
  flag: string; // one letter, case-sensitive
  arg?: string; // name of the value when the option takes one (`version`)
  description: string;
}

export interface ParsedArgs {
  /** Non-option tokens, the command name first (as zkCli's `cl.getArgs()`). */
  args: string[];
  flags: Set<string>;
  values: Map<string, string>;
  /** The raw tokens, command name first: zkCli's deprecated forms rewrite them and parse again. */
  tokens?: readonly string[];
}

export class OptionParseError extends Error {
  constructor(
    readonly javaClass: 'UnrecognizedOptionException' | 'MissingArgumentException',
    detail: string,
  ) {
    super(`org.apache.commons.cli.${javaClass}: ${detail}`);
    this.name = 'OptionParseError';
  }
}

const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export function parseOptions(tokens: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byFlag = new Map(specs.map((s) => [s.flag, s]));
  const result: ParsedArgs = { args: [], flags: new Set(), values: new Map(), tokens: [...tokens] };
  let pending: OptionSpec | null = null; // an option still waiting for its value
  let rest = false;

  const unknown = (token: string): void => {
    if (token.startsWith('-') && token.length > 1) {
      throw new OptionParseError('UnrecognizedOptionException', `Unrecognized option: ${token}`);
    }
    result.args.push(token);
  };
  const take = (spec: OptionSpec): void => {
    result.flags.add(spec.flag);
    pending = spec.arg ? spec : null;
  };

  for (const token of tokens) {
    if (rest) {
      result.args.push(token);
      continue;
    }
    const isOptionLike = token.startsWith('-') && token.length > 1 && byFlag.has(token.slice(1, 2));
    if (pending !== null && (!isOptionLike || NEGATIVE_NUMBER.test(token))) {
      result.values.set((pending as OptionSpec).flag, token);
      pending = null;
      continue;
    }
    if (pending !== null) {
      throw new OptionParseError('MissingArgumentException', `Missing argument for option: ${(pending as OptionSpec).flag}`);
    }
    if (token === '--') {
      rest = true;
    } else if (token.startsWith('--')) {
      unknown(token);
    } else if (token.startsWith('-') && token !== '-') {
      const name = token.slice(1);
      const whole = byFlag.get(name);
      if (whole) {
        take(whole);
        continue;
      }
      if (name.length === 1) {
        unknown(token);
        continue;
      }
      // Bundled flags (`-sR`), or an option glued to its value (`-v3`).
      for (let i = 0; i < name.length; i++) {
        const spec = byFlag.get(name[i]!);
        if (!spec) {
          unknown(token);
          break;
        }
        take(spec);
        if (spec.arg && i + 1 < name.length) {
          result.values.set(spec.flag, name.slice(i + 1));
          pending = null;
          break;
        }
      }
    } else {
      result.args.push(token);
    }
  }
  if (pending !== null) {
    throw new OptionParseError('MissingArgumentException', `Missing argument for option: ${(pending as OptionSpec).flag}`);
  }
  return result;
}
