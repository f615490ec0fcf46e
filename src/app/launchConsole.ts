// `zkpilot [-server …] [--cluster NAME] [command…]`: a console on an ensemble. The cluster
// profile and settings are read, then the TUI opens (a terminal, no command) or the commands run
// in exec mode, as zkCli does. The UI itself loads only inside openTui.
import { existsSync } from 'node:fs';
import { profileColourAccent } from '../profiles/accent.js';
import { loadProfiles, resolveCluster } from '../profiles/loadProfiles.js';
import { pegasusShellSpawn } from '../profiles/profileUse.js';
import type { Profile } from '../profiles/types.js';
import { runExec } from './execMode.js';
import type { LaunchArgs } from './launchArgs.js';
import { openTui } from './openTui.js';

export async function launchConsole(args: LaunchArgs, first: string | undefined): Promise<number> {
  // A bad config file never stops zkpilot: say what is wrong and go on with defaults.
  const loaded = loadProfiles();
  let title: string | undefined;
  let accent: ReturnType<typeof profileColourAccent> = null;
  let extraHosts: string[] | undefined;
  let profile: Profile | undefined;
  if (args.cluster !== null) {
    const resolved = resolveCluster(args.cluster, loaded);
    if (!resolved.ok) {
      process.stderr.write(`${resolved.error}\n`);
      return 1;
    }
    args.server = resolved.profile.connectString;
    if (resolved.profile.sessionTimeoutMs !== undefined) args.timeoutMs = resolved.profile.sessionTimeoutMs;
    title = args.cluster;
    accent = profileColourAccent(resolved.profile);
    extraHosts = resolved.profile.watchHosts;
    profile = resolved.profile;
  } else if (loaded.problem) {
    process.stderr.write(`zkpilot: ${loaded.problem}\n`);
  }
  const tuiOptions = {
    sessionTimeoutMs: args.timeoutMs,
    title,
    accent,
    clusterKey: args.cluster ?? undefined,
    operator: args.operator,
    extraHosts,
    pollIntervalMs: loaded.settings.pollIntervalMs,
    profile,
    resume: args.resume,
    settings: loaded.settings,
  };

  if (first === 'tui') return openTui(args.server ?? 'localhost:2181', tuiOptions);

  if (args.scriptFile !== null && !existsSync(args.scriptFile)) {
    process.stderr.write(`Error: script file not found: ${args.scriptFile}\n`);
    return 2;
  }
  const exec = {
    connectString: args.server ?? 'localhost:2181',
    assumeYes: args.assumeYes,
    sessionTimeoutMs: args.timeoutMs,
    connectWaitMs: Math.min(args.timeoutMs, loaded.settings.connectTimeoutMs),
    callTimeoutMs: loaded.settings.callTimeoutMs,
    record: args.record,
    operator: args.operator,
    cluster: args.cluster ?? undefined,
    pegasusSpawn: profile ? pegasusShellSpawn(profile) : null,
  };
  if (first !== undefined) return runExec({ ...exec, command: args.rest });
  if (args.scriptFile !== null) return runExec({ ...exec, scriptFile: args.scriptFile });
  if (!process.stdin.isTTY) return runExec({ ...exec, input: process.stdin });
  // Interactive: a server given → the TUI on it; nothing given → the embedded default, a sandbox.
  if (args.server !== null) return openTui(args.server, tuiOptions);
  return (await import('./sandboxSession.js')).runSandboxSession(loaded.settings);
}
