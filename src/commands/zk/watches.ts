// addWatch and removewatches (3.8): registered so zkCli's usage text stays whole and their
// argument errors read as zkCli's, but the native client has neither persistent watches nor
// watch removal, so after the checks they say so and fail.
import { CliError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { usageError } from './common.js';
import { checkPath } from './zkPath.js';

const MODES = ['PERSISTENT', 'PERSISTENT_RECURSIVE'];

export const addWatchCommand: CommandSpec = {
  name: 'addWatch',
  usage: `[-m mode] path # optional mode is one of [${MODES.join(', ')}] - default is PERSISTENT_RECURSIVE`,
  summary: 'Add a persistent watch (not available with this client)',
  options: [{ flag: 'm', arg: 'mode', description: '' }],
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(_ctx, parsed) {
    if (parsed.args.length !== 2) throw usageError(addWatchCommand);
    const mode = parsed.values.get('m');
    if (mode !== undefined && !MODES.includes(mode.toUpperCase())) throw usageError(addWatchCommand);
    checkPath(parsed.args[1]!);
    throw new CliError('addWatch: not available in zkpilot: its ZooKeeper client has no persistent watches (use get -w, ls -w or stat -w)');
  },
};

export const removewatchesCommand: CommandSpec = {
  name: 'removewatches',
  usage: 'path [-c|-d|-a] [-l]',
  summary: 'Remove watches (not available with this client)',
  options: [
    { flag: 'c', description: 'child watcher type' },
    { flag: 'd', description: 'data watcher type' },
    { flag: 'a', description: 'any watcher type' },
    { flag: 'l', description: 'remove locally when there is no server connection' },
  ],
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(_ctx, parsed) {
    if (parsed.args.length < 2) throw usageError(removewatchesCommand);
    checkPath(parsed.args[1]!);
    throw new CliError('removewatches: not available in zkpilot: its ZooKeeper client cannot remove watches');
  },
};
