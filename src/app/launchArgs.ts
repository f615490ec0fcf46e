// The command line of `zkpilot`: zkCli's launcher options (`-server`, `-timeout`, `-r`), then
// either a subcommand of ours (`sandbox`, `tui`) or a zkCli command to run once.

export interface LaunchArgs {
  server: string | null;
  /** A profile name (`--cluster prod-a`): its connect string and settings. */
  cluster: string | null;
  /** Who is at the keyboard, for recordings (default $USER). */
  operator: string | null;
  /** `--record`: record an exec run (TUI runs are always recorded). */
  record: boolean;
  /** `--resume`: continue the checklist that was in progress when zkpilot last stopped. */
  resume: boolean;
  timeoutMs: number;
  readOnly: boolean;
  scriptFile: string | null;
  assumeYes: boolean;
  help: boolean;
  version: boolean;
  /** Everything from the first non-option token on: a subcommand or a zkCli command line. */
  rest: string[];
}

export class LaunchArgsError extends Error {}

const WITH_VALUE = new Set(['-server', '--cluster', '--operator', '-timeout', '-f', '-client-configuration']);

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = {
    server: null,
    cluster: null,
    operator: null,
    record: false,
    resume: false,
    timeoutMs: 30000,
    readOnly: false,
    scriptFile: null,
    assumeYes: false,
    help: false,
    version: false,
    rest: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) {
      out.rest = argv.slice(i);
      break;
    }
    if (WITH_VALUE.has(a)) {
      const value = argv[i + 1];
      // zkCli's own wording for a launcher option without its value.
      if (value === undefined) throw new LaunchArgsError(`Error: no argument found for option ${a}`);
      i += 1;
      if (a === '-server') out.server = value;
      else if (a === '--cluster') out.cluster = value;
      else if (a === '--operator') out.operator = value;
      else if (a === '-f') out.scriptFile = value;
      else if (a === '-timeout') {
        const ms = Number(value);
        if (!Number.isInteger(ms) || ms <= 0) throw new LaunchArgsError(`Error: -timeout needs a positive number of milliseconds, got "${value}"`);
        out.timeoutMs = ms;
      } else throw new LaunchArgsError(`Error: ${a} is not supported by this client (TLS client configuration)`);
    } else if (a === '-r') out.readOnly = true;
    else if (a === '--yes' || a === '-y') out.assumeYes = true;
    else if (a === '--record') out.record = true;
    else if (a === '--resume') out.resume = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--version' || a === '-V') out.version = true;
    else if (a === '-waitforconnection') {
      // zkpilot always waits for the first connection before running commands.
    } else throw new LaunchArgsError(`Error: unknown option ${a} (see zkpilot --help)`);
  }
  return out;
}

export const LAUNCH_HELP = `zkpilot — ZooKeeper maintenance console

Usage:
  zkpilot                                 open the TUI on a local sandbox ensemble (started and stopped for you)
  zkpilot -server host:port[,...][/chroot] open the TUI on an ensemble
  zkpilot -server host:port CMD [ARGS]     run one zkCli command and exit (0 ok, 1 error, 127 unknown command)
  zkpilot -server host:port < cmds.txt     run the command lines piped on stdin, in order
  zkpilot -server host:port -f FILE        run a script of command lines
  zkpilot --cluster NAME [CMD [ARGS]]      the same with a saved cluster profile
  zkpilot profile list|show|add|edit|rm|import|export   cluster profiles (zkpilot profile --help)
  zkpilot sandbox [up|status|down|node ...] local real ensembles for rehearsal (zkpilot sandbox --help)
  zkpilot sandbox [--nodes N] [--spares M] [--static] [--pegasus]
                                          the TUI on a sandbox: N servers (3), M spares ready to add (1; Z4 wants 3),
                                          static membership (Z2, Z3), a stand-in Pegasus cluster behind \`pg\` / F4
  zkpilot sessions|replay|export|note|mark|follow   session recordings (zkpilot sessions --help)

Options:
  -server host:port   connect string (zkCli's option)
  --cluster NAME      use the profile NAME (connect string, session timeout, node actions…)
  -timeout ms         session timeout (default 30000)
  -f FILE             run the command lines of FILE
  -y, --yes           confirm destructive commands in exec mode (deleteall, setAcl -R, reconfig -remove)
  --record            record an exec run (TUI runs are always recorded)
  --resume            continue the checklist (runbook) that was in progress
  --operator NAME     who is at the keyboard, for recordings (default $USER)
  -h, --help          this help
  -V, --version       print zkpilot's version
`;
