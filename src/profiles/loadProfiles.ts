// Startup reading of the config file: never throws, never writes. A corrupt or hand-edited file
// leaves the program usable (-server still works, good profiles still load) and yields one
// problem line with the file path and the first error.
import { fileProblem, readRawConfig } from './corruptConfig.js';
import { checkDocument, emptyCheck } from './documentCheck.js';
import { configFilePath } from './configPath.js';
import { connectStringError } from './connectString.js';
import type { Profile, Settings } from './types.js';

export interface LoadedProfiles {
  /** Valid profiles, sorted by name. */
  profiles: Profile[];
  settings: Settings;
  /** The first problem, one line naming the file, with a count of the others; absent when all is well. */
  problem?: string;
  /** Every problem line, each naming the file. */
  problems: string[];
  /** Profiles present in the file but unusable, name → problem line. */
  invalidProfiles: Map<string, string>;
  path: string;
}

export interface LoadOptions {
  /** Action ids key bindings may name; default: those of the keymap's table (keyTable.ts). */
  validActions?: readonly string[];
}

export function loadProfiles(opts: LoadOptions = {}): LoadedProfiles {
  let path = '(config file)';
  try {
    path = configFilePath();
    const raw = readRawConfig(path);
    if (raw.kind === 'missing') return withProblems(path, emptyCheck());
    if (raw.kind === 'unusable') return { ...withProblems(path, emptyCheck()), problems: [raw.problem], problem: raw.problem };
    return withProblems(path, checkDocument(raw.doc, opts.validActions));
  } catch (e) {
    // Defensive: a bug in checking must not keep an operator from starting with -server.
    const problem = fileProblem(path, `cannot load (${e instanceof Error ? e.message : String(e)})`);
    return { ...withProblems(path, emptyCheck()), problems: [problem], problem };
  }
}

function withProblems(path: string, check: ReturnType<typeof emptyCheck>): LoadedProfiles {
  const problems = check.problems.map((p) => fileProblem(path, p));
  const invalidProfiles = new Map([...check.invalidProfiles].map(([name, why]) => [name, fileProblem(path, why)]));
  const loaded: LoadedProfiles = { profiles: check.profiles, settings: check.settings, problems, invalidProfiles, path };
  if (problems.length > 0) loaded.problem = problems.length === 1 ? problems[0]! : `${problems[0]} (and ${problems.length - 1} more)`;
  return loaded;
}

export type ResolvedCluster = { ok: true; profile: Profile } | { ok: false; error: string };

/** `--cluster NAME`: the profile, or one error line (unknown name, invalid profile, unreadable file). */
export function resolveCluster(name: string, loaded: LoadedProfiles = loadProfiles()): ResolvedCluster {
  const profile = loaded.profiles.find((p) => p.name === name);
  if (profile) return { ok: true, profile };
  const invalid = loaded.invalidProfiles.get(name);
  if (invalid) return { ok: false, error: `zkpilot: cluster profile "${name}" cannot be used: ${invalid}` };
  if (loaded.problem && loaded.profiles.length === 0 && loaded.invalidProfiles.size === 0) {
    return { ok: false, error: `zkpilot: no cluster profile "${name}": ${loaded.problems[0]}` };
  }
  const known = loaded.profiles.map((p) => p.name);
  const hint = known.length > 0 ? `known: ${known.join(', ')}` : `no profiles yet: zkpilot profile add ${name} --server host:port,…`;
  return { ok: false, error: `zkpilot: no cluster profile "${name}" (${hint})` };
}

export type ConnectTarget =
  | { kind: 'profile'; profile: Profile }
  | { kind: 'connectString'; connectString: string }
  | { kind: 'error'; error: string };

/**
 * The TUI's `connect ARG`: a profile name switches to that profile; anything else is a connect
 * string as in zkCli. A profile wins over a bare host name of the same spelling.
 */
export function resolveConnectArgument(arg: string, loaded: LoadedProfiles = loadProfiles()): ConnectTarget {
  const profile = loaded.profiles.find((p) => p.name === arg);
  if (profile) return { kind: 'profile', profile };
  const invalid = loaded.invalidProfiles.get(arg);
  if (invalid) return { kind: 'error', error: `cluster profile "${arg}" cannot be used: ${invalid}` };
  const error = connectStringError(arg);
  return error === null ? { kind: 'connectString', connectString: arg } : { kind: 'error', error };
}
