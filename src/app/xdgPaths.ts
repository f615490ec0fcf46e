// Where zkpilot keeps its files, following the XDG base directory spec.
import { homedir } from 'node:os';
import { join } from 'node:path';

function base(envName: string, fallback: string[]): string {
  const fromEnv = process.env[envName];
  return fromEnv && fromEnv.startsWith('/') ? fromEnv : join(homedir(), ...fallback);
}

export const xdg = {
  state: () => join(base('XDG_STATE_HOME', ['.local', 'state']), 'zkpilot'),
  data: () => join(base('XDG_DATA_HOME', ['.local', 'share']), 'zkpilot'),
  config: () => join(base('XDG_CONFIG_HOME', ['.config']), 'zkpilot'),
};

/** One history file per cluster: a profile name, or the connect string made file-safe. */
export function historyFile(clusterKey: string): string {
  const safe = clusterKey.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'default';
  return join(xdg.state(), 'history', `${safe}.jsonl`);
}
