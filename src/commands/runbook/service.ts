// Where commands find the checklist engine: `ctx.services.runbooks` (installRunbooks puts it there).
import type { RunbookEngine } from '../../runbooks/engine.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';

declare module '../../shell/context.js' {
  interface ShellServices {
    runbooks?: RunbookEngine;
  }
}

export function runbookEngine(ctx: Pick<CommandContext, 'services'>): RunbookEngine | null {
  return ctx.services.runbooks ?? null;
}

export function requireEngine(ctx: Pick<CommandContext, 'services'>): RunbookEngine {
  const engine = runbookEngine(ctx);
  if (!engine) throw new CliError('runbook: checklists need the live ensemble model (not running in this console)');
  return engine;
}
