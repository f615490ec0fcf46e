// `node start|stop|restart|status|wipe ID [--force]`, `node config ID MEMBER… [--force]` and
// `node upgrade ID VERSION [--force]` (a restart on another ZooKeeper build, same data): a
// server's process and, with static membership, its zoo.cfg and data dir, through the configured
// provider (sandbox methods, or a profile's templates), guarded like the checklists: a stop that
// would lose the quorum is refused, a restart that cannot boot again is refused, with one line why.
import { ensembleModel } from '../ensemble/service.js';
import { nodeActionGuard, type NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import { reportVerdict, takeForce } from '../../runbooks/guards/commandGuard.js';
import { runbookEngine } from '../runbook/service.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import type { NodeActionProvider } from './provider.js';
import { resolveMembers, type MemberLine } from './members.js';
import { parseServerLine } from '../../zk/dynamicConfig.js';

const ACTIONS: readonly NodeAction[] = ['start', 'stop', 'restart', 'status', 'wipe', 'config', 'upgrade'];
const USAGE = 'node start|stop|restart|status|wipe ID [--force] | node config ID MEMBER... [--force] | node upgrade ID VERSION [--force]';
/** 3.9.3, 3.8.4-1: what an operator's package manager could be asked for. */
const VERSION = /^\d+\.\d+(\.\d+)?([-+~.][A-Za-z0-9.+~-]*)?$/;

function provider(ctx: CommandContext): NodeActionProvider {
  const p: NodeActionProvider | undefined = ctx.services.nodeActions;
  if (!p) throw new CliError('node: no node actions here (sandbox, or a profile with nodeActions: conf)');
  return p;
}

export async function runNodeAction(ctx: CommandContext, action: NodeAction, id: number, force: boolean, memberTokens: readonly string[] = [], version?: string): Promise<number> {
  const actions = provider(ctx);
  const engine = runbookEngine(ctx);
  const model = ensembleModel(ctx);
  const what = `node ${action} ${id}${version ? ` ${version}` : ''}`;
  const snapshot = model && action !== 'status' ? await model.refresh() : null;
  let members: MemberLine[] = [];
  if (action === 'config') {
    members = resolveMembers(memberTokens, { snapshot, provider: actions });
  }
  if (snapshot) {
    const ids = members.map((m) => m.id);
    const verdict = nodeActionGuard(snapshot, action, id, ids);
    // To a running checklist an upgrade is a restart of that server.
    const reason = verdict.refuse ?? engine?.guardCommand({ kind: 'node', action: action === 'upgrade' ? 'restart' : action, id, ...(action === 'config' ? { members: ids } : {}), ...(version ? { version } : {}) }) ?? null;
    if (reason && reportVerdict(ctx, engine, ctx.bus, reason, force, what)) return 1;
    if (verdict.warn) {
      ctx.err(`warning: ${verdict.warn}`, 'warn');
      if (engine) engine.note('guard.warned', `${what}: ${verdict.warn}`, id);
    }
  }
  const args = { members: members.map((m) => m.line), ...(version ? { version } : {}) };
  const description = actions.describe(action, id, args);
  if (!description) {
    const why = actions.missing?.(action, id);
    const manual = action === 'config' ? `; write these lines in the zoo.cfg server.${id} starts with, by hand: ${args.members.join(' ')}` : '';
    throw new CliError(`node: no ${action} action for server.${id} (${why ?? actions.name})${manual}`);
  }
  if (action !== 'status' && !(await ctx.confirm(`${action} server.${id}: ${description}?`))) {
    ctx.err(`node ${action} ${id}: not confirmed, nothing done`, 'warn');
    return 1;
  }
  const code = await actions.run(action, id, { out: (t) => ctx.out(t), err: (t) => ctx.err(t), signal: ctx.signal }, args);
  ctx.out(`[${description}] exit code ${code}`, code === 0 ? 'dim' : 'error');
  if (action !== 'status') {
    if (engine) engine.note('node.action', `${what} (${description}): exit ${code}`, id);
    else ctx.bus.emit({ type: 'runbook', runbook: '-', kind: 'node.action', text: `${what} (${description}): exit ${code}`, target: id });
    if (code === 0 && engine) confirmManualStep(ctx, action, id, args.members);
    // Where `conf` lists no membership (3.4) the model learns a server's list from what was written.
    if (code === 0 && action === 'config') model?.noteMemberLines(id, args.members.map((l) => parseServerLine(l)));
    // The checklist judges the result from live state: poll now rather than in a second.
    void model?.refresh();
  }
  return code;
}

/**
 * A manual step (one the model cannot verify: a zoo.cfg written, a data dir cleaned) whose
 * suggested command is this very node action is done once that action succeeded.
 */
function confirmManualStep(ctx: CommandContext, action: NodeAction, id: number, lines: readonly string[]): void {
  const engine = runbookEngine(ctx);
  const view = engine?.current;
  if (!engine || !view?.manual || view.guard) return;
  const [word, suggestedAction, suggestedId, ...suggestedLines] = (view.commands[0] ?? '').split(/\s+/);
  if (word !== 'node' || suggestedAction !== action || Number(suggestedId) !== id) return;
  // Another membership than the step asked for is the operator's own choice: not this step.
  if (action === 'config' && [...suggestedLines].sort().join(' ') !== [...lines].sort().join(' ')) return;
  try {
    engine.done();
    ctx.out(`step ${view.index + 1} done: node ${action} ${id} carried it out`, 'dim');
  } catch {
    // A wait still running: the operator confirms with `step done` later.
  }
}

export const nodeCommand: CommandSpec = {
  name: 'node',
  usage: 'start|stop|restart|status|wipe ID [--force] | config ID MEMBER... [--force] | upgrade ID VERSION [--force]',
  summary: 'start, stop, restart a server (guarded: refuses to lose the quorum), status, wipe its data, write its zoo.cfg membership, restart it on another ZooKeeper version',
  rawArgs: true,
  args: ['word', 'server'],
  words: (i) => (i === 0 ? [...ACTIONS] : []),
  async run(ctx, parsed) {
    const { force, rest } = takeForce((parsed.tokens ?? parsed.args).slice(1));
    const [action, idText, ...more] = rest;
    if (!action || !ACTIONS.includes(action as NodeAction) || !idText) throw new UsageError(USAGE);
    const wanted = action === 'config' ? more.length > 0 : action === 'upgrade' ? more.length === 1 : more.length === 0;
    if (!wanted) throw new UsageError(USAGE);
    const id = Number(idText.replace(/^server\./, ''));
    if (!Number.isInteger(id) || id < 0) throw new CliError(`node: not a server id: ${idText}`);
    if (action === 'upgrade') {
      if (!VERSION.test(more[0]!)) throw new CliError(`node upgrade: not a ZooKeeper version: ${more[0]}`);
      return runNodeAction(ctx, 'upgrade', id, force, [], more[0]);
    }
    return runNodeAction(ctx, action as NodeAction, id, force, more);
  },
};

export function nodeActionCommands(): CommandSpec[] {
  return [nodeCommand];
}
