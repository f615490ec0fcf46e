// client.ts against a real ZooKeeper 3.8 (one-member sandbox ensemble; no mocks).

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZkClient } from '../../src/zk/client.js';
import { CreateAclError } from '../../src/zk/errors.js';
import { digestFor } from '../../src/zk/acl.js';
import { InvalidPathError } from '../../src/zk/paths.js';
import { formatStat } from '../../src/zk/statFormat.js';
import { PERM, ZkError, type ZkClient } from '../../src/zk/types.js';
import { parseDynamicConfig } from '../../src/zk/dynamicConfig.js';
import { useSandbox } from '../helpers/sandbox.js';
import { record, type Recorder } from './events.js';
import { freePort, runZkCli } from './zkCli.js';

// TTL nodes need extendedTypesEnabled; reconfigEnabled=false gives the "Reconfig is disabled" path.
const sandbox = useSandbox({ nodes: 1, extraConfig: ['extendedTypesEnabled=true', 'reconfigEnabled=false'] });
let zk: { connectString: string };
let client: ZkClient;
let events: Recorder;

const text = (data: Buffer | null): string | null => (data === null ? null : data.toString('utf8'));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  zk = { connectString: sandbox().connectString };
  client = createZkClient({ connectString: zk.connectString });
  events = record(client);
  await client.waitConnected(20_000);
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe('session', () => {
  it('connects and reports the session', () => {
    expect(client.state).toBe('CONNECTED');
    expect(client.sessionId).toMatch(/^[0-9a-f]+$/);
    // Asked for zkCli's 30 s; the sandbox caps sessions at maxSessionTimeout (20 ticks = 20 s).
    expect(client.sessionTimeoutMs).toBe(20_000);
    expect(client.connectString).toBe(zk.connectString);
    expect(events.states.map((s) => s.state)).toEqual(['CONNECTED']);
    expect(events.watches[0]).toEqual({ type: 'None', state: 'SyncConnected', path: null });
  });
});

describe('CRUD', () => {
  it('creates, reads, updates and deletes with stats', async () => {
    expect(await client.create('/crud', Buffer.from('hello'))).toBe('/crud');
    const got = await client.get('/crud');
    expect(text(got.data)).toBe('hello');
    expect(got.stat).toMatchObject({ version: 0, cversion: 0, aversion: 0, dataLength: 5, numChildren: 0, ephemeralOwner: '0' });
    expect(got.stat.czxid).toBe(got.stat.mzxid);
    expect(Math.abs(got.stat.ctime - Date.now())).toBeLessThan(60_000);
    const lines = formatStat(got.stat, 'UTC');
    expect(lines[0]).toBe(`cZxid = 0x${got.stat.czxid.toString(16)}`);
    expect(lines).toHaveLength(11);

    const setStat = await client.set('/crud', Buffer.from('world'), 0);
    expect(setStat.version).toBe(1);
    expect(setStat.mzxid).toBeGreaterThan(got.stat.mzxid);
    expect(await client.exists('/crud')).toMatchObject({ version: 1, dataLength: 5 });

    await client.create('/crud/child', Buffer.from('c'));
    const listing = await client.getChildren('/crud');
    expect(listing.children).toEqual(['child']);
    expect(listing.stat.numChildren).toBe(1);

    await client.delete('/crud/child', 0);
    await client.delete('/crud');
    expect(await client.exists('/crud')).toBeNull();
  });

  it('keeps binary data intact, up to ~1 MB', async () => {
    const big = Buffer.alloc(1_000_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    await client.create('/big', big);
    for (let i = 0; i < 3; i++) expect((await client.get('/big')).data?.equals(big)).toBe(true);
    expect(client.state).toBe('CONNECTED');
    await client.delete('/big');
  });

  it('stores create(path, null) and set(path, null) as null data, as Java does; empty stays empty', async () => {
    await client.create('/nulldata', null);
    const mine = await client.get('/nulldata');
    expect(mine.data).toBeNull();
    expect(mine.stat.dataLength).toBe(0);
    await client.set('/nulldata', Buffer.alloc(0));
    expect((await client.get('/nulldata')).data).toEqual(Buffer.alloc(0));
    await client.set('/nulldata', null);
    expect((await client.get('/nulldata')).data).toBeNull();

    const cli = await runZkCli(zk.connectString, ['create', '/javanull']);
    expect(cli.stderr).toContain('Created /javanull');
    expect((await client.get('/javanull')).data).toBeNull();
  }, 30_000);

  it('creates sequential, ephemeral, container and TTL nodes', async () => {
    await client.create('/modes', null);
    expect(await client.create('/modes/s-', Buffer.from('a'), { mode: 'persistent_sequential' })).toBe('/modes/s-0000000000');
    expect(await client.create('/modes/s-', Buffer.from('b'), { mode: 'persistent_sequential' })).toBe('/modes/s-0000000001');
    expect(await client.create('/modes/', null, { mode: 'persistent_sequential' })).toBe('/modes/0000000002');

    const ephemeral = await client.create('/modes/eph', Buffer.from('e'), { mode: 'ephemeral' });
    expect((await client.exists(ephemeral))?.ephemeralOwner).toBe(client.sessionId);
    const seqEph = await client.create('/modes/es-', null, { mode: 'ephemeral_sequential' });
    expect(seqEph).toMatch(/^\/modes\/es-\d{10}$/);
    const noKids = await rejection(client.create('/modes/eph/kid', null));
    expect(noKids).toMatchObject({ code: 'NoChildrenForEphemerals', path: '/modes/eph/kid' });

    expect(await client.create('/modes/box', null, { mode: 'container' })).toBe('/modes/box');
    expect(await client.exists('/modes/box')).not.toBeNull();

    expect(await client.create('/modes/ttl', null, { mode: 'persistent_with_ttl', ttlMs: 60_000 })).toBe('/modes/ttl');
    expect(await client.create('/modes/ttls-', null, { mode: 'persistent_sequential_with_ttl', ttlMs: 60_000 })).toMatch(/^\/modes\/ttls-\d{10}$/);
    expect(await rejection(client.create('/modes/ttl2', null, { mode: 'persistent_with_ttl' }))).toMatchObject({ code: 'BadArguments' });
    expect(await rejection(client.create('/modes/ttl3', null, { mode: 'ephemeral', ttlMs: 5 }))).toMatchObject({ code: 'BadArguments' });
  });

  it('maps server errors to KeeperException codes with the call\'s path', async () => {
    await client.create('/errs', null);
    await client.create('/errs/kid', null);
    const exists = await rejection(client.create('/errs', null));
    expect(exists).toBeInstanceOf(ZkError);
    expect(exists).toMatchObject({ code: 'NodeExists', rc: -110, path: '/errs', message: 'KeeperErrorCode = NodeExists for /errs' });
    expect(await rejection(client.get('/missing'))).toMatchObject({ code: 'NoNode', path: '/missing' });
    expect(await rejection(client.getChildren('/missing'))).toMatchObject({ code: 'NoNode' });
    expect(await rejection(client.delete('/missing'))).toMatchObject({ code: 'NoNode' });
    expect(await rejection(client.create('/missing/kid', null))).toMatchObject({ code: 'NoNode', path: '/missing/kid' });
    expect(await rejection(client.delete('/errs'))).toMatchObject({
      code: 'NotEmpty',
      message: 'KeeperErrorCode = Directory not empty for /errs',
    });
    expect(await rejection(client.set('/errs', Buffer.from('x'), 99))).toMatchObject({ code: 'BadVersion', path: '/errs' });
    expect(await rejection(client.delete('/errs/kid', 7))).toMatchObject({ code: 'BadVersion', path: '/errs/kid' });
    expect(await rejection(client.setAcl('/errs', [], -1))).toMatchObject({ code: 'InvalidACL' });
  });

  it('validates paths like the Java client before sending', async () => {
    const error = await rejection(client.get('app'));
    expect(error).toBeInstanceOf(InvalidPathError);
    expect((error as Error).message).toBe('Path must start with / character');
    expect(((await rejection(client.create('/app//x', null))) as Error).message).toBe(
      'Invalid path string "/app//x" caused by empty node name specified @5',
    );
    expect(((await rejection(client.exists('/app/'))) as Error).message).toBe('Path must not end with / character');
  });

  it('syncs, reads the config and reports a disabled reconfig', async () => {
    await client.sync('/');
    const config = await client.getConfig();
    const parsed = parseDynamicConfig(config.data?.toString() ?? '');
    expect(parsed.servers.map((s) => s.clientPort)).toEqual([sandbox().nodes[0]!.clientPort]);
    expect(config.stat.aversion).toBe(-1);
    const refused = await rejection(client.reconfig({ leaving: '3' }));
    expect(refused).toMatchObject({ code: 'ReconfigDisabled', path: null, message: 'KeeperErrorCode = Reconfig is disabled' });
  });
});

describe('ACLs and auth', () => {
  it('creates with an ACL in one op, as Java does (aclVersion 0), and reads it back', async () => {
    await client.create('/ro', Buffer.from('r'), { acl: [{ scheme: 'world', id: 'anyone', perms: PERM.READ }] });
    const { acl, stat } = await client.getAcl('/ro');
    expect(acl).toEqual([{ scheme: 'world', id: 'anyone', perms: PERM.READ }]);
    expect(stat.aversion).toBe(0);
    expect(await rejection(client.set('/ro', Buffer.from('w')))).toMatchObject({ code: 'NoAuth', path: '/ro' });
    expect((await client.getAcl('/')).acl).toEqual([{ scheme: 'world', id: 'anyone', perms: PERM.ALL }]);
  });

  // A failing a_get_acl segfaults the binding; these must come back as errors, process alive.
  it('answers getAcl failures with errors instead of crashing', async () => {
    expect(await rejection(client.getAcl('/no/such/node'))).toMatchObject({ code: 'NoNode', path: '/no/such/node' });
    expect(await rejection(client.getAcl('bad'))).toBeInstanceOf(InvalidPathError);

    // ADMIN without READ: still readable (getAcl needs READ or ADMIN).
    await client.create('/admin-only', null, { acl: [{ scheme: 'world', id: 'anyone', perms: PERM.ADMIN }] });
    expect((await client.getAcl('/admin-only')).acl).toEqual([{ scheme: 'world', id: 'anyone', perms: PERM.ADMIN }]);

    // Neither READ nor ADMIN: the server says NoAuth (the helper process takes the crash).
    await client.create('/write-only', null, { acl: [{ scheme: 'world', id: 'anyone', perms: PERM.WRITE }] });
    expect(await rejection(client.getAcl('/write-only'))).toMatchObject({ code: 'NoAuth', path: '/write-only' });
    expect((await client.getAcl('/')).acl).toHaveLength(1);

    // Many at once, mixed outcomes.
    const results = await Promise.allSettled(['/', '/missing-1', '/admin-only', '/write-only', '/missing-2'].map((p) => client.getAcl(p)));
    expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as ZkError).code))).toEqual([
      'ok',
      'NoNode',
      'ok',
      'NoAuth',
      'NoNode',
    ]);
    expect(client.state).toBe('CONNECTED');
  });

  it('rejects a getAcl in flight when the client closes', async () => {
    const own = createZkClient({ connectString: zk.connectString });
    await own.waitConnected();
    const inFlight = own.getAcl('/');
    await own.close();
    expect(await rejection(inFlight)).toMatchObject({ code: 'ConnectionLoss', path: '/' });
    expect(await rejection(own.getAcl('/'))).toMatchObject({ code: 'ConnectionLoss' });
  });

  it('creates nothing when the ACL is rejected (the ACL travels in the create)', async () => {
    const error = await rejection(client.create('/badacl', null, { acl: [{ scheme: 'digest', id: 'no-hash', perms: PERM.ALL }] }));
    expect(error).toMatchObject({ code: 'InvalidACL', path: '/badacl' });
    expect(await client.exists('/badacl')).toBeNull();
    // A TTL node with an ACL still goes create + setAcl, rolled back when the ACL is rejected.
    const ttlError = await rejection(client.create('/badacl-ttl', null, { mode: 'persistent_with_ttl', ttlMs: 60_000, acl: [{ scheme: 'digest', id: 'no-hash', perms: PERM.ALL }] }));
    expect(ttlError).toBeInstanceOf(CreateAclError);
    expect(ttlError).toMatchObject({ code: 'InvalidACL', path: '/badacl-ttl', rolledBack: true });
    expect(await client.exists('/badacl-ttl')).toBeNull();
    expect(await rejection(client.create('/emptyacl', null, { acl: [] }))).toMatchObject({ code: 'InvalidACL' });
    expect(await client.exists('/emptyacl')).toBeNull();
  });

  it('applies digest auth; an unknown scheme fails the session, which is re-created with auth', async () => {
    const other = createZkClient({ connectString: zk.connectString });
    try {
      await client.addAuth('digest', 'alice:secret');
      expect(client.auths).toEqual([{ scheme: 'digest', auth: 'alice:secret' }]);
      await client.create('/secure', Buffer.from('s3cret'), {
        acl: [{ scheme: 'digest', id: digestFor('alice', 'secret'), perms: PERM.ALL }],
      });
      expect(text((await client.get('/secure')).data)).toBe('s3cret');
      expect((await client.getAcl('/secure')).acl).toEqual([{ scheme: 'digest', id: 'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=', perms: 31 }]);
      expect(await rejection(other.get('/secure'))).toMatchObject({ code: 'NoAuth', path: '/secure' });

      const from = events.states.length;
      const oldSession = client.sessionId;
      expect(await rejection(client.addAuth('bogus', 'x'))).toMatchObject({ code: 'AuthFailed', path: null });
      await events.waitForState('CONNECTED', { fromIndex: from });
      expect(events.states.slice(from).map((s) => s.state)).toEqual(['AUTH_FAILED', 'CONNECTING', 'CONNECTED']);
      expect(events.watches.map((w) => w.state)).toContain('AuthFailed');
      expect(client.sessionId).not.toBe(oldSession);
      expect(client.auths).toEqual([{ scheme: 'digest', auth: 'alice:secret' }]);
      expect(text((await client.get('/secure')).data)).toBe('s3cret');
    } finally {
      await other.close();
    }
  });
});

describe('watches', () => {
  it('fires data, child, created and deleted events as zkCli names them', async () => {
    await client.create('/w', Buffer.from('0'));
    await client.get('/w', { watch: true });
    let from = events.watches.length;
    await client.set('/w', Buffer.from('1'));
    expect(await events.waitForWatch((e) => e.type !== 'None', { fromIndex: from })).toEqual({
      type: 'NodeDataChanged',
      state: 'SyncConnected',
      path: '/w',
    });

    await client.getChildren('/w', { watch: true });
    from = events.watches.length;
    await client.create('/w/kid', null);
    expect(await events.waitForWatch((e) => e.type !== 'None', { fromIndex: from })).toEqual({
      type: 'NodeChildrenChanged',
      state: 'SyncConnected',
      path: '/w',
    });

    expect(await client.exists('/w/later', { watch: true })).toBeNull();
    from = events.watches.length;
    await client.create('/w/later', null);
    expect(await events.waitForWatch((e) => e.path === '/w/later', { fromIndex: from })).toMatchObject({ type: 'NodeCreated' });

    await client.exists('/w/later', { watch: true });
    from = events.watches.length;
    await client.delete('/w/later');
    expect(await events.waitForWatch((e) => e.path === '/w/later', { fromIndex: from })).toMatchObject({ type: 'NodeDeleted' });
  });

  it('uses a chroot from the connect string', async () => {
    await client.create('/chroot', null);
    const rooted = createZkClient({ connectString: `${zk.connectString}/chroot` });
    try {
      const rootedEvents = record(rooted);
      expect(await rooted.create('/x', Buffer.from('in'))).toBe('/x');
      expect(text((await client.get('/chroot/x')).data)).toBe('in');
      await rooted.get('/x', { watch: true });
      await client.set('/chroot/x', Buffer.from('changed'));
      expect(await rootedEvents.waitForWatch((e) => e.type === "NodeDataChanged", { fromIndex: 0 })).toMatchObject({ path: '/x' });
    } finally {
      await rooted.close();
    }
  });
});

describe('failures and close', () => {
  it('fails fast with ConnectionLoss when nothing listens', async () => {
    const port = await freePort();
    const dead = createZkClient({ connectString: `127.0.0.1:${port}` });
    try {
      const error = await rejection(dead.get('/'));
      expect(error).toMatchObject({ code: 'ConnectionLoss', path: '/', message: 'KeeperErrorCode = ConnectionLoss for /' });
      expect(await rejection(dead.waitConnected(300))).toMatchObject({ code: 'ConnectionLoss', path: null });
      expect(dead.state).toBe('CONNECTING');
      expect(dead.sessionId).toBeNull();
    } finally {
      await dead.close();
    }
  });

  it('times a call out when the server never answers', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const hung = createZkClient({ connectString: `127.0.0.1:${port}`, callTimeoutMs: 300 });
    try {
      expect(await rejection(hung.get('/'))).toMatchObject({ code: 'OperationTimeout', path: '/' });
    } finally {
      await hung.close();
      silent.close();
    }
  });

  it('close() rejects pending calls, emits CLOSED + Closed, and is idempotent', async () => {
    const own = createZkClient({ connectString: zk.connectString });
    const ownEvents = record(own);
    await own.waitConnected();
    const pending = own.get('/');
    const closing = own.close();
    expect(await rejection(pending)).toMatchObject({ code: 'ConnectionLoss' });
    await closing;
    await own.close();
    expect(own.state).toBe('CLOSED');
    expect(ownEvents.states.map((s) => s.state)).toEqual(['CONNECTED', 'CLOSED']);
    expect(ownEvents.watches.at(-1)).toEqual({ type: 'None', state: 'Closed', path: null });
    expect(await rejection(own.get('/'))).toMatchObject({ code: 'ConnectionLoss' });
    expect(await rejection(own.waitConnected())).toMatchObject({ code: 'ConnectionLoss' });
  });

  it('removes the session\'s ephemerals on close', async () => {
    const own = createZkClient({ connectString: zk.connectString });
    await own.create('/gone', null, { mode: 'ephemeral' });
    await own.close();
    await client.sync('/');
    expect(await client.exists('/gone')).toBeNull();
  });
});

describe('getAcl without a server', () => {
  it('fails with ConnectionLoss like any other call', async () => {
    const dead = createZkClient({ connectString: `127.0.0.1:${await freePort()}` });
    try {
      expect(await rejection(dead.getAcl('/'))).toMatchObject({ code: 'ConnectionLoss', path: '/' });
    } finally {
      await dead.close();
    }
  });
});
