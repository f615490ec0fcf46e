// The two sides of the compat test: Debian's real zkCli 3.8 (a JVM per run) and the built
// zkpilot binary in exec mode (`node build/cli.js --yes -server X cmd…`). `--yes` stands for
// the operator's confirmation, which zkCli never asks for.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  stdout: string[];
  stderr: string[];
  code: number;
}

export interface CliRunner {
  name: string;
  /** `<cli> -server <server> <argv...>`: one command, as the launcher takes it. */
  oneShot(server: string, argv: string[]): Promise<CliRun>;
  /** Lines on stdin, one command each (zkCli without JLine prints no prompt). */
  piped(server: string, lines: string[]): Promise<CliRun>;
}

/** Process output as lines; the final newline does not make an extra empty line. */
function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

/** Any command-line program that takes `-server X cmd...` or lines on stdin, as zkCli does. */
export function processRunner(name: string, command: string, prefix: string[] = []): CliRunner {
  const run = (args: string[], input: string | null): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(command, [...prefix, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: process.env.TZ ?? 'UTC' } });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ stdout: lines(Buffer.concat(out).toString('utf8')), stderr: lines(Buffer.concat(err).toString('utf8')), code: code ?? -1 }),
      );
      child.stdin.end(input ?? '');
    });
  return {
    name,
    oneShot: (server, argv) => run(['-server', server, ...argv], null),
    piped: (server, input) => run(['-server', server], input.map((l) => `${l}\n`).join('')),
  };
}

export const ZKCLI: CliRunner = processRunner('zkCli', '/usr/share/zookeeper/bin/zkCli.sh');

const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));

/** The zkpilot side of the comparison: the real binary, as an operator's script would run it. */
export const ZKPILOT: CliRunner = processRunner('zkpilot', process.execPath, [CLI, '--yes']);
