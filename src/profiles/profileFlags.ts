// The flags of `profile add` and `profile edit`, parsed into a patch and applied to a stored
// profile. Syntax problems here are usage errors (exit 2); whether the values make a valid
// profile is decided afterwards by checkProfile (exit 1), so add and edit check the same way.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { NodeActionId, PegasusShellConfig, StoredProfile } from './types.js';

export class UsageError extends Error {}

export const UNSET_FIELDS = ['session-timeout', 'watch', 'pegasus', 'pegasus-cwd', 'node-actions', 'data-dirs', 'super-user', 'accent', 'description'] as const;
type UnsetField = (typeof UNSET_FIELDS)[number];

export interface ProfilePatch {
  connectString?: string;
  sessionTimeoutMs?: number;
  watchHosts?: string[];
  pegasusCommand?: string;
  pegasusCwd?: string;
  /** null removes the action. */
  nodeActions: Map<string, string | null>;
  /** null removes the host. */
  dataDirs: Map<string, string | null>;
  superUser?: string;
  storePassword?: boolean;
  forgetPassword?: boolean;
  production?: boolean;
  accent?: string;
  description?: string;
  unset: Set<UnsetField>;
  /** How many flags were given (edit without flags opens $EDITOR). */
  flagCount: number;
}

const VALUE_FLAGS = new Set(['server', 'session-timeout', 'watch', 'pegasus-shell', 'pegasus-cwd', 'node-action', 'data-dir', 'super-user', 'accent', 'description', 'unset']);
const SWITCHES = new Set(['store-password', 'forget-password', 'production', 'no-production']);

/** The shell expands `~/x` only unquoted and at a word's start; `--data-dir h=~/x` needs us. */
function expandTilde(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

function keyValue(flag: string, value: string, keyWord: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--${flag} needs ${keyWord}=VALUE, got "${value}"`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

/** `--flag value`, `--flag=value` (and zkCli-style `-server value`) → a patch. */
export function parseProfileFlags(args: readonly string[], mode: 'add' | 'edit'): ProfilePatch {
  const patch: ProfilePatch = { nodeActions: new Map(), dataDirs: new Map(), unset: new Set(), flagCount: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--?([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}" (flags start with --)`);
    const flag = m[1]!;
    if (arg.startsWith('-') && !arg.startsWith('--') && flag !== 'server') throw new UsageError(`unknown option ${arg} (flags start with --)`);
    let value = m[2];
    if (SWITCHES.has(flag)) {
      if (value !== undefined) throw new UsageError(`--${flag} takes no value`);
    } else if (VALUE_FLAGS.has(flag)) {
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined) throw new UsageError(`--${flag} needs a value`);
        i += 1;
      }
    } else {
      throw new UsageError(`unknown option --${flag} (see zkpilot profile --help)`);
    }
    patch.flagCount += 1;
    const v = value ?? '';
    switch (flag) {
      case 'server': patch.connectString = v; break;
      case 'session-timeout':
        if (!/^\d+$/.test(v)) throw new UsageError(`--session-timeout needs milliseconds, got "${v}"`);
        patch.sessionTimeoutMs = Number(v);
        break;
      case 'watch': patch.watchHosts = [...(patch.watchHosts ?? []), ...v.split(',').filter((h) => h !== '')]; break;
      case 'pegasus-shell': patch.pegasusCommand = v; break;
      case 'pegasus-cwd': patch.pegasusCwd = expandTilde(v); break;
      case 'node-action': {
        const [action, template] = keyValue(flag, v, 'ACTION');
        patch.nodeActions.set(action, template === '' ? null : template);
        break;
      }
      case 'data-dir': {
        const [host, dir] = keyValue(flag, v, 'HOST');
        patch.dataDirs.set(host, dir === '' ? null : expandTilde(dir));
        break;
      }
      case 'super-user': patch.superUser = v; break;
      case 'store-password': patch.storePassword = true; break;
      case 'forget-password': patch.forgetPassword = true; break;
      case 'production': patch.production = true; break;
      case 'no-production': patch.production = false; break;
      case 'accent': patch.accent = v; break;
      case 'description': patch.description = v; break;
      case 'unset':
        if (mode === 'add') throw new UsageError('--unset is for profile edit');
        if (!(UNSET_FIELDS as readonly string[]).includes(v)) throw new UsageError(`--unset ${v}: unknown field (known: ${UNSET_FIELDS.join(', ')})`);
        patch.unset.add(v as UnsetField);
        break;
    }
  }
  if (mode === 'add' && patch.connectString === undefined) throw new UsageError('profile add needs --server host:port[,host:port…][/chroot]');
  if (patch.storePassword && patch.forgetPassword) throw new UsageError('--store-password and --forget-password contradict each other');
  return patch;
}

/** Removes empty optional objects so the file holds only what the operator set. */
function prune(profile: StoredProfile): StoredProfile {
  const out = { ...profile };
  if (out.nodeActions && Object.keys(out.nodeActions).length === 0) delete out.nodeActions;
  if (out.dataDirs && Object.keys(out.dataDirs).length === 0) delete out.dataDirs;
  if (out.watchHosts && out.watchHosts.length === 0) delete out.watchHosts;
  return out;
}

export interface AppliedPatch {
  profile: StoredProfile;
  /** The super user changed while a password was stored: the old password was dropped. */
  droppedPassword: boolean;
}

/**
 * The profile after the patch (the password itself is set by the caller after asking for it).
 * Unknown node-action names pass through so checkProfile can name them in its error.
 */
export function applyProfilePatch(base: StoredProfile | undefined, patch: ProfilePatch): AppliedPatch {
  const p: StoredProfile = structuredClone(base ?? { connectString: '' });
  let droppedPassword = false;
  for (const field of patch.unset) {
    if (field === 'session-timeout') delete p.sessionTimeoutMs;
    if (field === 'watch') delete p.watchHosts;
    if (field === 'pegasus') delete p.pegasus;
    if (field === 'pegasus-cwd' && p.pegasus) delete p.pegasus.cwd;
    if (field === 'node-actions') delete p.nodeActions;
    if (field === 'data-dirs') delete p.dataDirs;
    if (field === 'super-user') delete p.superDigest;
    if (field === 'accent') delete p.accent;
    if (field === 'description') delete p.description;
  }
  if (patch.connectString !== undefined) p.connectString = patch.connectString;
  if (patch.sessionTimeoutMs !== undefined) p.sessionTimeoutMs = patch.sessionTimeoutMs;
  if (patch.watchHosts !== undefined) p.watchHosts = patch.watchHosts;
  if (patch.pegasusCommand !== undefined) p.pegasus = { ...p.pegasus, command: patch.pegasusCommand };
  if (patch.pegasusCwd !== undefined) {
    // A cwd without a command stays without one, so checkProfile reports the missing command.
    p.pegasus = { ...p.pegasus, cwd: patch.pegasusCwd } as PegasusShellConfig;
  }
  if (patch.nodeActions.size > 0) {
    const actions: Record<string, string> = { ...p.nodeActions };
    for (const [action, template] of patch.nodeActions) {
      if (template === null) delete actions[action];
      else actions[action] = template;
    }
    p.nodeActions = actions as Partial<Record<NodeActionId, string>>;
  }
  if (patch.dataDirs.size > 0) {
    const dirs: Record<string, string> = { ...p.dataDirs };
    for (const [host, dir] of patch.dataDirs) {
      if (dir === null) delete dirs[host];
      else dirs[host] = dir;
    }
    p.dataDirs = dirs;
  }
  if (patch.superUser !== undefined) {
    const old = p.superDigest;
    if (old && old.user !== patch.superUser && old.password !== undefined) droppedPassword = true;
    p.superDigest = old && old.user === patch.superUser ? old : { user: patch.superUser };
  }
  if (patch.forgetPassword && p.superDigest) p.superDigest = { user: p.superDigest.user };
  if (patch.production !== undefined) {
    if (patch.production) p.production = true;
    else delete p.production;
  }
  if (patch.accent !== undefined) p.accent = patch.accent;
  if (patch.description !== undefined) p.description = patch.description;
  return { profile: prune(p), droppedPassword };
}
