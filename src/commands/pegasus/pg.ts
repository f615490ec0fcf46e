// `pg CMD…` runs one command in the Pegasus shell (in Pegasus mode every typed line becomes one);
// `pg` alone toggles Pegasus mode. Output streams into the scrollback as it comes, stdout and
// stderr kept apart; copy_data's once-a-second line drives the progress bar.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { parseCopyDataProgressLine } from '../../pegasus/parse/copyData.js';
import { looksFailed, stderrTone, type PegasusRun, type PegasusSession } from './session.js';

/**
 * Back to one command line for the Pegasus shell's sdssplitargs: the console's tokenizer took
 * the quotes off, so tokens with spaces, quotes or backslashes are quoted again.
 */
export function toPegasusLine(tokens: readonly string[]): string {
  return tokens.map((t) => (t === '' || /[\s"'\\]/.test(t) ? `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : t)).join(' ');
}

/** Runs `line` in the Pegasus shell as part of the current command (also for runbook steps). */
export async function runPegasusLine(ctx: CommandContext, session: PegasusSession, line: string): Promise<PegasusRun> {
  const result = await session.run(line, {
    signal: ctx.signal,
    onLine: (l) => {
      if (l.stream === 'stdout') ctx.out(l.text);
      else ctx.err(l.text, stderrTone(l.text));
      const p = l.stream === 'stderr' ? parseCopyDataProgressLine(l.text) : null;
      if (p) {
        ctx.bus.emit({
          type: 'progress',
          commandId: ctx.commandId,
          progress: { label: `copy_data (${p.splitsDone}/${p.splitsTotal} splits)`, done: p.totalRows, total: null, unit: 'rows', ratePerSec: p.lastSecondRows, etaMs: null, elapsedMs: p.seconds * 1000, state: 'running' },
        });
      }
    },
  });
  return result;
}

/** The exit code of a `pg` command, with a line about anything that is not plain output. */
export function reportRun(ctx: CommandContext, result: PegasusRun): number {
  switch (result.status) {
    case 'ok':
      return looksFailed(result.lines) ? 1 : 0;
    case 'timeout':
      throw new CliError(`pegasus: no answer to "${result.line}" within the timeout; the Pegasus shell is being restarted (pegasus timeout SECONDS changes the limit)`);
    case 'cancelled':
      throw new CancelledError(`pegasus: "${result.line}" cancelled; the Pegasus shell is being restarted`);
    case 'exited':
      throw new CliError(`pegasus: the Pegasus shell exited during "${result.line}" (exit code ${result.exitCode ?? '?'})`);
    case 'not-started':
      throw new CliError(`pegasus: cannot start the Pegasus shell: ${result.error ?? 'unknown error'}`);
  }
}

export function pgCommand(session: PegasusSession): CommandSpec {
  return {
    name: 'pg',
    usage: '[pegasus shell command...]',
    summary: 'Run one command in the Pegasus shell; alone, toggle Pegasus mode (>>> prompt)',
    args: ['word'],
    rawArgs: true,
    async run(ctx, parsed) {
      const words = parsed.args.slice(1);
      if (words.length === 0) return toggleMode(ctx, session);
      if (words.length === 1 && (words[0] === 'exit' || words[0] === 'quit')) {
        throw new CliError('pegasus: `pegasus stop` stops the Pegasus shell; `pegasus off` (or `pg`) leaves Pegasus mode');
      }
      return reportRun(ctx, await runPegasusLine(ctx, session, toPegasusLine(words)));
    },
  };
}

export function toggleMode(ctx: CommandContext, session: PegasusSession, on = !session.mode): number {
  session.mode = on;
  ctx.out(on ? 'pegasus: Pegasus mode on — lines go to the Pegasus shell; `pg` or `exit` leaves it' : 'pegasus: Pegasus mode off', 'info');
  return 0;
}
