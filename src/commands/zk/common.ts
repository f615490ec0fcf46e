// Helpers every zkCli command module shares: usage errors, zkCli's deprecated positional forms,
// Java-style list text, and the "Not connected" line zkCli appends after its built-ins.
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import { parseOptions, type OptionSpec, type ParsedArgs } from '../../shell/options.js';
import { CommandRegistry, type CommandSpec } from '../../shell/registry.js';
import { JavaNumberFormatError, parseJavaInt } from './javaNumbers.js';

/** Throws zkCli's usage line for `spec` (`ls [-s] [-w] [-R] path`). */
export function usageError(spec: Pick<CommandSpec, 'name' | 'usage'>): UsageError {
  return new UsageError(CommandRegistry.usageLine(spec as CommandSpec));
}

/** `cl.getArgs().length < n` → usage, as every zkCli command checks in parse(). */
export function requireArgs(spec: Pick<CommandSpec, 'name' | 'usage'>, parsed: ParsedArgs, n: number): void {
  if (parsed.args.length < n) throw usageError(spec);
}

/**
 * zkCli's `retainCompatibility`: with more than one positional argument (`ls /a watch`), it
 * prints a deprecation line, overwrites the THIRD RAW TOKEN with `-w` (or leaves the tokens as
 * they are, for `delete`) and parses again. The rewrite targets the raw token index, not the
 * positional one, so `ls -s /a watch` ends up listing path `watch`; we keep that quirk.
 */
export function retainCompatibility(
  ctx: CommandContext,
  parsed: ParsedArgs,
  options: readonly OptionSpec[],
  deprecation: string,
  rewriteToWatch: boolean,
): ParsedArgs {
  if (parsed.args.length <= 2) return parsed;
  ctx.err(deprecation, 'warn');
  const tokens = [...(parsed.tokens ?? parsed.args)];
  if (rewriteToWatch && tokens.length > 2) tokens[2] = '-w';
  return parseOptions(tokens, options);
}

/** java.util.List#toString: `[a, b]`. */
export function javaList(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/**
 * zkCli parses `-v` with Integer.parseInt and does not catch the exception: the JVM dies with
 * a stack trace. We print the exception's one line and carry on (exit 1).
 */
export function uncaughtJavaInt(text: string): number {
  try {
    return parseJavaInt(text);
  } catch (e) {
    if (e instanceof JavaNumberFormatError) throw new CliError(e.javaText);
    throw e;
  }
}

/** The optional `-v version` of set/delete/setAcl: -1 (any version) when absent. */
export function versionOption(parsed: ParsedArgs, flag = 'v'): number {
  const text = parsed.values.get(flag);
  return text === undefined ? -1 : uncaughtJavaInt(text);
}

/**
 * zkCli runs its built-ins (history, printwatches, redo) and THEN checks the session, printing
 * `Not connected` on stdout when it is closed. Called at the end of those built-ins.
 */
export function notConnectedTrailer(ctx: CommandContext): void {
  const client = ctx.conn.client;
  if (!client || client.state === 'CLOSED' || client.state === 'AUTH_FAILED') ctx.out('Not connected');
}

/** Data as zkCli prints it: `new String(data, UTF_8)`, and `null` for a znode without data. */
export function dataText(data: Buffer | null): string {
  return data === null ? 'null' : data.toString('utf8');
}
