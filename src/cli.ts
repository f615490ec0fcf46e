#!/usr/bin/env node
// Entry point: the TUI, exec mode, and the subcommands. Each path loads only its own modules
// (dynamic imports, split into chunks by the bundle): `--version` loads nothing else, exec mode
// never loads the UI, and the TUI's Ink and React load while its first connection is made.

import { LAUNCH_HELP, LaunchArgsError, parseLaunchArgs, type LaunchArgs } from './app/launchArgs.js';
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

  // Everything else is a console on an ensemble: the TUI or exec mode (one module, so a one-shot
  // command loads a handful of files, not one per feature).
  return (await import('./app/launchConsole.js')).launchConsole(args, first);
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
