// Non-interactive use, like zkCli: one command from the argument list, or command lines from
// stdin or a script file, run in order. Exit code: the last command's (0, 1 on error, 127 for
// an unknown command). Unlike zkCli, the session is closed at the end, so ephemerals created
// by a one-shot command do not linger until the session times out.
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { attachProgressPrinter } from '../commands/ops/index.js';
import type { PegasusSpawn } from '../commands/pegasus/index.js';
import { sessionCommands } from '../commands/session/index.js';
import { tryStartRecording } from '../sessions/recorder.js';
import { installRunbooks } from '../commands/runbook/install.js';
import { attachEnsemble } from '../ui/ensemble/attachEnsemble.js';
import { createConsoleApp } from './consoleApp.js';
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
  const app = createConsoleApp({
    connectString: opts.connectString,
    sink: new StdioSink(),
    interactive: false,
    assumeYes: opts.assumeYes,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    historyFile: null,
    callTimeoutMs: opts.callTimeoutMs,
    hideConnectPreamble: true,
    pegasusSpawn: opts.pegasusSpawn,
  });
  // copy/verify/deleteall progress on stderr, only when it is a terminal.
  const offProgress = attachProgressPrinter(app.bus, process.stderr);
  const rec = opts.record
    ? tryStartRecording(app, { cluster: opts.cluster ?? opts.connectString, connectString: opts.connectString, operator: opts.operator, mode: 'exec', termSize: null })
    : null;
  if (rec?.problem) process.stderr.write(`zkpilot: ${rec.problem}\n`);
  app.registry.registerAll(sessionCommands(rec?.recorder ?? null));
  // Not started: only `ensemble`, `events` and the four-letter-word commands poll, once they run.
  const ensemble = attachEnsemble(app, { start: false });
  // `runbook status` and the guards work from scripts too; the active run is shared with the TUI.
  installRunbooks(app, { model: ensemble.model, operator: opts.operator ?? undefined });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let code: number | null = null;
  try {
    const client = await app.conn.connect();
    // `snapshot list /var/lib/zookeeper` on a host whose server is down must not wait to connect.
    const sessionless = opts.command !== undefined && app.registry.get(opts.command[0] ?? '')?.sessionless === true;
    if (!sessionless) {
      await client.waitConnected(opts.connectWaitMs).catch(() => {
        // Commands that need the session report ConnectionLoss in zkCli's words.
      });
    }
    code =
      opts.command !== undefined
        ? await app.shell.executeArgv(opts.command, 'exec', controller.signal)
        : await runLines(app.shell, lineSource(opts), controller.signal);
    return code;
  } finally {
    process.off('SIGINT', onSigint);
    offProgress();
    rec?.recorder?.close(code !== null, code ?? undefined);
    await app.dispose();
  }
}

function lineSource(opts: ExecOptions): NodeJS.ReadableStream {
  if (opts.scriptFile !== undefined) return createReadStream(opts.scriptFile, 'utf8');
  return opts.input ?? process.stdin;
}

async function runLines(
  shell: ReturnType<typeof createConsoleApp>['shell'],
  input: NodeJS.ReadableStream,
  signal: AbortSignal,
): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (signal.aborted) break;
    await shell.execute(line, 'script', signal);
    if (shell.quitRequested) break;
  }
  rl.close();
  return shell.lastExitCode;
}
