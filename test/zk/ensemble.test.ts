// getConfig / reconfig and four-letter words on a real 3-member ensemble (reconfigEnabled=true).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZkClient } from '../../src/zk/client.js';
import { formatClientConfig, parseDynamicConfig, configVersionToNumber } from '../../src/zk/dynamicConfig.js';
import { fourLetterWord, parseConf, parseMntr, parseSrvr } from '../../src/zk/fourLetter.js';
import type { ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';
import { record } from './events.js';

const sandbox = useSandbox({ nodes: 3 });
let client: ZkClient;

async function srvrMode(port: number): Promise<string | null> {
  const reply = await fourLetterWord('127.0.0.1', port, 'srvr');
  return reply.kind === 'ok' ? parseSrvr(reply.text).mode : null;
}

beforeAll(async () => {
  client = createZkClient({ connectString: sandbox().connectString });
  await client.waitConnected(20_000);
});

afterAll(async () => {
  await client?.close();
});

it('reads the dynamic config, as `config` and `config -c` print it', async () => {
  const { data, stat } = await client.getConfig();
  const text = data?.toString() ?? '';
  const config = parseDynamicConfig(text);
  expect(config.servers.map((s) => s.id)).toEqual([1, 2, 3]);
  expect(config.servers.map((s) => s.clientPort)).toEqual(sandbox().members.map((n) => n.clientPort));
  expect(config.version).toMatch(/^[0-9a-f]+$/);
  expect(stat.mzxid).toBe(configVersionToNumber(config.version!));
  const clientLine = formatClientConfig(text);
  expect(clientLine.startsWith(`${config.version} `)).toBe(true);
  expect(clientLine.split(' ')[1]!.split(',').sort()).toEqual(sandbox().members.map((n) => `127.0.0.1:${n.clientPort}`).sort());
});

it('agrees with every member\'s `conf` membership and finds one leader', async () => {
  const { data } = await client.getConfig();
  const config = parseDynamicConfig(data?.toString() ?? '');
  const modes: string[] = [];
  for (const node of sandbox().members) {
    const reply = await fourLetterWord('127.0.0.1', node.clientPort, 'conf');
    const conf = parseConf(reply.kind === 'ok' ? reply.text : '');
    expect(conf.serverId).toBe(node.id);
    expect(conf.membership).toEqual(config);
    modes.push((await srvrMode(node.clientPort)) ?? 'down');
  }
  expect(modes.filter((m) => m === 'leader')).toHaveLength(1);
  expect(modes.filter((m) => m === 'follower')).toHaveLength(2);
  const leader = sandbox().members[modes.indexOf('leader')]!;
  const mntr = await fourLetterWord('127.0.0.1', leader.clientPort, 'mntr');
  const metrics = parseMntr(mntr.kind === 'ok' ? mntr.text : '');
  expect(metrics['zk_synced_followers']).toBe(2);
  expect(metrics['zk_quorum_size']).toBe(3);
});

it('reconfigures: NoAuth without super, BadVersion on a stale version, remove and re-add a follower', async () => {
  const events = record(client);
  const before = await client.getConfig({ watch: true });
  const version = parseDynamicConfig(before.data?.toString() ?? '').version!;

  const modes = await Promise.all(sandbox().members.map((n) => srvrMode(n.clientPort)));
  const follower = sandbox().members.find((_, i) => modes[i] === 'follower')!;

  const denied = createZkClient({ connectString: sandbox().connectString });
  try {
    await expect(denied.reconfig({ leaving: String(follower.id) })).rejects.toMatchObject({ code: 'NoAuth', path: null });
  } finally {
    await denied.close();
  }

  await client.addAuth('digest', `${sandbox().superUser}:${sandbox().superPassword}`);
  await expect(client.reconfig({ leaving: String(follower.id), version: 0x1234 })).rejects.toMatchObject({
    code: 'BadVersion',
    path: null,
    message: 'KeeperErrorCode = BadVersion',
  });

  const removed = await client.reconfig({ leaving: String(follower.id), version: configVersionToNumber(version) });
  const afterRemove = parseDynamicConfig(removed.data?.toString() ?? '');
  expect(afterRemove.servers.map((s) => s.id)).not.toContain(follower.id);
  expect(afterRemove.servers).toHaveLength(2);
  expect(afterRemove.version).not.toBe(version);
  expect(removed.stat.mzxid).toBe(configVersionToNumber(afterRemove.version!));
  expect(await events.waitForWatch((e) => e.type === 'NodeDataChanged', { fromIndex: 0 })).toEqual({
    type: 'NodeDataChanged',
    state: 'SyncConnected',
    path: '/zookeeper/config',
  });

  const added = await client.reconfig({ joining: `server.${follower.id}=${follower.serverSpec}` });
  expect(parseDynamicConfig(added.data?.toString() ?? '').servers.map((s) => s.id)).toEqual([1, 2, 3]);
});
