// Where commands find the checklist engine: `ctx.services.runbooks` (installRunbooks puts it there).
import { RunbookEngine } from '../../runbooks/engine.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';

export const RUNBOOK_SERVICE = 'runbooks';

export function runbookEngine(ctx: Pick<CommandContext, 'services'>): RunbookEngine | null {
  const engine = ctx.services[RUNBOOK_SERVICE];
  return engine instanceof RunbookEngine ? engine : null;
}

export function requireEngine(ctx: Pick<CommandContext, 'services'>): RunbookEngine {
  const engine = runbookEngine(ctx);
  if (!engine) throw new CliError('runbook: checklists need the live ensemble model (not running in this console)');
  return engine;
}
