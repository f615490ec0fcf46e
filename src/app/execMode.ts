// Non-interactive use, like zkCli: one command from the argument list, or command lines from
// stdin or a script file, run in order. Exit code: the last command's (0, 1 on error, 127 for
// an unknown command). Unlike zkCli, the session is closed at the end, so ephemerals created
// by a one-shot command do not linger until the session times out.
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
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
}

export async function runExec(opts: ExecOptions): Promise<number> {
  const app = createConsoleApp({
    connectString: opts.connectString,
    sink: new StdioSink(),
    interactive: false,
    assumeYes: opts.assumeYes,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    historyFile: null,
    hideConnectPreamble: true,
  });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    const client = await app.conn.connect();
    await client.waitConnected(opts.connectWaitMs).catch(() => {
      // Commands that need the session report ConnectionLoss in zkCli's words.
    });
    if (opts.command !== undefined) return await app.shell.executeArgv(opts.command, 'exec', controller.signal);
    return await runLines(app.shell, lineSource(opts), controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
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
