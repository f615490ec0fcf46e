// The stand-in Pegasus shell's main loop (src/shell/main.cpp + args.h, v2.5.0): banner, one
// command per line (a `>>> ` prompt only when stdin is a TTY; from a pipe no prompt and no echo),
// `Invalid argument(s)` for an empty line, `ERROR: invalid subcommand 'x'` + help for an unknown
// one, `USAGE: ` + the entry for a failed one, and `dsn exit with code 0` on exit or EOF.
import { createInterface } from 'node:readline';
import { splitArgs } from './args.js';
import { appCommand, clusterInfoCommand, lsCommand, nodesCommand } from './cmdTables.js';
import { createCommand, dropCommand, getMetaLevelCommand, recoverCommand, setMetaLevelCommand } from './cmdAdmin.js';
import {
  copyDataCommand, escapeAllCommand, getAppEnvsCommand, remoteCommand, setAppEnvsCommand, STANDIN_VERSION, timeoutCommand, useCommand, versionCommand,
} from './cmdMisc.js';
import type { Executor, ShellCtx } from './context.js';
import { COMMAND_NAMES, fullHelp, helpEntry } from './helpText.js';
import { MetaView } from './meta.js';
import { leader } from './state.js';

export interface StandInOptions {
  stateDir: string;
  /** The config file the banner names (run.sh's config-shell.ini.$PID). */
  configFile: string;
  /** The cluster name argument (`unknown` with --cluster). */
  clusterArg: string;
  /** `The cluster meta list is:` (the --cluster value). */
  metaList: string;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out(text: string): void;
  err(text: string): void;
  copySeconds?: number;
}

const EXECUTORS: Record<string, Executor> = {
  version: versionCommand,
  cluster_info: clusterInfoCommand,
  app: appCommand,
  ls: lsCommand,
  nodes: nodesCommand,
  create: createCommand,
  drop: dropCommand,
  set_meta_level: setMetaLevelCommand,
  get_meta_level: getMetaLevelCommand,
  use: useCommand,
  timeout: timeoutCommand,
  escape_all: escapeAllCommand,
  recover: recoverCommand,
  copy_data: copyDataCommand,
  get_app_envs: getAppEnvsCommand,
  set_app_envs: setAppEnvsCommand,
  remote_command: remoteCommand(null),
  server_info: remoteCommand('server-info'),
  server_stat: remoteCommand('server-stat'),
  flush_log: remoteCommand('flush-log'),
};

/** Runs the shell until `exit` or end of input; resolves with the exit code (always 0, as dsn_exit(0)). */
export async function runStandInShell(opts: StandInOptions): Promise<number> {
  const meta = new MetaView(opts.stateDir);
  const ctx: ShellCtx = { meta, cwd: opts.cwd, out: opts.out, err: opts.err, currentApp: null, timeoutMs: 5000, escapeAll: false, copySeconds: opts.copySeconds ?? 3 };
  opts.out(`Pegasus Shell ${STANDIN_VERSION}\nType "help" for more information.\nType "Ctrl-D" or "Ctrl-C" to exit the shell.\n\n`);
  opts.out(`The config file is: ${opts.configFile}\n`);
  checkInCluster(ctx, opts.clusterArg, opts.metaList);

  const interactive = opts.stdin.isTTY === true;
  const rl = createInterface({ input: opts.stdin, terminal: false, crlfDelay: Infinity });
  const prompt = (): void => {
    if (interactive) opts.out('>>> ');
  };
  prompt();
  try {
    for await (const line of rl) {
      if (await runLine(ctx, line, opts) === 'exit') break;
      prompt();
    }
  } finally {
    rl.close();
    await meta.close();
  }
  opts.out('dsn exit with code 0\n');
  return 0;
}

/** The banner's last two lines (also `cc`): the real name comes from the meta when it answers. */
function checkInCluster(ctx: ShellCtx, clusterArg: string, metaList: string): void {
  let name = clusterArg;
  try {
    const state = ctx.meta.state();
    if (leader(state) !== null && !state.recovering) name = state.clusterName;
  } catch {
    // no state: the meta does not answer, the argument stands
  }
  ctx.out(`The cluster name is: ${name}\nThe cluster meta list is: ${metaList}\n`);
}

async function runLine(ctx: ShellCtx, line: string, opts: StandInOptions): Promise<'exit' | void> {
  const args = line.length === 0 ? null : splitArgs(line);
  if (args === null) {
    ctx.out('Invalid argument(s)\n');
    return;
  }
  if (args.length === 0) return;
  const name = args[0]!;
  if (!COMMAND_NAMES.has(name)) {
    ctx.out(`ERROR: invalid subcommand '${name}'\n${fullHelp()}`);
    return;
  }
  if (name === 'exit') return 'exit';
  if (name === 'help') {
    ctx.out(fullHelp());
    return;
  }
  if (name === 'cc') {
    const state = ctx.meta.state();
    const cluster = args[1] ?? opts.clusterArg;
    const list = cluster === state.clusterName ? state.metaServers.join(',') : (state.clusters[cluster] ?? '');
    checkInCluster(ctx, cluster, list || opts.metaList);
    return;
  }
  const executor = EXECUTORS[name];
  if (executor === undefined) {
    // A real command the stand-in does not emulate (data access, backups…): say so, plainly.
    ctx.err(`zkpilot stand-in: '${name}' is not emulated\n`);
    return;
  }
  let ok: boolean;
  try {
    ok = await executor(ctx, args);
  } catch (e) {
    ctx.err(`zkpilot stand-in: ${name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return;
  }
  if (!ok) ctx.out(`USAGE: ${helpEntry(name)}`);
}
