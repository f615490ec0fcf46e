// Where one command's output ends. After each command we send a marker line with a token nobody
// else prints, and wait until it comes back:
// - `line` style (any program, the Pegasus shell included): the bare token as the next command.
//   Pegasus answers `ERROR: invalid subcommand '<token>'` + its whole help on stdout (the help is
//   swallowed), `cat` echoes it, a shell says `<token>: not found` on stderr. Whichever stream
//   shows it ends the command; the other stream gets a short drain.
// - `sh` style (sh, bash, dash, zsh…): `echo <token>; echo <token> 1>&2`, a marker on each stream,
//   so both are delimited exactly.
import { nodeCrypto } from '../../util/lazyBuiltins.js';
import path from 'node:path';

export type SentinelStyle = 'line' | 'sh';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);

/** `sh` for POSIX shells (by the program's name), `line` for everything else. */
export function detectStyle(argv: readonly string[]): SentinelStyle {
  const program = path.basename(argv[0] ?? '');
  return SHELLS.has(program) ? 'sh' : 'line';
}

export class Sentinels {
  private readonly prefix = `__zkpilot_sync_${nodeCrypto().randomBytes(4).toString('hex')}_`;
  private n = 0;

  constructor(readonly style: SentinelStyle) {}

  next(): string {
    this.n += 1;
    return `${this.prefix}${this.n}__`;
  }

  /** What to write after the command line. */
  markerInput(token: string): string {
    return this.style === 'sh' ? `echo ${token}; echo ${token} 1>&2\n` : `${token}\n`;
  }

  /** Any of our tokens (also a stale one from a timed-out command). */
  isMarker(line: string): boolean {
    return line.includes(this.prefix);
  }

  /** The current command's marker. */
  matches(line: string, token: string): boolean {
    return line.includes(token);
  }
}

const PEGASUS_UNKNOWN = "ERROR: invalid subcommand '";

/**
 * What a marker line still carries of the command's own output: a command that printed
 * `foo` without a newline makes Pegasus's marker line `fooERROR: invalid subcommand '…'`.
 */
export function textBeforeMarker(line: string, token: string): string {
  const at = line.indexOf(token);
  const pegasus = line.lastIndexOf(PEGASUS_UNKNOWN, at);
  if (pegasus >= 0 && pegasus + PEGASUS_UNKNOWN.length === at) return line.slice(0, pegasus);
  return '';
}

/** Pegasus prints its whole help after an unknown command: this line starts that trailer. */
export function startsHelpTrailer(line: string): boolean {
  return line.includes(PEGASUS_UNKNOWN);
}

/** A line of Pegasus's help (`Usage:`, then tab-indented entries); `\texit` is the last entry. */
export function helpTrailerLine(line: string): 'more' | 'last' | 'not-help' {
  if (line === 'Usage:') return 'more';
  if (/^\texit\s*$/.test(line)) return 'last';
  return line.startsWith('\t') ? 'more' : 'not-help';
}
