// zkpilot's snapshot commands (not zkCli's), ready for a CommandRegistry: `snapshot list|pick|pack|restore`.
import type { CommandSpec } from '../../shell/registry.js';
import type { DataDirSourceOptions } from './dataDirSource.js';
import { snapshotCommand } from './snapshotCommand.js';

/** `dataDirFor`: a profile's dataDir per host, for servers whose `conf` is not whitelisted. */
export function snapshotCommands(opts: DataDirSourceOptions = {}): CommandSpec[] {
  return [snapshotCommand(opts)];
}

export { DEFAULT_ARCHIVE, SNAPSHOT_USAGE } from './snapshotCommand.js';
