// Where the config file lives. Apart from the store (profileStore.ts), which loads conf and its
// schema validator: startup only reads the file, and must not pay for the writer.
import { join } from 'node:path';
import { xdg } from '../app/xdgPaths.js';

export const CONFIG_FILE_NAME = 'config.json';

/**
 * `$XDG_CONFIG_HOME/zkpilot` (or `~/.config/zkpilot`). conf alone would pick env-paths'
 * `~/.config/zkpilot-nodejs`, so the store passes this directory as `cwd`.
 */
export function configDir(): string {
  return xdg.config();
}

export function configFilePath(): string {
  return join(configDir(), CONFIG_FILE_NAME);
}
