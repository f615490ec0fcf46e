// `zkpilot -server X ensemble --json` and friends, through the real binary (exec mode): one poll
// round before printing, parseable JSON, a table, and the process exits on its own.
// Needs the wiring line in src/app/execMode.ts (attachEnsemble(app, { start: false })) and a build.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));
const sandbox = useSandbox({ nodes: 3 });

function zkpilot(...args: string[]) {
  return execa(process.execPath, [CLI, '-server', sandbox().connectString, ...args], { reject: false, timeout: 20_000 });
}

it('ensemble --json prints a complete first round and exits 0', async () => {
  const r = await zkpilot('ensemble', '--json');
  expect(r.exitCode).toBe(0);
  const json = JSON.parse(r.stdout) as { round: number; nodes: { id: number; role: string }[]; health: { leaderId: number; quorumServing: boolean } };
  expect(json.round).toBeGreaterThanOrEqual(1);
  expect(json.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
  expect(json.nodes.filter((n) => n.role === 'leader')).toHaveLength(1);
  expect(json.health).toMatchObject({ leaderId: await sandbox().waitForLeader(), quorumServing: true });
});

it('ensemble prints the table; srvr by id; bad input exits 1', async () => {
  const table = await zkpilot('ensemble');
  expect(table.exitCode).toBe(0);
  expect(table.stdout.split('\n')[0]).toMatch(/^id\s+address\s+role\s+zxid/);
  const srvr = await zkpilot('srvr', '2');
  expect(srvr.exitCode).toBe(0);
  expect(srvr.stdout).toMatch(/^Mode: (leader|follower)$/m);
  const bad = await zkpilot('4lw', 'nope!');
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toBe('4lw: nope! is not a four-letter word (e.g. srvr, mntr, conf, cons, ruok)');
});
