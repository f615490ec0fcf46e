// The sandbox launcher against real ZooKeeper 3.8 JVMs on loopback (no mocks).
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runSandboxCli, type SandboxSessionRequest } from '../src/sandbox/cli.js';
import { Sandbox } from '../src/sandbox/ensemble.js';
import { parseConfMembership } from '../src/sandbox/fourLetterWord.js';
import { processState } from '../src/sandbox/processes.js';
import { readState } from '../src/sandbox/stateFile.js';
import { superDigest } from '../src/sandbox/superDigest.js';
import { sandboxTestDir, useSandbox } from './helpers/sandbox.js';

async function confMembership(sandbox: Sandbox, id: number) {
  const membership = parseConfMembership(await sandbox.fourLetterWord(id, 'conf'));
  if (!membership) throw new Error(`node ${id} did not answer conf`);
  return membership;
}

async function someFollower(sandbox: Sandbox): Promise<number> {
  const leader = await sandbox.waitForLeader(30_000);
  return sandbox.members.find((n) => n.id !== leader)!.id;
}

it('computes the super digest with ZooKeeper’s formula', () => {
  // Value printed by DigestAuthenticationProvider for super:zkops (reference/zk-operations.md §1).
  expect(superDigest('super', 'zkops')).toBe('super:i0dfILVO7NNgEeO9A59jZ+3vrkM=');
});

describe('Sandbox: 3 members + 1 spare', () => {
  const sandbox = useSandbox({ nodes: 3, spares: 1 });

  it('elects exactly one leader; the other members follow', async () => {
    const modes = await Promise.all(sandbox().members.map((n) => sandbox().probe(n.id)));
    expect(modes.filter((m) => m === 'leader')).toHaveLength(1);
    expect(modes.filter((m) => m === 'follower')).toHaveLength(2);
    for (const member of sandbox().members) {
      const conf = await confMembership(sandbox(), member.id);
      expect(conf.memberIds).toEqual([1, 2, 3]);
    }
    expect(sandbox().connectString.split(',')).toEqual(sandbox().members.map((n) => `127.0.0.1:${n.clientPort}`));
  });

  it('runs the spare as a non-voting follower, ready for reconfig -add', async () => {
    const [spare] = sandbox().spares;
    expect(spare).toMatchObject({ id: 4, kind: 'spare', status: 'running' });
    const { quorumPort, electionPort, clientPort } = spare!;
    expect(spare!.serverSpec).toBe(`127.0.0.1:${quorumPort}:${electionPort}:participant;127.0.0.1:${clientPort}`);
    expect(await sandbox().probe(4)).toBe('follower');
    const conf = await confMembership(sandbox(), 4);
    expect(conf.serverId).toBe(4);
    expect(conf.memberIds).not.toContain(4);
  });

  it('writes the state file and re-opens it with attach', async () => {
    // Lands under this run's root, where the global teardown looks for strays.
    expect(sandbox().dir.startsWith(`${process.env.ZKPILOT_SANDBOX_TMP}/`)).toBe(true);
    const onDisk = await readState(sandbox().dir);
    expect(onDisk).toEqual(sandbox().toState());
    const attached = await Sandbox.attach(sandbox().dir);
    expect(attached.nodes).toEqual(sandbox().nodes);
    expect(attached.connectString).toBe(sandbox().connectString);
    expect(attached.superDigest).toBe(superDigest('super', 'rehearsal-only-7f3c'));
  });

  it('stops and restarts a follower, which rejoins as follower', async () => {
    const id = await someFollower(sandbox());
    const pid = sandbox().node(id).pid!;
    await sandbox().stopNode(id);
    expect(processState(pid)).toBe('gone');
    expect(sandbox().node(id)).toMatchObject({ status: 'stopped', pid: null });
    expect((await Sandbox.attach(sandbox().dir)).node(id).status).toBe('stopped');
    expect(await sandbox().probe(id)).toBe('no-answer');

    await sandbox().startNode(id);
    await sandbox().waitForMode(id, 'follower', 30_000);
    expect(sandbox().node(id).status).toBe('running');
  });

  it('pauses a node (no 4lw answer) and resumes it', async () => {
    const id = await someFollower(sandbox());
    await sandbox().pauseNode(id);
    expect((await Sandbox.attach(sandbox().dir)).node(id).status).toBe('paused');
    await expect(sandbox().fourLetterWord(id, 'srvr', 500)).rejects.toThrow(/no answer/);

    await sandbox().resumeNode(id);
    expect(sandbox().node(id).status).toBe('running');
    await sandbox().waitForMode(id, 'follower', 10_000);
  });

  it('cannot restart a spare that joined without reconfig -add (real ZooKeeper behaviour)', async () => {
    await sandbox().stopNode(4);
    await expect(sandbox().startNode(4)).rejects.toThrow(/My id 4 not in the peer list/);
    expect(sandbox().node(4)).toMatchObject({ status: 'stopped', pid: null });
  });

  it('elects a new leader when the leader is killed', async () => {
    const oldLeader = await sandbox().waitForLeader();
    await sandbox().killNode(oldLeader);
    const newLeader = await sandbox().waitForLeader(30_000);
    expect(newLeader).not.toBe(oldLeader);
    await sandbox().startNode(oldLeader);
    await sandbox().waitForMode(oldLeader, 'follower', 30_000);
  });

  it('down() kills every JVM and removes the directory it created', async () => {
    const pids = sandbox().nodes.map((n) => n.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBeGreaterThan(0);
    await sandbox().down();
    for (const pid of pids) expect(processState(pid)).toBe('gone');
    expect(existsSync(sandbox().dir)).toBe(false);
  });
});

describe('zkpilot sandbox CLI', () => {
  const dir = sandboxTestDir('cli');
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runSandboxCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  };

  afterAll(async () => {
    if (existsSync(dir)) await (await Sandbox.attach(dir)).down();
  });

  it('rejects bad input with one line on stderr', async () => {
    const badInputs = [['frob'], [], ['node', 'frob', '1'], ['node', 'stop', 'x'], ['up', '--nodes', '0'], ['status', '--bogus'], ['up', '--membership', 'hybrid'], ['node', 'config', '1', 'x'], ['up', '--heap', '12']];
    for (const argv of badInputs) {
      const { code, stdout, stderr } = await run(...argv, '--dir', dir);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    const missing = await run('status', '--dir', dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^zkpilot sandbox: no sandbox in .*; start one with "zkpilot sandbox up --dir /);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('without a subcommand hands the parsed flags to the console session, and refuses bad ones in one line', async () => {
    const asked: SandboxSessionRequest[] = [];
    const bare = async (...argv: string[]) => {
      let stderr = '';
      const code = await runSandboxCli(argv, { stdout: () => undefined, stderr: (s) => (stderr += s), session: async (req) => (asked.push(req), 7) });
      return { code, stderr };
    };
    expect(await bare()).toEqual({ code: 7, stderr: '' });
    expect(await bare('--spares', '3')).toEqual({ code: 7, stderr: '' });
    expect(await bare('--static', '--pegasus', '--nodes', '5', '--spares', '0')).toEqual({ code: 7, stderr: '' });
    expect(asked).toEqual([
      { nodes: 3, spares: 1, membership: 'dynamic', pegasus: false },
      { nodes: 3, spares: 3, membership: 'dynamic', pegasus: false },
      { nodes: 5, spares: 0, membership: 'static', pegasus: true },
    ]);
    for (const [argv, message] of [
      [['--spares', 'x'], '--spares must be a whole number from 0 to 9, got "x"'],
      [['--dir', dir], '"sandbox" without a subcommand does not take --dir'],
      [['up', '--static', '--dir', dir], '"up" does not take --static'],
    ] as const) {
      const r = await bare(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toBe(`zkpilot sandbox: ${message} (see "zkpilot sandbox --help")\n`);
    }
    expect(asked).toHaveLength(3);
  });

  it('brings a sandbox up (with the heap asked for), reports it, stops a node and tears it down', async () => {
    const up = await run('up', '--nodes', '3', '--heap', '192', '--dir', dir);
    expect(up.code, up.stderr).toBe(0);
    const connect = /connect string : (\S+)/.exec(up.stdout)?.[1];
    expect(connect?.split(',')).toHaveLength(3);
    expect(up.stdout).toContain(`state file     : ${dir}/sandbox.json`);
    expect(up.stdout).toMatch(/super user +: addauth digest super:rehearsal-only-7f3c +\(sandbox-only credentials\)/);

    const status = await run('status', '--dir', dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ID +KIND +CLIENT +PID +STATUS +MODE +VERSION$/m);
    expect(status.stdout.match(/ running +(leader|follower) +3\.8\.0$/gm)).toHaveLength(3);

    const busy = await run('up', '--dir', dir);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/already running/);

    expect((await run('node', 'stop', '9', '--dir', dir)).stderr).toMatch(/no node 9 in this sandbox/);
    const stop = await run('node', 'stop', '1', '--dir', dir);
    expect(stop).toMatchObject({ code: 0, stdout: 'node 1 stopped\n' });
    expect((await run('status', '--dir', dir)).stdout).toMatch(/^1 +member +\S+ +- +stopped +- +3\.8\.0$/m);
    // Every server runs with the heap asked for, a restarted one too (the state file keeps it).
    expect((await run('node', 'start', '1', '--dir', dir)).code).toBe(0);
    for (const node of (await Sandbox.attach(dir)).nodes) {
      expect(readFileSync(`/proc/${node.pid}/cmdline`, 'utf8').split('\0')).toContain('-Xmx192m');
    }

    const pids = (await Sandbox.attach(dir)).nodes.map((n) => n.pid).filter((pid): pid is number => pid !== null);
    const down = await run('down', '--dir', dir);
    expect(down.code).toBe(0);
    for (const pid of pids) expect(processState(pid)).toBe('gone');
    expect(existsSync(dir)).toBe(false);
  });
});
