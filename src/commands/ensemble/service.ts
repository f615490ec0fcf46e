// Where commands find the live ensemble model: `ctx.services.ensemble` (attachEnsemble puts it
// there). Commands that can work without it (raw four-letter words on an address) do.
import { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';

export const ENSEMBLE_SERVICE = 'ensemble';

export function ensembleModel(ctx: Pick<CommandContext, 'services'>): EnsembleModel | null {
  const model = ctx.services[ENSEMBLE_SERVICE];
  return model instanceof EnsembleModel ? model : null;
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
