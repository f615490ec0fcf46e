// copy and verify between two real 3-server ensembles: a 10k-node tree with digest ACLs, null
// and binary data, persistent sequential nodes (counter preserved) and ephemerals (skipped);
// an interrupted copy resumed; differences found by verify and repaired by re-running copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsCommands } from '../../src/commands/ops/index.js';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import { digestFor } from '../../src/zk/acl.js';
import { createZkClient } from '../../src/zk/client.js';
import { PERM, type Acl, type ZkClient } from '../../src/zk/types.js';
import { ShellHarness } from '../commands/harness.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureBuilt } from '../pegasus/helpers.js';

const source = useSandbox({ nodes: 3 });
const target = useSandbox({ nodes: 3 });

const GROUPS = 100;
const LEAVES = 99;
let h: ShellHarness; // current session: the source ensemble, as super
let owner: ZkClient; // holds the source's ephemerals
let dst: ZkClient; // the target ensemble, as super
let secureAcl: Acl[];
let dstCs: string;

async function pipelined<T>(items: readonly T[], window: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: window }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

beforeAll(async () => {
  await ensureBuilt(); // copy and verify run their sessions in build/ops/remote/bulkWorker.js
  const sb = source();
  h = await ShellHarness.open(sb.connectString, { assumeYes: true });
  h.registry.registerAll(opsCommands({ resolveProfile: (name) => (name === 'target-profile' ? target().connectString : null) }));
  await h.run(`addauth digest ${sb.superUser}:${sb.superPassword}`);
  const zk = h.client;
  const data = Buffer.alloc(100, 7);
  await zk.create('/app', Buffer.from('root'));
  await pipelined(Array.from({ length: GROUPS }, (_, g) => g), 100, (g) => zk.create(`/app/g${g}`, Buffer.from(`group ${g}`)));
  const leaves: string[] = [];
  for (let g = 0; g < GROUPS; g++) for (let k = 0; k < LEAVES; k++) leaves.push(`/app/g${g}/n${k}`);
  await pipelined(leaves, 500, (p) => zk.create(p, data));
  // Digest ACLs: readable only by ops (and super); the copy must carry them and still create children.
  secureAcl = [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: PERM.ALL }];
  await zk.create('/app/secure', Buffer.from('s'));
  await zk.create('/app/secure/key', Buffer.from([0, 255, 1, 254]));
  await zk.setAcl('/app/secure/key', secureAcl);
  await zk.setAcl('/app/secure', [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: PERM.READ | PERM.ADMIN }]);
  await zk.create('/app/nulldata', null);
  // A queue: 20 sequential items, the first 10 consumed, so the counter (30) runs ahead of the names.
  await zk.create('/app/queue', null);
  const items: string[] = [];
  for (let i = 0; i < 20; i++) items.push(await zk.create('/app/queue/item-', Buffer.from(`job ${i}`), { mode: 'persistent_sequential' }));
  for (const p of items.slice(0, 10)) await zk.delete(p);
  owner = createZkClient({ connectString: sb.connectString });
  await owner.waitConnected(20_000);
  await owner.create('/app/live', null);
  await owner.create('/app/live/session-a', Buffer.from('e'), { mode: 'ephemeral' });
  await owner.create('/app/live/lock-', Buffer.from('e'), { mode: 'ephemeral_sequential' });
  dstCs = target().connectString;
  dst = createZkClient({ connectString: dstCs });
  await dst.waitConnected(20_000);
  await dst.addAuth('digest', `${target().superUser}:${target().superPassword}`);
});

afterAll(async () => {
  await h?.close();
  await owner?.close();
  await dst?.close();
});

const TOTAL = 1 + GROUPS + GROUPS * LEAVES + 2 + 1 + 1 + 10 + 1; // app, groups, leaves, secure+key, nulldata, queue+items, live

describe('copy and verify between ensembles', () => {
  it('copies the tree with data and ACLs, skipping ephemerals; an interrupted copy resumes', async () => {
    // First run: cancelled (Ctrl-C) part way through.
    const controller = new AbortController();
    const off = h.bus.on('progress', (e) => {
      if (e.progress.label.startsWith('copy ') && e.progress.done >= 1500) controller.abort();
    });
    const mark = h.sink.lines.length;
    const code = await h.shell.execute(`copy --auth /app ${dstCs}:/copied/app`, 'tui', controller.signal);
    off();
    expect(code).toBe(1);
    const err = h.since(mark).filter((l) => l.stream === 'stderr').map((l) => l.text).join('\n');
    expect(err).toContain('copy cancelled after');
    expect(err).toContain('run the same copy again to resume');
    // Second run: the same command picks up, skipping what is already equal.
    const r = await h.run(`copy --auth /app ${dstCs}:/copied/app`);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const summary = r.out.find((l) => l.startsWith('copy done:'))!;
    expect(summary).toContain(`${TOTAL + 2} nodes`);
    const created = Number(/ create=(\d+)/.exec(summary)![1]);
    const unchanged = Number(/unchanged=(\d+)/.exec(summary)![1]);
    expect(unchanged).toBeGreaterThanOrEqual(1000);
    expect(created + unchanged).toBe(TOTAL);
    expect(summary).toContain('ephemeral_skipped=2');
    await dst.sync('/copied/app'); // the copy wrote through its own session
    expect((await dst.get('/copied/app/g42/n17')).data).toEqual(Buffer.alloc(100, 7));
    expect((await dst.get('/copied/app/nulldata')).data).toBeNull();
    expect((await dst.get('/copied/app/secure/key')).data).toEqual(Buffer.from([0, 255, 1, 254]));
    expect((await dst.getAcl('/copied/app/secure/key')).acl).toEqual(secureAcl);
    expect((await dst.getChildren('/copied/app/live')).children).toEqual([]);
    expect((await dst.getChildren('/copied/app/queue')).children.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `item-${String(i + 10).padStart(10, '0')}`));
  });

  it('carries the sequence counter over: the next sequential name continues the source’s', async () => {
    const created = await dst.create('/copied/app/queue/item-', Buffer.from('new'), { mode: 'persistent_sequential' });
    expect(created).toBe('/copied/app/queue/item-0000000020');
    await dst.delete(created);
    // Also where the sequential children were ephemeral (not copied): the meta's next LOCKNODE.
    const lock = await dst.create('/copied/app/live/lock-', null, { mode: 'ephemeral_sequential' });
    expect(lock).toBe('/copied/app/live/lock-0000000002');
    await dst.delete(lock);
  });

  it('verifies the copy as equal (exit 0): the whole tree, and the ACLs of the secured part', async () => {
    const r = await h.run(`verify --no-acl --auth /app ${dstCs}:/copied/app`);
    expect(r.code).toBe(0);
    expect(r.out[r.out.length - 1]).toContain('EQUAL');
    expect(r.out[r.out.length - 1]).toContain(`compared=${TOTAL}`);
    expect(r.out[r.out.length - 1]).toContain('ephemeral_skipped=2');
    const acl = await h.run(`verify --auth /app/secure ${dstCs}:/copied/app/secure`);
    expect(acl.code).toBe(0);
    expect(acl.out[acl.out.length - 1]).toContain('EQUAL compared=2 ');
  });

  it('finds each kind of difference (exit 1), and a re-run of copy repairs them', async () => {
    await dst.delete('/copied/app/g3/n5');
    await dst.create('/copied/app/g3/stray', Buffer.from('x'));
    await dst.create('/copied/app/g3/stray/child', Buffer.from('x'));
    await dst.set('/copied/app/g3/n1', Buffer.from('changed'));
    await dst.setAcl('/copied/app/g3/n2', [{ scheme: 'world', id: 'anyone', perms: PERM.READ }]);
    const r = await h.run('verify --auth /app/g3 target-profile:/copied/app/g3');
    expect(r.code).toBe(1);
    expect(r.out).toContain('missing      /app/g3/n5');
    expect(r.out).toContain('extra        /copied/app/g3/stray');
    expect(r.out.find((l) => l.startsWith('data differs /app/g3/n1'))).toContain('100 bytes vs 7 bytes');
    expect(r.out.find((l) => l.startsWith('acl differs  /app/g3/n2'))).toContain('world:anyone:cdrwa vs world:anyone:r');
    expect(r.out[r.out.length - 1]).toContain('missing=1 extra=2 data_differs=1 acl_differs=1');

    const again = await h.run(`copy --auth /app/g3 ${dstCs}:/copied/app/g3`);
    expect(again.code).toBe(0);
    const summary = again.out.find((l) => l.startsWith('copy done:'))!;
    expect(summary).toContain('create=1 update=1 set_acl=1 ');
    expect(summary).toContain(`unchanged=${LEAVES + 1 - 3}`);
    // copy never deletes: the stray subtree is still there, and verify says so.
    const after = await h.run(`verify --auth /app/g3 ${dstCs}:/copied/app/g3`);
    expect(after.out[after.out.length - 1]).toContain('missing=0 extra=2 data_differs=0 acl_differs=0');
  });

  it('--dry-run writes nothing; --no-overwrite leaves existing nodes alone', async () => {
    const dry = await h.run(`copy --dry-run --auth /app/g11 ${dstCs}:/dry/g11`);
    expect(dry.code).toBe(0);
    expect(dry.out.find((l) => l.startsWith('copy --dry-run done:'))).toContain(`would_create=${LEAVES + 1} `);
    expect(await dst.exists('/dry')).toBeNull();
    await dst.set('/copied/app/g12/n0', Buffer.from('local edit'));
    const kept = await h.run(`copy --no-overwrite --auth /app/g12 ${dstCs}:/copied/app/g12`);
    expect(kept.code, kept.err.join('\n')).toBe(0);
    expect(kept.out.find((l) => l.startsWith('copy done:'))).toContain(`kept=${LEAVES + 1}`);
    expect((await dst.get('/copied/app/g12/n0')).data?.toString()).toBe('local edit');
    const one = await h.run(`copy --auth /app/g12/n1 ${dstCs}:/single/n1`);
    expect(one.out.find((l) => l.startsWith('copy done:'))).toMatch(/^copy done: 1 node in .*create=1 .*parents_created=1/);
  });

  it('refuses bad ends: ZooKeeper’s own subtree, overlapping paths, unknown clusters, wrong arity', async () => {
    expect((await h.run(`copy /zookeeper ${dstCs}:/zk`)).err.join('\n')).toContain("ZooKeeper's own subtree");
    expect((await h.run('copy /app /app/inside')).err.join('\n')).toContain('overlap on the same ensemble');
    expect((await h.run('copy nosuch:/app /x')).err.join('\n')).toContain('neither a cluster profile nor a connect string');
    expect((await h.run('copy /app')).code).toBe(1);
    expect((await h.run('copy /missing /elsewhere')).err.join('\n')).toContain('Node does not exist: /missing');
    expect((await h.run('verify /app')).code).toBe(2);
    expect((await h.run(`verify /missing ${dstCs}:/copied/app`)).code).toBe(2);
  });

  it('a bulk session syncs its server with the leader on request, so it reads writes made through another server', async () => {
    const oneServer = dstCs.split(',')[2]!;
    const session = await BulkSession.open({ connectString: oneServer, auths: [] });
    try {
      await dst.create('/synced-elsewhere', Buffer.from('x'));
      await session.sync('/synced-elsewhere');
      expect((await session.get('/synced-elsewhere')).data?.toString()).toBe('x');
      // sync checks no node: a target path that does not exist yet can be synced before a copy.
      await expect(session.sync('/not-created-yet')).resolves.toBeUndefined();
    } finally {
      await session.close();
    }
  });
});
