// ZooKeeper versions in the sandbox against real JVMs: Debian's bullseye 3.4.13 and trixie 3.9.3
// (fetched from Debian's registry on first use into the cache) beside bookworm's 3.8.0, a mixed
// ensemble, `node upgrade` keeping the data, and the one-line refusals. Needs the network to
// Debian's registry the first time (CI has it).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxNodeActions } from '../../src/commands/nodeActions/sandboxProvider.js';
import { TemplateNodeActions } from '../../src/commands/nodeActions/templateProvider.js';
import { expandNodeAction, nodeActionTemplateError } from '../../src/profiles/nodeActionTemplate.js';
import { runSandboxCli, type SandboxSessionRequest } from '../../src/sandbox/cli.js';
import { parseConfMembership } from '../../src/sandbox/fourLetterWord.js';
import { statusLines } from '../../src/sandbox/report.js';
import { ensureBuild } from '../../src/sandbox/zkBuilds.js';
import { createZkClient } from '../../src/zk/client.js';
import type { ZkClient } from '../../src/zk/types.js';
import { sandboxTestDir, useSandbox } from '../helpers/sandbox.js';
import { openRehearsal } from '../runbooks/helpers.js';
import type { Sandbox } from '../../src/sandbox/ensemble.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runSandboxCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

async function version(sb: Sandbox, id: number): Promise<string | undefined> {
  const srvr = await sb.fourLetterWord(id, 'srvr');
  return /^Zookeeper version: (\d+\.\d+\.\d+)/m.exec(srvr)?.[1];
}

/** A session on one server only: what it answers is that server's own data. */
async function clientOn(sb: Sandbox, id: number): Promise<ZkClient> {
  const node = sb.node(id);
  const client = createZkClient({ connectString: `${node.host}:${node.clientPort}` });
  await client.waitConnected(20_000);
  return client;
}

async function withClient<T>(sb: Sandbox, id: number, use: (c: ZkClient) => Promise<T>): Promise<T> {
  const client = await clientOn(sb, id);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

async function someFollower(sb: Sandbox, version?: string): Promise<number> {
  const leader = await sb.waitForLeader(30_000);
  const follower = sb.members.find((n) => n.id !== leader && (version === undefined || n.zkVersion === version));
  if (!follower) throw new Error(`no ${version ?? ''} follower`);
  return follower.id;
}

describe('ZooKeeper 3.9.3, one server', () => {
  const sandbox = useSandbox({ nodes: 1, zkVersions: ['3.9.3'] });

  it('answers srvr with its version and serves a session (its own jute before zookeeper.jar)', async () => {
    const sb = sandbox();
    expect(sb.node(1).zkVersion).toBe('3.9.3');
    expect(await version(sb, 1)).toBe('3.9.3');
    expect(await sb.probe(1)).toBe('leader');
    const data = await withClient(sb, 1, async (c) => {
      await c.create('/v393', Buffer.from('hello'));
      return (await c.get('/v393')).data?.toString();
    });
    expect(data).toBe('hello');
    expect((await statusLines(sb)).join('\n')).toMatch(/^1 +member +\S+ +\d+ +running +leader +3\.9\.3$/m);
  });
});

describe('ZooKeeper 3.4.13, one server', () => {
  const sandbox = useSandbox({ nodes: 1, zkVersions: ['3.4.13'] });

  it('runs standalone on a 3.4 zoo.cfg (static, clientPort) and answers srvr with its version', async () => {
    const sb = sandbox();
    expect(sb.membership).toBe('static');
    expect(await version(sb, 1)).toBe('3.4.13');
    expect(await sb.probe(1)).toBe('standalone');
    const cfg = readFileSync(path.join(sb.node(1).dir, 'zoo.cfg'), 'utf8');
    expect(cfg).toContain(`clientPort=${sb.node(1).clientPort}\n`);
    expect(cfg).toMatch(/^server\.1=127\.0\.0\.1:\d+:\d+:participant$/m);
    for (const key of ['reconfigEnabled', 'standaloneEnabled', 'dynamicConfigFile', '4lw.commands.whitelist']) expect(cfg).not.toContain(key);
    // 3.4's conf has no membership block.
    expect(parseConfMembership(await sb.fourLetterWord(1, 'conf'))?.memberIds).toEqual([]);
    const data = await withClient(sb, 1, async (c) => {
      await c.create('/v3413', Buffer.from('old'));
      return (await c.get('/v3413')).data?.toString();
    });
    expect(data).toBe('old');
  });
});

describe('a mixed ensemble: 3.8.0, 3.8.0, 3.9.3', () => {
  const sandbox = useSandbox({ nodes: 3, zkVersions: ['3.8.0', '3.8.0', '3.9.3'] });

  it('elects a leader; each server reports its own version', async () => {
    const sb = sandbox();
    const modes = await Promise.all(sb.members.map((n) => sb.probe(n.id)));
    expect(modes.filter((m) => m === 'leader')).toHaveLength(1);
    expect(modes.filter((m) => m === 'follower')).toHaveLength(2);
    expect(await Promise.all([1, 2, 3].map((id) => version(sb, id)))).toEqual(['3.8.0', '3.8.0', '3.9.3']);
  });

  it('node upgrade (CLI) restarts a 3.8.0 follower on 3.9.3 with its data', async () => {
    const sb = sandbox();
    const id = await someFollower(sb, '3.8.0');
    await withClient(sb, id, (c) => c.create('/before-upgrade', Buffer.from('kept')));
    const up = await run('node', 'upgrade', String(id), '3.9.3', '--dir', sb.dir);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^node ${id} now runs ZooKeeper 3\\.9\\.3 \\(was 3\\.8\\.0; pid \\d+, same data\\), mode follower\\n$`));
    await sb.refresh();
    expect(sb.node(id).zkVersion).toBe('3.9.3');
    expect(await version(sb, id)).toBe('3.9.3');
    const data = await withClient(sb, id, async (c) => (await c.get('/before-upgrade')).data?.toString());
    expect(data).toBe('kept');
    expect((await run('node', 'upgrade', String(id), '3.9.3', '--dir', sb.dir)).stderr).toBe(`zkpilot sandbox: node ${id} already runs ZooKeeper 3.9.3\n`);
    expect((await run('node', 'upgrade', String(id), '3.4.13', '--dir', sb.dir)).stderr).toMatch(/^zkpilot sandbox: ZooKeeper 3\.4\.13 has no dynamic reconfiguration .*\n$/);
  });

  it('node upgrade in the console (sandbox node actions, guarded like a restart), back to 3.8.0', async () => {
    const sb = sandbox();
    const id = await someFollower(sb, '3.9.3');
    expect(new SandboxNodeActions(sb).describe('upgrade', id, { version: '3.8.0' })).toBe(`sandbox: stop node ${id} (ZooKeeper 3.9.3), start it on ZooKeeper 3.8.0 with the same data`);
    // Refused while describing it, which the console does before it asks the operator to agree.
    expect(() => new SandboxNodeActions(sb).describe('upgrade', id, { version: '3.7.1' })).toThrow(`node upgrade ${id}: ZooKeeper 3.7.1 is not available in the sandbox`);
    const r = await openRehearsal(sb);
    try {
      const bad = await r.ui.run(`node upgrade ${id} 3.7.1`);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('ZooKeeper 3.7.1 is not available in the sandbox (supported: 3.4.13, 3.8.0, 3.9.3)');
      expect((await r.ui.run(`node upgrade ${id} banana`)).err).toBe('node upgrade: not a ZooKeeper version: banana');
      const res = await r.ui.run(`node upgrade ${id} 3.8.0`);
      expect(res.code, res.err).toBe(0);
      expect(res.out).toMatch(new RegExp(`^node ${id} now runs ZooKeeper 3\\.8\\.0 \\(was 3\\.9\\.3; pid \\d+, same data\\)$`, 'm'));
      await sb.waitForMode(id, 'follower', 30_000);
      expect(await version(sb, id)).toBe('3.8.0');
    } finally {
      await r.close();
    }
  });

  it('node upgrade of the leader starts it again once the others have elected a leader: it rejoins as a follower', async () => {
    const sb = sandbox();
    await sb.refresh();
    const leader = await sb.waitForLeader(30_000);
    const to = sb.node(leader).zkVersion === '3.9.3' ? '3.8.0' : '3.9.3';
    await sb.upgradeNode(leader, to);
    // Started at once, the old leader could join the election its leaving began and lead again.
    await sb.waitForMode(leader, 'follower', 30_000);
    const modes = await Promise.all(sb.members.map((n) => sb.probe(n.id)));
    expect(modes.filter((m) => m === 'leader')).toHaveLength(1);
    expect(await sb.probe(leader)).toBe('follower');
    expect(await version(sb, leader)).toBe(to);
  }, 90_000);
});

describe('versions: bad input and an unreachable registry', () => {
  const saved = { cache: process.env.ZKPILOT_ZK_CACHE, mirror: process.env.ZKPILOT_DEBIAN_MIRROR };
  const scratch: string[] = [];
  afterEach(() => {
    for (const [key, value] of [['ZKPILOT_ZK_CACHE', saved.cache], ['ZKPILOT_DEBIAN_MIRROR', saved.mirror]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const freshCache = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-zk-cache-'));
    scratch.push(dir);
    process.env.ZKPILOT_ZK_CACHE = dir;
    return dir;
  };

  it('refuses an unknown version in one line naming the supported ones', async () => {
    const dir = sandboxTestDir('versions');
    const supported = 'ZooKeeper 3.7.1 is not available in the sandbox (supported: 3.4.13, 3.8.0, 3.9.3)';
    for (const [argv, message] of [
      [['up', '--zk-version', '3.7.1'], `--zk-version: ${supported}`],
      [['up', '--zk-version', '3.8.0,3.7.1,3.9.3'], `--zk-version: ${supported}`],
      [['up', '--zk-version', '3.8.0,3.9.3'], '--zk-version: 2 ZooKeeper versions given for 3 servers: give one, or one per server (members first, then spares)'],
      [['up', '--zk-version', '3.4.13', '--membership', 'dynamic'], null],
      [['node', 'upgrade', '2', '3.7.1'], `node upgrade: ${supported}`],
      [['node', 'upgrade', '2'], 'upgrade needs the version (3.4.13, 3.8.0 or 3.9.3)'],
    ] as const) {
      const r = await run(...argv, '--dir', dir);
      const want = message === null ? /^zkpilot sandbox: ZooKeeper 3\.4\.13 has no dynamic reconfiguration \(no reconfigEnabled\): run it with static membership\n$/ : `zkpilot sandbox: ${message} (see "zkpilot sandbox --help")\n`;
      expect(r.code, argv.join(' ')).toBe(message === null ? 1 : 2);
      expect(r.stderr, argv.join(' ')).toEqual(typeof want === 'string' ? want : expect.stringMatching(want));
      expect(r.stdout).toBe('');
    }
    expect(existsSync(dir)).toBe(false);
    const asked: SandboxSessionRequest[] = [];
    const bare = await runSandboxCli(['--zk-version', '3.4.13'], { stdout: () => undefined, stderr: () => undefined, session: async (req) => (asked.push(req), 0) });
    expect(bare).toBe(0);
    expect(asked).toEqual([{ nodes: 3, spares: 1, membership: 'static', pegasus: false, zkVersions: ['3.4.13'] }]);
  });

  it('says in one line that a build cannot be fetched, and leaves nothing behind', async () => {
    const cache = freshCache();
    process.env.ZKPILOT_DEBIAN_MIRROR = 'http://zkpilot-test-mirror.invalid/debian';
    const dir = sandboxTestDir('unreachable');
    const r = await run('up', '--nodes', '1', '--zk-version', '3.9.3', '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `zkpilot sandbox: ZooKeeper 3.9.3: downloading libzookeeper-java 3.9.3-* of Debian trixie from http://zkpilot-test-mirror.invalid/debian into ${cache}/3.9.3 (once)`,
      expect.stringMatching(/^zkpilot sandbox: cannot fetch ZooKeeper 3\.9\.3 \(libzookeeper-java 3\.9\.3-\* of Debian trixie\) from http:\/\/zkpilot-test-mirror\.invalid\/debian: \S.*$/),
    ]);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('fetches a build once into the cache even when asked twice at the same time', async () => {
    const cache = freshCache();
    const said: string[] = [];
    const [a, b] = await Promise.all([ensureBuild('3.4.13', { progress: (l) => said.push(l) }), ensureBuild('3.4.13', { progress: (l) => said.push(l) })]);
    expect(a).toEqual(b);
    expect(a.classpath[0]).toBe(path.join(cache, '3.4.13', 'java', 'zookeeper-3.4.13.jar'));
    expect(said.filter((l) => l.includes('downloading'))).toHaveLength(1);
    expect(said.at(-1)).toMatch(new RegExp(`^ZooKeeper 3\\.4\\.13: Debian 3\\.4\\.13-\\S+ in ${cache}/3\\.4\\.13$`));
    expect(readdirSync(cache)).toEqual(['3.4.13']);
    expect(JSON.parse(readFileSync(path.join(cache, '3.4.13', 'build.json'), 'utf8'))).toMatchObject({ version: '3.4.13', suite: 'bullseye' });
  });

  it('gives a profile upgrade template the version: {version}', () => {
    const template = 'ssh {host} sudo apt-get install -y zookeeper={version}';
    expect(nodeActionTemplateError(template, 'upgrade')).toBeNull();
    expect(nodeActionTemplateError(template, 'restart')).toMatch(/^unknown placeholder \{version\}/);
    expect(expandNodeAction(template, { host: 'zk2', id: 2, clientPort: 2181, version: '3.9.3' }, 'upgrade')).toBe('ssh zk2 sudo apt-get install -y zookeeper=3.9.3');
  });

  it('runs a profile upgrade template with the version', async () => {
    const actions = new TemplateNodeActions({ profileName: 'prod-a', templates: { upgrade: 'echo upgrading {host} to {version}' }, resolve: (id) => ({ host: `zk${id}`, id, clientPort: 2181 }) });
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined, signal: new AbortController().signal };
    expect(await actions.run('upgrade', 2, io, { version: '3.9.3' })).toBe(0);
    expect(out).toEqual(['upgrading zk2 to 3.9.3']);
  });
});
