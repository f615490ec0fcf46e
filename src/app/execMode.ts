// Non-interactive use, like zkCli: one command from the argument list, or command lines from
// stdin or a script file, run in order. Exit code: the last command's (0, 1 on error, 127 for
// an unknown command). Unlike zkCli, the session is closed at the end, so ephemerals created
// by a one-shot command do not linger until the session times out.
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import type { PegasusSpawn } from '../commands/pegasus/index.js';
import type { Shell } from '../shell/shell.js';
import { buildConsole } from './buildConsole.js';
import { StdioSink } from './stdioSink.js';

export interface ExecOptions {
  connectString: string;
  /** One command as argv tokens (one-shot mode); when absent, lines come from `input`. */
  command?: string[];
  /** A script file (`-f FILE`) or stdin. */
  input?: NodeJS.ReadableStream;
  scriptFile?: string;
  assumeYes: boolean;
  sessionTimeoutMs: number;
  /** How long to wait for the first connection before commands run (and fail with ConnectionLoss). */
  connectWaitMs: number;
  callTimeoutMs?: number;
  /** `--record`: keep a session recording of this run, as the TUI always does. */
  record?: boolean;
  operator?: string | null;
  cluster?: string;
  /** The profile's Pegasus shell, for `pg CMD` in scripts. */
  pegasusSpawn?: PegasusSpawn | null;
}

export async function runExec(opts: ExecOptions): Promise<number> {
  const app = buildConsole({
    mode: 'exec',
    connectString: opts.connectString,
    sink: new StdioSink(),
    assumeYes: opts.assumeYes,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    callTimeoutMs: opts.callTimeoutMs,
    pegasusSpawn: opts.pegasusSpawn,
    progressTo: process.stderr,
    recording: opts.record ? { cluster: opts.cluster ?? opts.connectString, connectString: opts.connectString, operator: opts.operator, mode: 'exec', termSize: null } : null,
    // `runbook status` and the guards work from scripts too; the active run is shared with the
    // TUI. The model is not polling: `ensemble`, `events` and the guards start it on demand.
    runbooks: { operator: opts.operator ?? undefined },
  });
  if (app.recordingProblem) process.stderr.write(`zkpilot: ${app.recordingProblem}\n`);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let exitCode: number | undefined;
  try {
    const client = await app.conn.connect();
    // `snapshot list /var/lib/zookeeper` on a host whose server is down must not wait to connect.
    const sessionless = opts.command !== undefined && app.registry.get(opts.command[0] ?? '')?.sessionless === true;
    if (!sessionless) {
      await client.waitConnected(opts.connectWaitMs).catch(() => {
        // Commands that need the session report ConnectionLoss in zkCli's words.
      });
    }
    exitCode =
      opts.command !== undefined
        ? await app.shell.executeArgv(opts.command, 'exec', controller.signal)
        : await runLines(app.shell, lineSource(opts), controller.signal);
    return exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    await app.dispose({ exitCode });
  }
}

function lineSource(opts: ExecOptions): NodeJS.ReadableStream {
  if (opts.scriptFile !== undefined) return createReadStream(opts.scriptFile, 'utf8');
  return opts.input ?? process.stdin;
}

async function runLines(shell: Shell, input: NodeJS.ReadableStream, signal: AbortSignal): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (signal.aborted) break;
    await shell.execute(line, 'script', signal);
    if (shell.quitRequested) break;
  }
  rl.close();
  return shell.lastExitCode;
}
