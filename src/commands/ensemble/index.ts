// zkpilot's ensemble commands (not zkCli's): raw four-letter words, the live table, its events.
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { CommandSpec } from '../../shell/registry.js';
import { ensembleCommand, eventsCommand } from './ensembleCommand.js';
import { confCommand, fourLetterCommand, mntrCommand, ruokCommand, srvrCommand } from './fourLetterCommands.js';

/**
 * The command specs. `model` (optional) feeds Tab completion of server ids and addresses; the
 * commands themselves find the model in `ctx.services.ensemble`.
 */
export function ensembleCommands(model?: () => EnsembleModel | null): CommandSpec[] {
  const serverWords = (): string[] => {
    const nodes = model?.()?.getSnapshot().nodes ?? [];
    return [...nodes.flatMap((n) => (n.id !== null ? [String(n.id)] : [])), ...nodes.map((n) => n.key)];
  };
  const withServers = (spec: CommandSpec, serverArg: number): CommandSpec => {
    const own = spec.words;
    return { ...spec, words: (i, before) => (i === serverArg ? serverWords() : (own?.(i, before) ?? [])) };
  };
  return [
    withServers(srvrCommand, 0),
    withServers(mntrCommand, 0),
    withServers(confCommand, 0),
    withServers(ruokCommand, 0),
    withServers(fourLetterCommand, 1),
    ensembleCommand,
    eventsCommand,
  ];
}

export { ensembleTable, eventLine } from './ensembleCommand.js';
export { runFourLetter } from './fourLetterCommands.js';
export { ensembleModel, requireEnsemble } from './service.js';
