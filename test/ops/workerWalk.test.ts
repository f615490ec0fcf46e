// The sorted depth-first walk a session worker runs itself and streams to its parent in
// batches: the same nodes in the same order as the walk made request by request, a run-ahead
// bounded by what the consumer has taken, a stop that leaves the session usable, and a read
// error that reaches the consumer with its ZooKeeper code. Against a real server.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTreeOrdered, type SourceStats } from '../../src/ops/orderedSource.js';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import type { WalkEvent } from '../../src/ops/remote/protocol.js';
import { WorkerWalk } from '../../src/ops/remote/workerWalk.js';
import type { TreeNode } from '../../src/ops/sourceNode.js';
import { TreeEstimate } from '../../src/ops/treeEstimate.js';
import { digestFor } from '../../src/zk/acl.js';
import { createZkClient } from '../../src/zk/client.js';
import { ZkError, type ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 1 });
let zk: ZkClient;
let session: BulkSession;

/** 6,000 nodes below /ww: 60 groups of 99 leaves, more than the worker may run ahead (4,096). */
const GROUPS = 60;
const LEAVES = 99;
const TREE_NODES = 1 + GROUPS * (1 + LEAVES);

beforeAll(async () => {
  zk = createZkClient({ connectString: sandbox().connectString });
  await zk.waitConnected(15_000);
  const paths = ['/ww'];
  for (let g = 0; g < GROUPS; g++) {
    paths.push(`/ww/g${g}`);
    for (let l = 0; l < LEAVES; l++) paths.push(`/ww/g${g}/n${l}`);
  }
  for (let i = 0; i < paths.length; i += 500) {
    const outcome = await zk.multi(paths.slice(i, i + 500).map((path) => ({ op: 'create' as const, path, data: Buffer.from(path) })));
    expect(outcome.rc).toBe(0);
  }
  // An ephemeral (skipped), a secured node (its ACL read), and one we may not read at all.
  await zk.create('/ww/g0/eph', null, { mode: 'ephemeral' });
  await zk.create('/walk-denied', null);
  await zk.create('/walk-denied/a', null);
  await zk.create('/walk-denied/a/secret', Buffer.from('s'), { acl: [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: 31 }] });
  session = await BulkSession.open({ connectString: sandbox().connectString });
}, 60_000);

afterAll(async () => {
  await session?.close();
  await zk?.close();
});

async function collect(nodes: AsyncIterable<TreeNode>): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for await (const n of nodes) out.push(n);
  return out;
}

const shape = (n: TreeNode) => ({ rel: n.rel, data: n.data?.toString() ?? null, acl: n.acl, hasChildren: n.hasChildren, version: n.stat.version });

describe('a walk streamed from the session worker', () => {
  it('yields the nodes, order, stats and estimate of the walk made request by request', async () => {
    const local: SourceStats = { ephemeralsSkipped: 0, vanished: 0 };
    const remote: SourceStats = { ephemeralsSkipped: 0, vanished: 0 };
    const estimate = new TreeEstimate();
    const expected = await collect(readTreeOrdered(zk, '/ww', { window: 64, acls: true, stats: local }));
    const streamed = await collect(readTreeOrdered(session, '/ww', { window: 64, acls: true, stats: remote, estimate }));
    expect(streamed.length).toBe(TREE_NODES);
    expect(streamed.map(shape)).toEqual(expected.map(shape));
    expect(streamed[1]!.rel).toBe('g0');
    expect(Buffer.isBuffer(streamed[2]!.data)).toBe(true);
    // Each node's data owns its bytes: a view into the message its batch came in would keep the
    // whole batch alive as long as any one node of it (a lagging write, a line in gzip).
    const views = streamed.filter((n) => n.data !== null && n.data.buffer.byteLength > Math.max(Buffer.poolSize, n.data.length));
    expect(views.length).toBe(0);
    expect(remote).toEqual({ ephemeralsSkipped: 1, vanished: 0 });
    expect(local).toEqual(remote);
    // The estimate is exact once the walk is done: every node, the skipped ephemeral too.
    expect(estimate.total()).toBe(TREE_NODES + 1);
  });

  it('a consumer that stops early stops the walk, and the session answers the next request', async () => {
    const first: string[] = [];
    for await (const n of session.walkOrdered('/ww', { window: 64, acls: false, stats: { ephemeralsSkipped: 0, vanished: 0 } })) {
      first.push(n.rel);
      if (first.length === 3) break;
    }
    expect(first).toEqual(['', 'g0', 'g0/n0']);
    expect((await session.get('/ww/g1/n1')).data?.toString()).toBe('/ww/g1/n1');
  });

  it('a node it may not read fails the walk with that node and ZooKeeper’s code', async () => {
    const walk = collect(session.walkOrdered('/walk-denied', { window: 8, acls: true, stats: { ephemeralsSkipped: 0, vanished: 0 } }));
    const error = await walk.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZkError);
    expect((error as ZkError).code).toBe('NoAuth');
    expect((error as ZkError).path).toBe('/walk-denied/a/secret');
  });
});

describe('WorkerWalk (the worker side)', () => {
  it('runs ahead of its consumer by at most 4,096 nodes (and a batch), and goes on when they are taken', async () => {
    let sent = 0;
    let bytes = 0;
    let credited = 0;
    let maxAhead = 0;
    const events: WalkEvent['t'][] = [];
    const walk = new WorkerWalk({ t: 'walk', id: 1, root: '/ww', window: 64, acls: false }, (e) => {
      events.push(e.t);
      if (e.t !== 'walkNodes') return;
      sent += e.nodes.length;
      bytes += e.bytes;
      maxAhead = Math.max(maxAhead, sent - credited);
    });
    const done = walk.run(zk);
    // Nothing taken yet: the walk comes to wait for its consumer (unbounded, it would send all and end).
    await vi.waitFor(() => expect(walk.waitingForConsumer).toBe(true), { timeout: 30_000, interval: 20 });
    expect(sent).toBeGreaterThanOrEqual(4096);
    expect(events).not.toContain('walkEnd');
    credited = sent;
    walk.credit(sent, bytes);
    await done;
    expect(sent).toBe(TREE_NODES);
    expect(maxAhead).toBeLessThanOrEqual(4096 + 512);
    expect(events.at(-1)).toBe('walkEnd');
  });

  it('stops when told, without an end or an error', async () => {
    const events: WalkEvent['t'][] = [];
    const walk = new WorkerWalk({ t: 'walk', id: 2, root: '/ww', window: 64, acls: false }, (e) => events.push(e.t));
    const done = walk.run(zk);
    await vi.waitFor(() => expect(events).toContain('walkNodes'), { timeout: 30_000, interval: 5 });
    walk.stop();
    await done;
    expect(events.filter((t) => t !== 'walkNodes')).toEqual([]);
  });
});
