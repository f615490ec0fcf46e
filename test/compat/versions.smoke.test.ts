// The built binary (exec mode, as an operator's script runs it) against one standalone 3.4.13
// server and one standalone 3.9.3 server (standaloneEnabled=true: the set-up that showed NO
// QUORUM to a new user): the zkCli commands, `ensemble --json`, copy and verify on each, a copy
// from 3.4.13 to 3.9.3, and the one-line answers for what 3.4 lacks. The zkCli parity suite
// stays on 3.8.0 (zkcli.test.ts). Needs a build (`npm run build`; bash scripts/test.sh builds).
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { processRunner, type CliRun } from './runners.js';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));
const zkpilot = processRunner('zkpilot', process.execPath, [CLI, '--yes']);

const v34 = useSandbox({ nodes: 1, zkVersions: ['3.4.13'] });
const v39 = useSandbox({ nodes: 1, zkVersions: ['3.9.3'], extraConfig: ['standaloneEnabled=true'] });

/** The zkCli commands every release has, then copy and verify within the server. */
const SHELL = [
  'create /smoke hello',
  'create /smoke/a 1',
  'create /smoke/a/b 2',
  'get /smoke',
  'set /smoke world',
  'get /smoke',
  'ls /smoke',
  'stat /smoke/a',
  'delete /smoke/a/b',
  'ls /smoke/a',
  'create /smoke/gone x',
  'create /smoke/gone/deep y',
  'deleteall /smoke/gone',
  'ls /smoke',
  'copy /smoke /smoke-copy',
  'verify /smoke /smoke-copy',
];

function expectShellRun(run: CliRun): void {
  expect(run.code, run.stderr.join('\n')).toBe(0);
  expect(run.stdout.slice(0, 3)).toEqual(['hello', 'world', '[a]']);
  expect(run.stdout).toContain('numChildren = 1');
  expect(run.stdout).toContain('[]');
  expect(run.stdout.filter((l) => l === '[a]')).toHaveLength(2);
  expect(run.stdout.at(-1)).toMatch(/^verify \/smoke \/smoke-copy: EQUAL compared=2 missing=0 extra=0 /);
  expect(run.stdout.some((l) => /^copy done: 2 nodes .* create=2 /.test(l))).toBe(true);
  expect(run.stderr).toEqual(['Created /smoke', 'Created /smoke/a', 'Created /smoke/a/b', 'Created /smoke/gone', 'Created /smoke/gone/deep']);
}

interface EnsembleJson {
  health: { quorumServing: boolean; standaloneKey: string | null; votersUp: number; votersTotal: number };
  nodes: { role: string; version: string }[];
}

async function ensembleJson(server: string): Promise<EnsembleJson> {
  const run = await zkpilot.oneShot(server, ['ensemble', '--json']);
  expect(run.code, run.stderr.join('\n')).toBe(0);
  return JSON.parse(run.stdout.join('\n')) as EnsembleJson;
}

describe('ZooKeeper 3.9.3 standalone', () => {
  it('shell, copy, verify; ensemble --json: a healthy standalone server', async () => {
    const server = v39().connectString;
    expectShellRun(await zkpilot.piped(server, SHELL));
    const json = await ensembleJson(server);
    expect(json.nodes).toEqual([expect.objectContaining({ role: 'standalone', version: '3.9.3' })]);
    expect(json.health).toMatchObject({ quorumServing: true, standaloneKey: server, votersUp: 1, votersTotal: 1 });
  });
});

describe('ZooKeeper 3.4.13 standalone', () => {
  it('shell, copy, verify; a copy to 3.9.3 verifies EQUAL; ensemble --json: a healthy standalone server', async () => {
    const server = v34().connectString;
    const target = v39().connectString;
    expectShellRun(await zkpilot.piped(server, SHELL));
    const cross = await zkpilot.piped(server, [`copy /smoke ${target}:/from34`, `verify /smoke ${target}:/from34`]);
    expect(cross.code, cross.stderr.join('\n')).toBe(0);
    expect(cross.stdout.at(-1)).toMatch(new RegExp(`^verify /smoke ${target}:/from34: EQUAL compared=2 `));
    const json = await ensembleJson(server);
    expect(json.nodes).toEqual([expect.objectContaining({ role: 'standalone', version: '3.4.13' })]);
    expect(json.health).toMatchObject({ quorumServing: true, standaloneKey: server });
  });

  it('what 3.4 lacks is one line naming its release, never the server\'s raw error', async () => {
    const server = v34().connectString;
    const said = `server ${server} runs ZooKeeper 3.4.13`;
    for (const [line, message] of [
      ['config', `config: ${said}; dynamic config needs 3.5 or later`],
      ['reconfig -remove 2', `reconfig: ${said}; dynamic reconfig needs 3.5 or later (membership is static there; upgrade first: runbook Z1)`],
      ['create -t 1000 /smoke/ttl x', `create: ${said}; a TTL node needs 3.5 or later`],
      ['create -c /smoke/container x', `create: ${said}; a container node needs 3.5 or later`],
      ['4lw dirs', `dirs: ${server} sent no reply: ZooKeeper 3.4.13 has no dirs: it needs 3.5 or later`],
    ]) {
      const run = await zkpilot.oneShot(server, line.split(' '));
      expect({ line, code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ line, code: 1, stderr: [message], stdout: [] });
    }
  });
});
