// Static membership in the sandbox (reconfigEnabled=false, server lines in zoo.cfg) against real
// 3.8 JVMs: what ZooKeeper does with the files, the spare as non-voting follower, the operator's
// hand edit of zoo.cfg, cleaning a data dir, and the same through the node actions and the CLI.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SandboxNodeActions } from '../../src/commands/nodeActions/sandboxProvider.js';
import { runSandboxCli } from '../../src/sandbox/cli.js';
import { Sandbox } from '../../src/sandbox/ensemble.js';
import { parseConfMembership } from '../../src/sandbox/fourLetterWord.js';
import { summaryLines } from '../../src/sandbox/report.js';
import { checkServerLines } from '../../src/sandbox/staticMembership.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 3, spares: 1, membership: 'static' });

async function conf(id: number) {
  return parseConfMembership(await sandbox().fourLetterWord(id, 'conf'));
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), signal: new AbortController().signal } };
}

it('refuses malformed or repeated server lines', () => {
  expect(() => checkServerLines([])).toThrow('no server lines given');
  expect(() => checkServerLines(['server.1=a:1:2', 'server.x=b'])).toThrow('not a server line: server.x=b');
  expect(() => checkServerLines(['server.1=a:1:2', 'server.1=b:1:2'])).toThrow('server.1 is given twice');
});

describe('a static sandbox: 3 members + 1 spare', () => {
  it('writes the lines into zoo.cfg with reconfigEnabled=false; ZooKeeper leaves the files alone', async () => {
    const sb = sandbox();
    expect(sb.membership).toBe('static');
    const cfg = readFileSync(path.join(sb.node(1).dir, 'zoo.cfg'), 'utf8');
    expect(cfg).toContain('reconfigEnabled=false');
    expect(cfg).not.toContain('dynamicConfigFile');
    expect(await sb.membershipOf(1)).toEqual(sb.serverLines([1, 2, 3]));
    // ZOOKEEPER-2819: no zoo.cfg.bak, no zoo.cfg.dynamic.N.
    expect(readdirSync(sb.node(1).dir).filter((f) => f.startsWith('zoo.cfg'))).toEqual(['zoo.cfg']);
    expect((await Sandbox.attach(sb.dir)).membership).toBe('static');
    const summary = summaryLines(sb, null);
    expect(summary).toContain('  membership     : static (reconfigEnabled=false, server lines in each zoo.cfg: runbooks Z2/Z3)');
    expect(summary).toContain(`  spare 4        : zoo.cfg line server.4=${sb.node(4).serverSpec}`);
  });

  it('runs the spare as a non-voting follower that lists itself; every conf says version=0', async () => {
    const sb = sandbox();
    const leader = await sb.waitForLeader();
    expect(await sb.probe(4)).toBe('follower');
    expect(await conf(4)).toEqual({ serverId: 4, memberIds: [1, 2, 3, 4], version: '0' });
    expect(await conf(leader)).toEqual({ serverId: leader, memberIds: [1, 2, 3], version: '0' });
    expect(await sb.fourLetterWord(leader, 'mntr')).toMatch(/zk_synced_non_voting_followers\t1/);
  });

  it('restarts the spare (nothing rewrote its zoo.cfg: no "My id 4 not in the peer list")', async () => {
    const sb = sandbox();
    await sb.stopNode(4);
    await sb.startNode(4);
    await sb.waitForMode(4, 'follower', 30_000);
  });

  it('rewrites a node\'s server lines (the hand edit) and cleans a stopped node\'s data dir', async () => {
    const sb = sandbox();
    await expect(sb.cleanNode(4)).rejects.toThrow(/node 4 is running .*: stop it before cleaning its data/);
    await sb.stopNode(4);
    const data = path.join(sb.node(4).dir, 'data');
    writeFileSync(path.join(data, 'zookeeper_server.pid'), '123\n');
    await sb.cleanNode(4);
    expect(existsSync(path.join(data, 'version-2'))).toBe(false);
    expect(existsSync(path.join(data, 'zookeeper_server.pid'))).toBe(false);
    expect(readFileSync(path.join(data, 'myid'), 'utf8')).toBe('4\n');

    await sb.writeMembership(4, sb.serverLines([4, 2, 1]));
    expect(await sb.membershipOf(4)).toEqual(sb.serverLines([1, 2, 4]));
    await sb.writeMembership(4, sb.serverLines([1, 2, 3, 4]));
    await sb.startNode(4);
    await sb.waitForMode(4, 'follower', 30_000);
    // Empty again, it took a snapshot from the leader.
    expect(existsSync(path.join(data, 'version-2'))).toBe(true);
  });

  it('carries out node config and node wipe for the node command', async () => {
    const sb = sandbox();
    const actions = new SandboxNodeActions(sb);
    const lines = sb.serverLines([1, 2, 3, 4]);
    expect(actions.describe('config', 4, { members: lines })).toBe(`sandbox: write server.1, server.2, server.3, server.4 into ${sb.node(4).dir}/zoo.cfg`);
    expect(actions.serverLine(2)).toBe(lines[1]);
    const config = io();
    expect(await actions.run('config', 4, config.io, { members: lines })).toBe(0);
    expect(config.out.at(-1)).toBe(`node 4: ${sb.node(4).dir}/zoo.cfg lists these 4 servers`);
    const running = io();
    expect(await actions.run('wipe', 4, running.io)).toBe(1);
    expect(running.err[0]).toMatch(/stop it before cleaning its data/);
    expect(actions.missing('config', 9)).toMatch(/no node 9 in this sandbox/);
  });

  it('zkpilot sandbox node config|wipe', async () => {
    const sb = sandbox();
    const run = async (...argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runSandboxCli([...argv, '--dir', sb.dir], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
      return { code, stdout, stderr };
    };
    expect(await run('node', 'config', '4', '1', '2', '3', '4')).toMatchObject({ code: 0, stdout: 'node 4: zoo.cfg now lists server.1, server.2, server.3, server.4 (takes effect when it restarts)\n' });
    expect(await run('node', 'config', '4')).toMatchObject({ code: 2, stderr: 'zkpilot sandbox: config needs the member ids (see "zkpilot sandbox --help")\n' });
    expect((await run('node', 'wipe', '4')).stderr).toMatch(/^zkpilot sandbox: node 4 is running .*stop it before cleaning its data\n$/);
    const status = await run('status');
    expect(status.stdout).toMatch(/^4 +spare +\S+ +\d+ +running +follower +3\.8\.0$/m);
  });
});
