// Where commands find the live ensemble model: `ctx.services.ensemble` (the composition root puts
// it there). Commands that can work without it (raw four-letter words on an address) do.
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';

declare module '../../shell/context.js' {
  interface ShellServices {
    ensemble?: EnsembleModel;
  }
}

export function ensembleModel(ctx: Pick<CommandContext, 'services'>): EnsembleModel | null {
  return ctx.services.ensemble ?? null;
}

export function requireEnsemble(ctx: Pick<CommandContext, 'services'>): EnsembleModel {
  const model = ensembleModel(ctx);
  if (!model) throw new CliError('ensemble: the live ensemble model is not running in this console');
  return model;
}

/** `--json` / `-j` among raw tokens (the shell's option parser takes one-letter options only). */
export function takeJsonFlag(tokens: readonly string[]): { json: boolean; rest: string[] } {
  const rest = tokens.filter((t) => t !== '--json' && t !== '-j');
  return { json: rest.length !== tokens.length, rest };
}
