#!/usr/bin/env node
// Entry point: the TUI, exec mode, and the subcommands. Each path loads only its own modules
// (dynamic imports, split into chunks by the bundle): `--version` loads nothing else, exec mode
// never loads the UI, and the TUI's Ink and React load while its first connection is made.
import { existsSync } from 'node:fs';
import { LAUNCH_HELP, LaunchArgsError, parseLaunchArgs, type LaunchArgs } from './app/launchArgs.js';
import type { Profile } from './profiles/types.js';
import { isSessionSubcommand } from './sessions/subcommands.js';
import { appVersion } from './util/projectRoot.js';

async function main(argv: string[]): Promise<number> {
  let args: LaunchArgs;
  try {
    args = parseLaunchArgs(argv);
  } catch (e) {
    if (e instanceof LaunchArgsError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(LAUNCH_HELP);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`zkpilot ${appVersion()}\n`);
    return 0;
  }

  const [first, ...restArgs] = args.rest;
  if (first === 'sandbox') {
    const [{ runSandboxCli }, { runSandboxSession }, { loadProfiles }] = await Promise.all([
      import('./sandbox/cli.js'),
      import('./app/sandboxSession.js'),
      import('./profiles/loadProfiles.js'),
    ]);
    // `zkpilot sandbox [--nodes N] [--spares M] [--static] [--pegasus]`: the TUI on a fresh sandbox;
    // a word (up, status, down, node) is a subcommand.
    return runSandboxCli(restArgs, {
      stdout: (s: string) => process.stdout.write(s),
      stderr: (s: string) => process.stderr.write(s),
      session: (req) => runSandboxSession(loadProfiles().settings, req),
    });
  }
  if (first === 'profile') {
    const [{ runProfileCli }, { stdioPrompt }] = await Promise.all([import('./profiles/profileCli.js'), import('./profiles/ttyPrompt.js')]);
    return runProfileCli(restArgs, {
      stdout: (s: string) => process.stdout.write(s),
      stderr: (s: string) => process.stderr.write(s),
      prompt: stdioPrompt(),
    });
  }

  if (isSessionSubcommand(first)) {
    const { runSessionsCli } = await import('./sessions/sessionsCli.js');
    return runSessionsCli(first, restArgs, { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) });
  }

  // A bad config file never stops zkpilot: say what is wrong and go on with defaults.
  const [{ loadProfiles, resolveCluster }, { pegasusShellSpawn }, { profileColourAccent }] = await Promise.all([
    import('./profiles/loadProfiles.js'),
    import('./profiles/profileUse.js'),
    import('./profiles/accent.js'),
  ]);
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

  const openTui = async (server: string): Promise<number> => (await import('./app/openTui.js')).openTui(server, tuiOptions);
  if (first === 'tui') return openTui(args.server ?? 'localhost:2181');

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
  const { runExec } = await import('./app/execMode.js');
  if (first !== undefined) return runExec({ ...exec, command: args.rest });
  if (args.scriptFile !== null) return runExec({ ...exec, scriptFile: args.scriptFile });
  if (!process.stdin.isTTY) return runExec({ ...exec, input: process.stdin });
  // Interactive: a server given → the TUI on it; nothing given → the embedded default, a sandbox.
  if (args.server !== null) return openTui(args.server);
  return (await import('./app/sandboxSession.js')).runSandboxSession(loaded.settings);
}


main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Last resort: one line, never a stack trace.
    process.stderr.write(`zkpilot: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
