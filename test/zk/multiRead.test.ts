// multiRead (ZooKeeper 3.6+: getData and getChildren of many paths in one request), added to the
// native client by zkpilot's patch, the queue that batches a walk's getData into it, the `srvr`
// check that decides whether a session may use it, and the walk that does. Against real servers:
// a 3.8 server answers each op on its own; a 3.4 server answers Unimplemented and drops the
// connection, and must never be asked.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import { MultiReadQueue } from '../../src/ops/remote/multiReadQueue.js';
import { nativeReader } from '../../src/ops/remote/nativeReader.js';
import type { TreeNode } from '../../src/ops/sourceNode.js';
import { digestFor } from '../../src/zk/acl.js';
import { createZkClient } from '../../src/zk/client.js';
import { toStat } from '../../src/zk/convert.js';
import { RC } from '../../src/zk/errors.js';
import { fourLetterWord, parseSrvr } from '../../src/zk/fourLetter.js';
import { loadNativeZk, type NativeReadResult, type NativeStat, type NativeZk } from '../../src/zk/native.js';
import { atLeast, serversHaveMultiRead } from '../../src/zk/serverFeatures.js';
import type { ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';
import type { Sandbox } from '../../src/sandbox/ensemble.js';

async function openNative(connectString: string): Promise<NativeZk> {
  const Native = loadNativeZk();
  const zk = new Native({ connect: connectString, timeout: 20_000, debug_level: 0 });
  const up = new Promise<void>((resolve) => zk.once('connect', () => resolve()));
  zk.init({});
  await up;
  return zk;
}

function multiRead(zk: NativeZk, types: number[], paths: string[]): Promise<{ rc: number; results: NativeReadResult[] }> {
  return new Promise((resolve, reject) => {
    const rc = zk.a_multi_read(types, paths, (whole, _e, results) => resolve({ rc: whole, results }));
    if (rc !== RC.OK) reject(new Error(`not sent: rc ${rc}`));
  });
}

function plainGet(zk: NativeZk, path: string): Promise<{ rc: number; data: Buffer | null; stat: NativeStat | null }> {
  return new Promise((resolve) => zk.a_get(path, false, (rc, _e, stat, data) => resolve({ rc, data, stat })));
}

/** Requests the server has received so far (srvr's `Received`). */
async function received(sb: Sandbox): Promise<number> {
  const node = sb.members[0]!;
  const reply = await fourLetterWord(node.host, node.clientPort, 'srvr');
  if (reply.kind !== 'ok') throw new Error(`srvr: ${reply.kind}`);
  return parseSrvr(reply.text).received!;
}

const GET_DATA = 4;
const GET_CHILDREN = 8;

describe('multiRead on ZooKeeper 3.8', () => {
  const sandbox = useSandbox({ nodes: 1 });
  let client: ZkClient;
  let zk: NativeZk;

  beforeAll(async () => {
    client = createZkClient({ connectString: sandbox().connectString });
    await client.waitConnected(15_000);
    await client.create('/mr', Buffer.from('root'));
    await client.create('/mr/null', null);
    await client.create('/mr/empty', Buffer.alloc(0));
    await client.create('/mr/bin', Buffer.from([0, 255, 1, 128]));
    await client.create('/mr/big', Buffer.alloc(512 * 1024, 7));
    await client.create('/mr/secret', Buffer.from('s'), { acl: [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: 31 }] });
    const leaves = Array.from({ length: 300 }, (_, i) => ({ op: 'create' as const, path: `/mr-many-${i}`, data: Buffer.from(`leaf ${i}`) }));
    expect((await client.multi(leaves)).rc).toBe(0);
    zk = await openNative(sandbox().connectString);
  }, 60_000);

  afterAll(async () => {
    zk?.close();
    await client?.close();
  });

  it('answers each op as the request of its own would, missing and forbidden nodes included', async () => {
    const paths = ['/mr', '/mr/null', '/mr/empty', '/mr/bin', '/mr/missing', '/mr/secret', '/mr'];
    const types = [GET_DATA, GET_DATA, GET_DATA, GET_DATA, GET_DATA, GET_DATA, GET_CHILDREN];
    const { results } = await multiRead(zk, types, paths);
    expect(results.map((r) => r.err)).toEqual([RC.OK, RC.OK, RC.OK, RC.OK, RC.NONODE, RC.NOAUTH, RC.OK]);
    for (const i of [0, 1, 2, 3]) {
      const plain = await plainGet(zk, paths[i]!);
      expect(results[i]!.data).toEqual(plain.data);
      expect(results[i]!.stat).toEqual(toStat(plain.stat!));
    }
    expect(results[1]!.data).toBeNull();
    expect(results[2]!.data).toEqual(Buffer.alloc(0));
    expect(results[6]!.children!.sort()).toEqual(['big', 'bin', 'empty', 'null', 'secret']);
  });

  it('refuses a bad path or op type before anything is sent', () => {
    const never = () => expect.unreachable('a refused request has no completion');
    expect(zk.a_multi_read([GET_DATA, GET_DATA], ['/mr', 'relative'], never)).toBe(RC.BADARGUMENTS);
    expect(zk.a_multi_read([5], ['/mr'], never)).toBe(RC.BADARGUMENTS);
    expect(zk.a_multi_read([], [], never)).toBe(RC.BADARGUMENTS);
    expect(() => zk.a_multi_read([GET_DATA], [], never)).toThrow(/one op type per path/);
  });

  it('batches the getData of one event-loop turn and answers each caller', async () => {
    let requests = 0;
    const counting = { a_multi_read: (...a: Parameters<NativeZk['a_multi_read']>) => (requests++, zk.a_multi_read(...a)), a_get: zk.a_get.bind(zk) } as unknown as NativeZk;
    const queue = new MultiReadQueue(counting);
    const reads = await Promise.allSettled([...Array.from({ length: 300 }, (_, i) => queue.get(`/mr-many-${i}`)), queue.get('/mr/missing')]);
    expect(reads.slice(0, 300).map((r) => (r.status === 'fulfilled' ? r.value.data?.toString() : r.status))).toEqual(Array.from({ length: 300 }, (_, i) => `leaf ${i}`));
    expect(reads[300]).toMatchObject({ status: 'rejected', reason: { code: 'NoNode', path: '/mr/missing' } });
    // 301 reads in multiReads of 16 to 128 (the first batches are planned for 64 KiB nodes).
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(Math.ceil(301 / 16));
  });

  it('makes its multiReads small once it has seen large data', async () => {
    const queue = new MultiReadQueue(zk);
    expect(queue.opsPerRequest()).toBe(16);
    const big = await queue.get('/mr/big');
    expect(big.data!.length).toBe(512 * 1024);
    expect(queue.opsPerRequest()).toBe(2);
  });

  it('holds the requests of a turn in the socket and sends them when uncorked', async () => {
    expect(zk.cork(true)).toBe(RC.OK);
    const answer = plainGet(zk, '/mr');
    expect(zk.cork(false)).toBe(RC.OK);
    expect((await answer).data!.toString()).toBe('root');
  });

  it('is what a session worker’s walk reads with: about one request per node instead of two', async () => {
    const countWalk = async (): Promise<{ nodes: number; requests: number }> => {
      const session = await BulkSession.open({ connectString: sandbox().connectString });
      try {
        const before = await received(sandbox());
        const nodes: TreeNode[] = [];
        for await (const n of session.walkOrdered('/', { window: 256, acls: true, stats: { vanished: 0, ephemeralsSkipped: 0 } })) nodes.push(n);
        return { nodes: nodes.length, requests: (await received(sandbox())) - before };
      } finally {
        await session.close();
      }
    };
    // The secured node would stop the walk (NoAuth): open it to everyone first.
    await client.addAuth('digest', 'ops:pw');
    await client.setAcl('/mr/secret', [{ scheme: 'world', id: 'anyone', perms: 31 }]);
    const batched = await countWalk();
    process.env.ZKPILOT_MULTI_READ = '0';
    let plain: { nodes: number; requests: number };
    try {
      plain = await countWalk();
    } finally {
      delete process.env.ZKPILOT_MULTI_READ;
    }
    expect(batched.nodes).toBe(plain.nodes);
    expect(batched.nodes).toBeGreaterThan(300);
    expect(plain.requests).toBeGreaterThanOrEqual(2 * plain.nodes);
    expect(batched.requests).toBeLessThan(1.3 * batched.nodes);
  }, 60_000);

  it('is used only when every server of the connect string runs 3.6 or later', async () => {
    const node = sandbox().members[0]!;
    expect(await serversHaveMultiRead(sandbox().connectString)).toBe(true);
    expect(await serversHaveMultiRead(`${sandbox().connectString}/some/chroot`)).toBe(true);
    // A server that does not answer may be an older one.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    expect(await serversHaveMultiRead(`${node.host}:${node.clientPort},127.0.0.1:${closed}`)).toBe(false);
    expect(await serversHaveMultiRead('not a connect string:x')).toBe(false);
  });
});

describe('multiRead against ZooKeeper 3.4.13', () => {
  const sandbox = useSandbox({ nodes: 1, zkVersions: ['3.4.13'] });

  it('is not used, and a server asked anyway answers Unimplemented without harm to the process', async () => {
    expect(await serversHaveMultiRead(sandbox().connectString)).toBe(false);
    const zk = await openNative(sandbox().connectString);
    try {
      const again = new Promise<void>((resolve) => zk.once('connect', () => resolve()));
      const { results } = await multiRead(zk, [GET_DATA, GET_CHILDREN], ['/', '/']);
      expect(results.map((r) => r.err)).toEqual([RC.UNIMPLEMENTED, RC.UNIMPLEMENTED]);
      // The server dropped the connection; the session comes back and plain reads work.
      await again;
      expect((await plainGet(zk, '/')).rc).toBe(RC.OK);
      // A walk's reader on such a session fails those reads and stops batching.
      const reader = nativeReader(zk, { multiRead: true });
      const back = new Promise<void>((resolve) => zk.once('connect', () => resolve()));
      const refused = await Promise.allSettled([reader.get('/'), reader.get('/zookeeper')]);
      expect(refused).toMatchObject([{ reason: { code: 'Unimplemented' } }, { reason: { code: 'Unimplemented' } }]);
      await back;
      const [root, zookeeper] = await Promise.all([reader.get('/'), reader.get('/zookeeper')]);
      expect(root.stat.numChildren).toBeGreaterThan(0);
      expect(zookeeper.stat.numChildren).toBeGreaterThan(0);
    } finally {
      zk.close();
    }
  }, 60_000);
});

describe('a server whose whitelist leaves srvr out', () => {
  it('means plain reads (its version cannot be known)', async () => {
    // What such a server answers (3.5.3+, `4lw.commands.whitelist` without srvr).
    const server = net.createServer((socket) => socket.resume().end('srvr is not executed because it is not in the whitelist.\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await serversHaveMultiRead(`127.0.0.1:${(server.address() as net.AddressInfo).port}`)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('atLeast', () => {
  it('compares release numbers, not strings', () => {
    expect(atLeast('3.6.0', [3, 6, 0])).toBe(true);
    expect(atLeast('3.10.1-SNAPSHOT', [3, 6, 0])).toBe(true);
    expect(atLeast('4.0.0', [3, 6, 0])).toBe(true);
    expect(atLeast('3.5.10', [3, 6, 0])).toBe(false);
    expect(atLeast('3.4.13', [3, 6, 0])).toBe(false);
    expect(atLeast('3.6', [3, 6, 0])).toBe(false);
    expect(atLeast('unknown', [3, 6, 0])).toBe(false);
  });
});
