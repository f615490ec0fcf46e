// Writes coalesced into multis, against a real server: batches sized under jute.maxbuffer, a
// failed batch answered op by op (each caller gets its own NodeExists / NoNode), ACLs carried
// by the create itself, sequential names returned, and the same through the session worker.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import { WindowedClient } from '../../src/ops/windowedClient.js';
import { DEFAULT_MAX_BATCH_BYTES, serializedBytes, WriteBatcher } from '../../src/ops/writeBatcher.js';
import { createZkClient } from '../../src/zk/client.js';
import { ZkError, type ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 1 });
let zk: ZkClient;

beforeAll(async () => {
  zk = createZkClient({ connectString: sandbox().connectString });
  await zk.waitConnected(15_000);
});
afterAll(async () => {
  await zk?.close();
});

function codeOf(e: unknown): string {
  return e instanceof ZkError ? e.code : String(e);
}

describe('multi on the patched binding', () => {
  it('commits all ops or none, and names the op that failed', async () => {
    await zk.create('/m1', null);
    const ok = await zk.multi([
      { op: 'create', path: '/m1/a', data: Buffer.from('a') },
      { op: 'create', path: '/m1/s-', data: null, mode: 'persistent_sequential' },
      { op: 'set', path: '/m1', data: Buffer.from('top') },
    ]);
    expect(ok.rc).toBe(0);
    expect(ok.results[1]!.path).toBe('/m1/s-0000000001');
    const failed = await zk.multi([
      { op: 'create', path: '/m1/b', data: null },
      { op: 'create', path: '/m1/a', data: null },
      { op: 'create', path: '/m1/c', data: null },
    ]);
    expect(failed.results.map((r) => r.rc)).toEqual([0, -110, -2]);
    // Nothing of a failed multi is left behind.
    expect(await zk.exists('/m1/b')).toBeNull();
    expect((await zk.get('/m1')).data?.toString()).toBe('top');
  });
});

describe('WriteBatcher', () => {
  it('splits writes that would overflow jute.maxbuffer in one multi into several that fit', async () => {
    await zk.create('/big', null);
    const data = Buffer.alloc(300 * 1024, 7);
    const ops = Array.from({ length: 6 }, (_, i) => ({ op: 'create' as const, path: `/big/n${i}`, data }));
    // All six in one request (1.8 MB) is more than the server takes: it drops the connection.
    const one = createZkClient({ connectString: sandbox().connectString, callTimeoutMs: 10_000 });
    try {
      await one.waitConnected(15_000);
      const whole = await one.multi(ops).then(
        (outcome) => outcome.rc,
        (e: unknown) => codeOf(e),
      );
      expect(whole).not.toBe(0);
    } finally {
      await one.close();
    }
    expect(await zk.exists('/big/n0')).toBeNull();

    const batcher = new WriteBatcher(zk, { maxBytes: DEFAULT_MAX_BATCH_BYTES });
    await Promise.all(ops.map((op) => batcher.submit(op)));
    expect(batcher.stats.multis).toBeGreaterThanOrEqual(2);
    const stat = await zk.exists('/big');
    expect(stat?.numChildren).toBe(6);
    expect((await zk.get('/big/n5')).data?.equals(data)).toBe(true);
  });

  it('keeps every batch under --max-batch-bytes', async () => {
    await zk.create('/small', null);
    const sizes: number[] = [];
    const measuring = {
      multi: (list: Parameters<ZkClient['multi']>[0]) => {
        sizes.push(list.reduce((n, op) => n + serializedBytes(op), 0));
        return zk.multi(list);
      },
    };
    const batcher = new WriteBatcher(measuring, { maxBytes: 2_000 });
    const data = Buffer.alloc(100, 1);
    await Promise.all(Array.from({ length: 200 }, (_, i) => batcher.submit({ op: 'create', path: `/small/n${i}`, data })));
    expect((await zk.exists('/small'))?.numChildren).toBe(200);
    expect(sizes.length).toBeGreaterThanOrEqual(200 / 15);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2_000);
  });

  it('answers a failed batch op by op: each caller hears its own error, the rest commit', async () => {
    await zk.create('/retry', null);
    await zk.create('/retry/n3', Buffer.from('old'));
    await zk.create('/retry/n7', Buffer.from('old'));
    const batcher = new WriteBatcher(zk, { maxBytes: DEFAULT_MAX_BATCH_BYTES });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batcher.submit({ op: 'create', path: `/retry/n${i}`, data: Buffer.from('new') }).then(
          () => 'created',
          (e: unknown) => codeOf(e),
        ),
      ),
    );
    expect(outcomes).toEqual(['created', 'created', 'created', 'NodeExists', 'created', 'created', 'created', 'NodeExists', 'created', 'created']);
    expect(batcher.stats.failedBatches).toBeGreaterThanOrEqual(1);
    expect((await zk.get('/retry/n3')).data?.toString()).toBe('old');
    expect((await zk.exists('/retry'))?.numChildren).toBe(10);
    // A delete batch with a missing node and a non-empty one: NoNode and NotEmpty, the others go.
    const deletes = await Promise.all(
      ['/retry/n0', '/retry/missing', '/retry/n1', '/retry'].map((path) =>
        batcher.submit({ op: 'delete', path }).then(
          () => 'deleted',
          (e: unknown) => codeOf(e),
        ),
      ),
    );
    expect(deletes).toEqual(['deleted', 'NoNode', 'deleted', 'NotEmpty']);
  });
});

describe('WindowedClient with batching', () => {
  it('creates a node with its ACL in one op, in process and through the session worker', async () => {
    await zk.addAuth('digest', 'copier:secret');
    const acl = [{ scheme: 'world', id: 'anyone', perms: 1 }];
    const local = new WindowedClient(zk, 16, { maxBytes: DEFAULT_MAX_BATCH_BYTES });
    await local.create('/acl-local', Buffer.from('x'), 'persistent', acl);
    expect((await zk.getAcl('/acl-local')).acl).toEqual(acl);

    const session = await BulkSession.open({ connectString: sandbox().connectString });
    try {
      const remote = new WindowedClient(session, 16, { maxBytes: DEFAULT_MAX_BATCH_BYTES });
      await remote.create('/acl-remote', null, 'persistent', acl);
      const created = await remote.create('/acl-remote-seq-', Buffer.from('s'), 'persistent_sequential');
      expect(created).toMatch(/^\/acl-remote-seq-\d{10}$/);
      // Unbatched, an ACL still travels with the create (a multi of one).
      const plain = new WindowedClient(session, 16);
      await plain.create('/acl-plain', null, 'persistent', acl);
      await expect(plain.create('/acl-plain', null, 'persistent', acl)).rejects.toMatchObject({ code: 'NodeExists' });
    } finally {
      await session.close();
    }
    expect((await zk.getAcl('/acl-remote')).acl).toEqual(acl);
    expect((await zk.getAcl('/acl-plain')).acl).toEqual(acl);
    expect((await zk.get('/acl-remote')).data).toBeNull();
  });
});

describe('WriteBatcher scheduling', () => {
  /** A stand-in for the server's side of multi: each call waits until the test lets it answer. */
  function heldServer() {
    const calls: { size: number; answer: () => void }[] = [];
    const client = {
      multi: (ops: readonly { path: string }[]) =>
        new Promise<{ rc: number; results: { rc: number; path?: string }[] }>((resolve) => {
          calls.push({ size: ops.length, answer: () => resolve({ rc: 0, results: ops.map((o) => ({ rc: 0, path: o.path })) }) });
        }),
    };
    return { client, calls };
  }
  const create = (i: number) => ({ op: 'create' as const, path: `/held/n${i}`, data: null });
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('holds a short batch while a multi is in flight, then sends what gathered as one multi', async () => {
    const { client, calls } = heldServer();
    const batcher = new WriteBatcher(client, { maxBytes: DEFAULT_MAX_BATCH_BYTES, maxOps: 100 });
    const first = batcher.submit(create(0));
    await turn();
    expect(calls.map((c) => c.size)).toEqual([1]);
    // Writes trickling in, one per turn, while the first multi is out: none goes alone.
    const later: Promise<unknown>[] = [];
    for (let i = 1; i <= 5; i++) {
      later.push(batcher.submit(create(i)));
      await turn();
    }
    expect(calls.map((c) => c.size)).toEqual([1]);
    calls[0]!.answer();
    await first;
    await turn();
    expect(calls.map((c) => c.size)).toEqual([1, 5]);
    calls[1]!.answer();
    await Promise.all(later);
  });

  it('sends a full batch at once, even with another multi in flight', async () => {
    const { client, calls } = heldServer();
    const batcher = new WriteBatcher(client, { maxBytes: DEFAULT_MAX_BATCH_BYTES, maxOps: 10 });
    const all = [batcher.submit(create(0))];
    await turn();
    for (let i = 1; i <= 10; i++) all.push(batcher.submit(create(i)));
    await turn();
    expect(calls.map((c) => c.size)).toEqual([1, 10]);
    for (const c of calls) c.answer();
    await Promise.all(all);
  });

  it('once writes stream, a short batch with nothing in flight lingers to fill; the first multis and a full batch go at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { client, calls } = heldServer();
      const batcher = new WriteBatcher(client, { maxBytes: DEFAULT_MAX_BATCH_BYTES, maxOps: 10, lingerMs: 50 });
      // A small copy: its first multis go as soon as nothing is in flight, no waiting.
      for (let i = 0; i < 4; i++) {
        const write = batcher.submit(create(i));
        await turn();
        expect(calls.length).toBe(i + 1);
        calls[i]!.answer();
        await write;
      }
      // Streaming now: three writes trickle in with nothing in flight, and wait together.
      const gathered = [4, 5, 6].map((i) => batcher.submit(create(i)));
      await turn();
      vi.advanceTimersByTime(49);
      await turn();
      expect(calls.length).toBe(4);
      vi.advanceTimersByTime(1);
      await turn();
      expect(calls.map((c) => c.size)).toEqual([1, 1, 1, 1, 3]);
      calls[4]!.answer();
      await Promise.all(gathered);
      // Ten (a full multi) do not wait.
      const full = Array.from({ length: 10 }, (_, i) => batcher.submit(create(10 + i)));
      await turn();
      expect(calls.map((c) => c.size)).toEqual([1, 1, 1, 1, 3, 10]);
      calls[5]!.answer();
      await Promise.all(full);
    } finally {
      vi.useRealTimers();
    }
  });
});
