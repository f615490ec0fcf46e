// Session loss and expiry against a real server: the client talks through a TCP relay that we
// cut, the server expires the session on its own, and the client must re-create it with auth.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZkClient } from '../../src/zk/client.js';
import { digestFor } from '../../src/zk/acl.js';
import { isZkError } from '../../src/zk/errors.js';
import { PERM, type ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';
import { record } from './events.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

// The server caps every session at 2 s, so an unreachable client expires quickly.
const sandbox = useSandbox({ nodes: 1, sessionTimeoutMs: 2000 });
let superCredential: string;
let proxy: TcpProxy;
let observer: ZkClient;

beforeAll(async () => {
  superCredential = `${sandbox().superUser}:${sandbox().superPassword}`;
  proxy = await startTcpProxy(sandbox().nodes[0]!.clientPort);
  observer = createZkClient({ connectString: sandbox().connectString });
  await observer.waitConnected(20_000);
}, 60_000);

afterAll(async () => {
  await observer?.close();
  await proxy?.close();
});

it('reports a lost connection, then re-creates the expired session and re-applies auth', async () => {
  const client = createZkClient({ connectString: `127.0.0.1:${proxy.port}`, sessionTimeoutMs: 2000 });
  const events = record(client);
  const observed = record(observer);
  try {
    await client.waitConnected();
    expect(client.sessionTimeoutMs).toBe(2000);
    await client.addAuth('digest', 'alice:secret');
    await client.addAuth('digest', superCredential);
    await client.create('/alice-only', Buffer.from('a'), {
      acl: [{ scheme: 'digest', id: digestFor('alice', 'secret'), perms: PERM.ALL }],
    });
    await client.create('/expiring', null, { mode: 'ephemeral' });
    expect(await observer.exists('/expiring', { watch: true })).not.toBeNull();
    const oldSession = client.sessionId;

    const beforeLoss = events.states.length;
    await proxy.pause();
    await events.waitForState('DISCONNECTED', { fromIndex: beforeLoss });
    expect(events.watches.at(-1)).toEqual({ type: 'None', state: 'Disconnected', path: null });

    // While cut off, calls fail with ConnectionLoss (like the Java client), they do not hang.
    await expect(client.get('/')).rejects.toMatchObject({ code: 'ConnectionLoss', path: '/' });

    // A call made as soon as expiry is reported waits for the new, re-authenticated session.
    let duringRecreation: Promise<{ data: Buffer | null }> | null = null;
    const off = client.onState((state) => {
      if (state === 'EXPIRED') duringRecreation = client.get('/alice-only');
    });

    // The server drops the ephemeral when it expires the session: that is our cue.
    await observed.waitForWatch((e) => e.type === 'NodeDeleted' && e.path === '/expiring', { fromIndex: 0 });
    await proxy.resume();
    await events.waitForState('CONNECTED', { fromIndex: beforeLoss });
    off();

    expect(events.states.slice(beforeLoss).map((s) => s.state)).toEqual(['DISCONNECTED', 'EXPIRED', 'CONNECTING', 'CONNECTED']);
    expect(events.watches.slice(-3)).toEqual([
      { type: 'None', state: 'Disconnected', path: null },
      { type: 'None', state: 'Expired', path: null },
      { type: 'None', state: 'SyncConnected', path: null },
    ]);
    expect(client.sessionId).not.toBeNull();
    expect(client.sessionId).not.toBe(oldSession);
    expect(client.auths.map((a) => a.auth)).toEqual(['alice:secret', superCredential]);
    expect(duringRecreation).not.toBeNull();
    expect((await duringRecreation!).data?.toString()).toBe('a');
    expect((await client.get('/alice-only')).data?.toString()).toBe('a');
    expect(await client.exists('/expiring')).toBeNull();
    await client.create('/expiring', null, { mode: 'ephemeral' });
    expect((await observer.exists('/expiring'))?.ephemeralOwner).toBe(client.sessionId);
  } finally {
    await client.close();
  }
}, 60_000);

it('resumes the same session after a short disconnect', async () => {
  const client = createZkClient({ connectString: `127.0.0.1:${proxy.port}` });
  const events = record(client);
  try {
    await client.waitConnected();
    // With the 2 s session cap, a stall of a loaded CI machine can drop the fresh connection
    // before the first call completes: set the watch once the session is steady, then take its id.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.get('/', { watch: true });
        break;
      } catch (e) {
        if (attempt >= 3 || !(isZkError(e, 'OperationTimeout') || isZkError(e, 'ConnectionLoss'))) throw e;
        await client.waitConnected();
      }
    }
    const session = client.sessionId;
    const from = events.states.length;
    await proxy.pause();
    await events.waitForState('DISCONNECTED', { fromIndex: from });
    await proxy.resume();
    await events.waitForState('CONNECTED', { fromIndex: from });
    expect(events.states.slice(from).map((s) => s.state)).toEqual(['DISCONNECTED', 'CONNECTED']);
    expect(client.sessionId).toBe(session);
    // The C client re-registers watches on the resumed session.
    const watchFrom = events.watches.length;
    await observer.set('/', Buffer.from('x'));
    expect(await events.waitForWatch((e) => e.type === 'NodeDataChanged', { fromIndex: watchFrom })).toEqual({
      type: 'NodeDataChanged',
      state: 'SyncConnected',
      path: '/',
    });
  } finally {
    await client.close();
  }
}, 60_000);
