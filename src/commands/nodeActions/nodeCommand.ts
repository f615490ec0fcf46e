// `node start|stop|restart|status|wipe ID [--force]`: a server's process, through the configured
// provider (sandbox methods, or a profile's templates), guarded like the checklists: a stop that
// would lose the quorum is refused, a restart that cannot boot again is refused, with one line why.
import { ensembleModel } from '../ensemble/service.js';
import { nodeActionGuard, type NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import { reportVerdict, takeForce } from '../../runbooks/guards/commandGuard.js';
import { runbookEngine } from '../runbook/service.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { NODE_ACTIONS_SERVICE, type NodeActionProvider } from './provider.js';

const ACTIONS: readonly NodeAction[] = ['start', 'stop', 'restart', 'status', 'wipe'];
const USAGE = 'node start|stop|restart|status|wipe ID [--force]';

function provider(ctx: CommandContext): NodeActionProvider {
  const p = ctx.services[NODE_ACTIONS_SERVICE] as NodeActionProvider | undefined;
  if (!p) throw new CliError('node: no node actions here (sandbox, or a profile with nodeActions: conf)');
  return p;
}

export async function runNodeAction(ctx: CommandContext, action: NodeAction, id: number, force: boolean): Promise<number> {
  const actions = provider(ctx);
  const engine = runbookEngine(ctx);
  const model = ensembleModel(ctx);
  const what = `node ${action} ${id}`;
  if (model && action !== 'status') {
    const snapshot = await model.refresh();
    const verdict = nodeActionGuard(snapshot, action, id);
    const reason = verdict.refuse ?? engine?.guardCommand({ kind: 'node', action, id }) ?? null;
    if (reason && reportVerdict(ctx, engine, ctx.bus, reason, force, what)) return 1;
    if (verdict.warn) {
      ctx.err(`warning: ${verdict.warn}`, 'warn');
      if (engine) engine.note('guard.warned', `${what}: ${verdict.warn}`, id);
    }
  }
  const description = actions.describe(action, id);
  if (!description) throw new CliError(`node: no ${action} action for server.${id} (${actions.name})`);
  if (action !== 'status' && !(await ctx.confirm(`${action} server.${id}: ${description}?`))) {
    ctx.err(`node ${action} ${id}: not confirmed, nothing done`, 'warn');
    return 1;
  }
  const code = await actions.run(action, id, { out: (t) => ctx.out(t), err: (t) => ctx.err(t), signal: ctx.signal });
  ctx.out(`[${description}] exit code ${code}`, code === 0 ? 'dim' : 'error');
  if (action !== 'status') {
    if (engine) engine.note('node.action', `${what} (${description}): exit ${code}`, id);
    else ctx.bus.emit({ type: 'runbook', runbook: '-', kind: 'node.action', text: `${what} (${description}): exit ${code}`, target: id });
    // The checklist judges the result from live state: poll now rather than in a second.
    void model?.refresh();
  }
  return code;
}

export const nodeCommand: CommandSpec = {
  name: 'node',
  usage: 'start|stop|restart|status|wipe ID [--force]',
  summary: 'start, stop, restart a server (guarded: refuses to lose the quorum), status, wipe version-2',
  rawArgs: true,
  args: ['word', 'server'],
  words: (i) => (i === 0 ? [...ACTIONS] : []),
  async run(ctx, parsed) {
    const { force, rest } = takeForce((parsed.tokens ?? parsed.args).slice(1));
    const [action, idText] = rest;
    if (!action || !ACTIONS.includes(action as NodeAction) || !idText || rest.length > 2) throw new UsageError(USAGE);
    const id = Number(idText.replace(/^server\./, ''));
    if (!Number.isInteger(id) || id < 0) throw new CliError(`node: not a server id: ${idText}`);
    return runNodeAction(ctx, action as NodeAction, id, force);
  },
};

export function nodeActionCommands(): CommandSpec[] {
  return [nodeCommand];
}
