// What the rest of zkpilot does with a profile: the node-action command for a server, the
// snapshot dataDir of a host, the Pegasus shell argv, the super-digest credentials.
import { splitCommandLine } from './commandLine.js';
import { expandNodeAction, type NodeActionTarget } from './nodeActionTemplate.js';
import type { NodeActionId, Profile } from './types.js';

/** The shell command line for `action` on one server, or null when the profile has no such action. */
export function nodeActionCommand(profile: Profile, action: NodeActionId, target: NodeActionTarget): string | null {
  const template = profile.nodeActions?.[action];
  return template === undefined ? null : expandNodeAction(template, target, action);
}

/** The host's own dataDir, else the `*` fallback, else null (ask the operator). */
export function dataDirFor(profile: Profile, host: string): string | null {
  return profile.dataDirs?.[host] ?? profile.dataDirs?.['*'] ?? null;
}

/** argv and cwd to spawn the Pegasus shell without a shell in between; null when not configured. */
export function pegasusShellSpawn(profile: Profile): { argv: string[]; cwd?: string } | null {
  if (!profile.pegasus) return null;
  const split = splitCommandLine(profile.pegasus.command);
  if (!split.ok) throw new Error(`profile "${profile.name}": pegasus.command: ${split.error}`);
  return profile.pegasus.cwd === undefined ? { argv: split.argv } : { argv: split.argv, cwd: profile.pegasus.cwd };
}

export type PasswordPrompt = (question: string, opts: { secret: boolean }) => Promise<string>;

/**
 * `addauth digest USER:PASSWORD` credentials for the profile: the stored password when the
 * operator opted in, else asked now (hidden). The caller keeps the answer in memory only.
 * null when the profile has no super-digest user.
 */
export async function superDigestCredentials(profile: Profile, ask: PasswordPrompt): Promise<{ user: string; password: string } | null> {
  const digest = profile.superDigest;
  if (!digest) return null;
  if (digest.storePassword === true && digest.password) return { user: digest.user, password: digest.password };
  const password = await ask(`Password for ${digest.user} on ${profile.name}: `, { secret: true });
  return { user: digest.user, password };
}
