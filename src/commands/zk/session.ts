// Session commands (3.8): connect [host:port], close, quit, version. connect replaces the session
// (auth is not carried over) and returns at once, as zkCli does (the prompt shows CONNECTING);
// close prints nothing itself: the watch printer shows the Closed event, as zkCli's watcher does.
import { appVersion } from '../../util/projectRoot.js';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { CommandSpec } from '../../shell/registry.js';
import { usageError } from './common.js';
import { loadProfiles, resolveConnectArgument } from '../../profiles/loadProfiles.js';
import { CliError } from '../../shell/errors.js';

export const connectCommand: CommandSpec = {
  name: 'connect',
  usage: 'host:port',
  summary: 'Open a new session (to host:port, a cluster profile name, or the same servers again)',
  args: ['server'],
  words: () => loadProfiles().profiles.map((p) => p.name),
  zkcli: true,
  rawArgs: true,
  async run(ctx, parsed) {
    let target: string | undefined;
    if (parsed.args.length >= 2) {
      // A profile name wins over a host name; anything else is a connect string, as in zkCli.
      const resolved = resolveConnectArgument(parsed.args[1]!);
      if (resolved.kind === 'error') throw new CliError(resolved.error);
      if (resolved.kind === 'profile') ctx.err(`connecting to cluster profile ${resolved.profile.name} (${resolved.profile.connectString})`, 'info');
      target = resolved.kind === 'profile' ? resolved.profile.connectString : resolved.connectString;
    }
    const client = await ctx.conn.connect(target);
    // Start connecting without waiting, like zkCli: the outcome arrives as a watch event.
    client.waitConnected().catch(() => undefined);
  },
};

export const closeCommand: CommandSpec = {
  name: 'close',
  usage: '',
  summary: 'Close the session (commands then print "Not connected")',
  zkcli: true,
  needsSession: true,
  async run(ctx) {
    await ctx.conn.close();
  },
};

export const quitCommand: CommandSpec = {
  name: 'quit',
  usage: '',
  summary: "Close the session and leave, with the previous command's exit code",
  zkcli: true,
  rawArgs: true,
  async run(ctx) {
    const exitCode = ctx.lastExitCode;
    await ctx.conn.close();
    ctx.requestQuit();
    return exitCode;
  },
};

function packageVersion(url: URL): string | null {
  try {
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

function bindingVersion(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return packageVersion(new URL(`file://${require.resolve('zookeeper/package.json')}`));
  } catch {
    return null;
  }
}

/** What stands where zkCli prints Version.getFullVersion(): ours and the client library's. */
export function cliVersion(): string {
  const own = appVersion();
  const binding = bindingVersion();
  return `zkpilot ${own}${binding ? ` (node-zookeeper ${binding})` : ''}`;
}

export const versionCommand: CommandSpec = {
  name: 'version',
  usage: '',
  summary: 'Print the client version',
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length > 1) throw usageError(versionCommand);
    ctx.out(`ZooKeeper CLI version: ${cliVersion()}`);
  },
};
