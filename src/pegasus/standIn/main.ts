#!/usr/bin/env node
// The stand-in Pegasus shell executable (tests and `zkpilot sandbox --pegasus`), started like
// the real one: `run.sh shell --cluster <meta_list>` or `pegasus_shell <config> <cluster_name>`.
//
//   node build/pegasus/standIn/main.js [shell] [--cluster|-m LIST] [-n NAME] [-c CONFIG] [--state DIR]
//
// The cluster it stands for is a state directory (cluster.json; see state.ts) given with
// --state or $ZKPILOT_PEGASUS_STANDIN; its tables live in real ZooKeeper.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runStandInShell } from './shell.js';
import { readState, stateFile } from './state.js';

interface Launch {
  metaList: string | null;
  clusterName: string | null;
  config: string | null;
  stateDir: string | null;
}

const RUN_SH_USAGE = `Options for subcommand 'shell':
   -h|--help            print the help info
   -c|--config <path>   config file path, default './config-shell.ini.{PID}'
   --cluster <str>      cluster meta lists, default '127.0.0.1:34601,127.0.0.1:34602,127.0.0.1:34603'
   -n <cluster-name>    cluster name. Will try to get a cluster ip_list
                        from your minos config ($MINOS2_CONFIG_FILE or $MINOS_CONFIG_FILE) or
                        from [uri-resolve.dsn://<cluster-name>] of your config-file
`;

function parse(argv: string[]): Launch | number {
  const out: Launch = { metaList: null, clusterName: null, config: null, stateDir: process.env['ZKPILOT_PEGASUS_STANDIN'] ?? null };
  const args = argv[0] === 'shell' ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    if (a === '-m' || a === '--cluster') out.metaList = value() ?? '';
    else if (a === '-n' || a === '--cluster_name') out.clusterName = value() ?? '';
    else if (a === '-c' || a === '--config') out.config = value() ?? '';
    else if (a === '--state') out.stateDir = value() ?? '';
    else if (a === '-h' || a === '--help') {
      process.stdout.write(RUN_SH_USAGE);
      return 0;
    } else {
      process.stdout.write(`ERROR: unknown option "${a}"\n\n${RUN_SH_USAGE}`);
      return 1;
    }
  }
  if (out.metaList !== null && out.clusterName !== null) {
    process.stdout.write('ERROR: can not specify both cluster and cluster_name at the same time\n');
    return 1;
  }
  return out;
}

async function main(): Promise<number> {
  const launch = parse(process.argv.slice(2));
  if (typeof launch === 'number') return launch;
  if (launch.stateDir === null || !existsSync(stateFile(launch.stateDir))) {
    process.stdout.write(`ERROR: init pegasus failed: no stand-in cluster state (--state DIR or $ZKPILOT_PEGASUS_STANDIN)\n`);
    process.stdout.write('dsn exit with code -1\n');
    return 255;
  }
  const state = readState(launch.stateDir);
  let clusterArg = 'onebox';
  let metaList = launch.metaList ?? state.metaServers.join(',');
  if (launch.metaList !== null) clusterArg = 'unknown';
  if (launch.clusterName !== null) {
    if (launch.clusterName !== state.clusterName) {
      process.stdout.write(`ERROR: can't find minos config file for ${launch.clusterName}, please check env $MINOS2_CONFIG_FILE or $MINOS_CONFIG_FILE\n`);
      return 1;
    }
    clusterArg = launch.clusterName;
    metaList = state.metaServers.join(',');
  }
  const cwd = process.cwd();
  // Ctrl-C ends the shell as dsn_exit(0) does: the line, then exit code 0.
  process.on('SIGINT', () => {
    process.stdout.write('dsn exit with code 0\n');
    process.exit(0);
  });
  return runStandInShell({
    stateDir: path.resolve(launch.stateDir),
    configFile: launch.config ?? path.join(cwd, `config-shell.ini.${process.pid}`),
    clusterArg,
    metaList,
    cwd,
    stdin: process.stdin,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    copySeconds: Number(process.env['ZKPILOT_STANDIN_COPY_SECONDS'] ?? 3),
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`zkpilot stand-in: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
