// What P1 and P2 need beyond raw passthrough: recover_node_list derived from the ALIVE rows of
// a `nodes -d` snapshot (shown, then written only after the operator agrees), and the check that
// the meta is `blind` before a copy.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import { checkBlind, parseGetMetaLevel, type BlindCheck } from '../../pegasus/parse/metaLevel.js';
import { parseNodes } from '../../pegasus/parse/nodes.js';
import { recoverNodeList, seedGrepAlive } from '../../pegasus/recoverNodeList.js';
import type { PegasusSession } from './session.js';

/** Relative files live where the Pegasus shell runs (its cwd), as `-o` and `recover -f` see them. */
export function shellPath(session: PegasusSession, file: string): string {
  return path.resolve(session.configured?.cwd ?? process.cwd(), file);
}

/**
 * `pegasus recover-node-list [NODES_FILE] [OUT_FILE]`: from a `nodes -d -o` file, or from a live
 * `nodes -d` when no file is given; OUT_FILE defaults to recover_node_list.
 */
export async function writeRecoverNodeList(ctx: CommandContext, session: PegasusSession, nodesFile: string | undefined, outFile = 'recover_node_list'): Promise<number> {
  let text: string;
  let source: string;
  if (nodesFile !== undefined) {
    const file = shellPath(session, nodesFile);
    if (!existsSync(file)) throw new CliError(`pegasus: ${file}: no such file (take one with: pg nodes -d -o ${nodesFile})`);
    text = readFileSync(file, 'utf8');
    source = file;
  } else {
    const result = await session.run('nodes -d', { signal: ctx.signal });
    if (result.status !== 'ok') throw new CliError(`pegasus: nodes -d did not answer (${result.status})`);
    text = result.stdout.join('\n');
    source = 'nodes -d (live)';
  }
  const parsed = parseNodes(text);
  if (parsed.error !== null) throw new CliError(`pegasus: ${source}: nodes failed with ${parsed.error}`);
  if (parsed.nodes.length === 0) throw new CliError(`pegasus: ${source}: no [details] rows with an address and ALIVE/UNALIVE status`);
  const list = recoverNodeList(parsed.nodes);
  ctx.out(`recover_node_list from ${source}: ${list.alive.length} ALIVE node(s)`, 'info');
  for (const a of list.alive) ctx.out(`  ${a}`);
  if (list.excluded.length > 0) ctx.out(`left out (UNALIVE): ${list.excluded.join(', ')}`, 'warn');
  const grep = seedGrepAlive(text).filter((a) => /:\d+$/.test(a));
  if (grep.length !== list.alive.length) {
    ctx.out(`note: the seed's \`grep ALIVE | awk '{print $1}'\` would also list ${grep.filter((a) => !list.alive.includes(a)).join(', ')} (UNALIVE contains ALIVE)`, 'warn');
  }
  if (list.alive.length === 0) throw new CliError('pegasus: no ALIVE node: nothing to recover from');
  const target = shellPath(session, outFile);
  if (!(await ctx.confirm(`Write these ${list.alive.length} node(s) to ${target}?`))) throw new CancelledError('recover_node_list not written');
  writeFileSync(target, list.content);
  ctx.out(`wrote ${target}; next: pg recover -f ${outFile}`, 'ok');
  return 0;
}

/** `pegasus check-blind`: exit 0 only when get_meta_level says blind. */
export async function checkMetaBlind(signal: AbortSignal, session: PegasusSession): Promise<BlindCheck> {
  const result = await session.run('get_meta_level', { signal });
  if (result.status !== 'ok') return checkBlind(null, `get_meta_level: ${result.status}`);
  const reply = parseGetMetaLevel(result.stdout.join('\n'));
  return checkBlind(reply.level, reply.error);
}
