// zkCli's built-ins (ZooKeeperMain.processZKCmd, 3.8): history, redo, printwatches. They read raw
// tokens (no commons-cli), and zkCli checks the session only AFTER running them, so a closed
// shell prints their output and then `Not connected`.
import { CliError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { tokenize } from '../../shell/tokenizer.js';
import { notConnectedTrailer } from './common.js';
import { JavaNumberFormatError, decodeJavaInt } from './javaNumbers.js';

export const historyCommand: CommandSpec = {
  name: 'history',
  usage: '',
  summary: 'List the last 10 commands with their numbers (for redo)',
  zkcli: true,
  rawArgs: true,
  async run(ctx) {
    const count = ctx.commandId;
    const lines: string[] = [];
    for (let i = Math.max(0, count - 10); i <= count; i++) lines.push(`${i} - ${ctx.history.get(i) ?? 'null'}`);
    ctx.out(lines.join('\n'));
    notConnectedTrailer(ctx);
  },
};

export const printwatchesCommand: CommandSpec = {
  name: 'printwatches',
  usage: 'on|off',
  summary: 'Show or set whether watch events are printed',
  args: ['word'],
  words: () => ['on', 'off'],
  zkcli: true,
  rawArgs: true,
  async run(ctx, parsed) {
    if (parsed.args.length === 1) ctx.out(`printwatches is ${ctx.settings.printWatches ? 'on' : 'off'}`);
    else ctx.settings.printWatches = parsed.args[1] === 'on';
    notConnectedTrailer(ctx);
  },
};

function redoIndex(text: string): number {
  try {
    return decodeJavaInt(text);
  } catch (e) {
    // zkCli lets this NumberFormatException kill the JVM; we print its line and go on.
    if (e instanceof JavaNumberFormatError) throw new CliError(e.javaText);
    throw e;
  }
}

/**
 * redo cmdno: runs history line N again and takes it as this command's history entry. As in
 * zkCli, the redo itself exits 0 even when the command it ran failed (its error is printed).
 * History keeps lines redacted, so an `addauth` cannot be redone: its credential is gone.
 */
export const redoCommand: CommandSpec = {
  name: 'redo',
  usage: 'cmdno',
  summary: 'Run history command number N again',
  args: ['number'],
  zkcli: true,
  rawArgs: true,
  async run(ctx, parsed) {
    if (parsed.args.length >= 2) {
      const index = redoIndex(parsed.args[1]!);
      if (ctx.commandId <= index || index < 0) throw new CliError('Command index out of range');
      const line = ctx.history.get(index) ?? '';
      const command = tokenize(line)[0];
      if (command === 'redo') throw new CliError('No redoing redos');
      if (command === 'addauth') throw new CliError('redo: an addauth credential is not kept in history; type the addauth again');
      ctx.history.put(ctx.commandId, line);
      await ctx.execute(line);
    }
    notConnectedTrailer(ctx);
    return 0;
  },
};
