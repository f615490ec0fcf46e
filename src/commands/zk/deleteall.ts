// deleteall path [-b batch size] (DeleteAllCommand / ZKUtil.deleteRecursive, 3.8), and the
// old `rmr` name. zkCli lists the subtree breadth-first and deletes it leaves-first in `multi`
// batches of -b ops; here the subtree is streamed instead of listed: counted, confirmed with the
// exact number, deleted leaves-first in multis of up to -b ops, with a progress bar and Ctrl-C.
import { deleteSubtree } from '../ops/deleteSubtree.js';
import { CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { requireArgs } from './common.js';
import { JavaNumberFormatError, parseJavaInt } from './javaNumbers.js';
import { checkPath } from './zkPath.js';

const OPTIONS: OptionSpec[] = [{ flag: 'b', arg: 'batch size', description: 'batch size' }];

function batchSize(text: string | undefined): number {
  try {
    return text === undefined ? 1000 : parseJavaInt(text);
  } catch (e) {
    if (e instanceof JavaNumberFormatError) throw new CliError('-b argument must be an int value');
    throw e;
  }
}

export const deleteallCommand: CommandSpec = {
  name: 'deleteall',
  aliases: ['rmr'],
  usage: 'path [-b batch size]',
  summary: 'Delete a znode and its whole subtree (asks first)',
  options: OPTIONS,
  args: ['path'],
  zkcli: true,
  destructive: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(deleteallCommand, parsed, 2);
    if (parsed.args[0] === 'rmr') ctx.err("The command 'rmr' has been deprecated. Please use 'deleteall' instead.", 'warn');
    const client = ctx.conn.require();
    // zkCli takes -b 0 or less as one multi for everything; bytes still bound each batch here.
    const asked = batchSize(parsed.values.get('b'));
    const batchOps = asked > 0 ? asked : Number.MAX_SAFE_INTEGER;
    const root = checkPath(parsed.args[1]!);
    // Streamed: counted, confirmed with the exact number, deleted with progress (a big tree is
    // never listed in memory first, as zkCli does).
    await deleteSubtree(ctx, client, root, { what: parsed.args[0] === 'rmr' ? 'rmr' : 'deleteall', batchOps });
  },
};
