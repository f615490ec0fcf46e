// Per-test config homes and a captured CLI: every test gets fresh XDG_CONFIG_HOME/XDG_DATA_HOME
// directories, so no test reads the developer's real profiles or another test's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { runProfileCli } from '../../src/profiles/profileCli.js';
import { configFilePath } from '../../src/profiles/configPath.js';

export interface TempHome {
  root: string;
  configHome: string;
  dataHome: string;
}

/** Installs fresh XDG homes before each test of the file and removes them after. */
export function useTempXdg(): () => TempHome {
  let home: TempHome | undefined;
  const saved = { config: process.env.XDG_CONFIG_HOME, data: process.env.XDG_DATA_HOME };
  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'zkpilot-profiles-'));
    home = { root, configHome: join(root, 'config'), dataHome: join(root, 'data') };
    process.env.XDG_CONFIG_HOME = home.configHome;
    process.env.XDG_DATA_HOME = home.dataHome;
  });
  afterEach(() => {
    for (const [key, value] of [['XDG_CONFIG_HOME', saved.config], ['XDG_DATA_HOME', saved.data]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    if (home) rmSync(home.root, { recursive: true, force: true });
    home = undefined;
  });
  return () => {
    if (!home) throw new Error('useTempXdg: used outside a test');
    return home;
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Questions the CLI asked, with whether they were secret. */
  asked: { question: string; secret: boolean }[];
}

export interface CliOptions {
  answers?: string[];
  interactive?: boolean;
  editor?: string;
}

export async function cli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  const run: CliRun = { code: -1, stdout: '', stderr: '', asked: [] };
  const answers = [...(opts.answers ?? [])];
  run.code = await runProfileCli(argv, {
    stdout: (s) => { run.stdout += s; },
    stderr: (s) => { run.stderr += s; },
    prompt: async (question, { secret }) => {
      run.asked.push({ question, secret });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${question}`);
      return answer;
    },
    interactive: opts.interactive ?? false,
    ...(opts.editor !== undefined ? { editor: opts.editor } : {}),
  });
  return run;
}

export function configText(): string {
  return readFileSync(configFilePath(), 'utf8');
}

/** The file as the tests read it: profiles by name, each a plain JSON object. */
export interface ConfigJson {
  profiles: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export function configJson(): ConfigJson {
  return JSON.parse(configText()) as ConfigJson;
}
