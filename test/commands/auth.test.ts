// getAcl, setAcl, addauth and whoami against a real 3-node ensemble with a super digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shell/appEvents.js';
import { digestFor } from '../../src/zk/acl.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness } from './harness.js';

const sandbox = useSandbox({ nodes: 3 });
let h: ShellHarness;

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
  await h.run('create /a');
  await h.run('create /a/open x');
});
afterAll(async () => {
  await h?.close();
});

describe('getAcl', () => {
  it("prints Java's two-line text per entry, -s adds the stat", async () => {
    expect(await h.run('getAcl /a/open')).toMatchObject({ code: 0, out: ["'world,'anyone", ': cdrwa'], err: [] });
    const r = await h.run('getAcl -s /a/open');
    expect(r.out.slice(0, 2)).toEqual(["'world,'anyone", ': cdrwa']);
    expect(r.out).toHaveLength(13);
    expect(r.out[2]).toMatch(/^cZxid = 0x/);
  });

  it('reports bad input', async () => {
    expect(await h.run('getAcl')).toMatchObject({ code: 1, err: ['getAcl [-s] path'] });
    expect(await h.run('getAcl /a/missing')).toMatchObject({ code: 1, err: ['Node does not exist: /a/missing'] });
    expect(await h.run('getAcl a')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
  });
});

describe('setAcl', () => {
  it('is silent; -s prints the new stat; -v checks the ACL version', async () => {
    await h.run('create /a/s x');
    expect(await h.run('setAcl /a/s world:anyone:cdrwa,ip:127.0.0.1:r')).toMatchObject({ code: 0, out: [], err: [] });
    expect((await h.run('getAcl /a/s')).out).toEqual(["'world,'anyone", ': cdrwa', "'ip,'127.0.0.1", ': r']);
    const r = await h.run('setAcl -s /a/s world:anyone:cdrwa');
    expect(r.out).toHaveLength(11);
    expect(r.out).toContain('aclVersion = 2');
    expect(await h.run('setAcl -v 0 /a/s world:anyone:cdrwa')).toMatchObject({ code: 1, err: ['version No is not valid : /a/s'] });
    expect(await h.run('setAcl -v 2 /a/s world:anyone:cdrwa')).toMatchObject({ code: 0, err: [] });
  });

  it('prints AclParser complaints and refuses an empty ACL as the Java client does', async () => {
    expect(await h.run('setAcl /a/s foo')).toMatchObject({ code: 1, err: ['foo does not have the form scheme:id:perm', 'Acl is not valid : null'] });
    // Unknown letters are dropped with a complaint each; the entry is still applied (perms 0).
    await h.run('create /a/p x');
    expect(await h.run('setAcl /a/p world:anyone:xyz')).toMatchObject({
      code: 0,
      err: ['Unknown perm type: x', 'Unknown perm type: y', 'Unknown perm type: z'],
    });
    expect(await h.run('getAcl /a/p')).toMatchObject({ code: 1, err: ['Insufficient permission : /a/p'] });
  });

  it('reports bad input', async () => {
    expect(await h.run('setAcl /a/s')).toMatchObject({ code: 1, err: ['setAcl [-s] [-v version] [-R] path acl'] });
    expect(await h.run('setAcl /a/missing world:anyone:r')).toMatchObject({ code: 1, err: ['Node does not exist: /a/missing'] });
    expect(await h.run('setAcl -v x /a/s world:anyone:r')).toMatchObject({ code: 1, err: ['java.lang.NumberFormatException: For input string: "x"'] });
    expect(await h.run('setAcl s world:anyone:r')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('setAcl -q /a/s world:anyone:r')).toMatchObject({
      code: 1,
      err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -q'],
    });
  });
});

describe('addauth and whoami', () => {
  it('whoami shows the ip entry the server sees for this session', async () => {
    expect(await h.run('whoami')).toMatchObject({ code: 0, out: ['Auth scheme: User', 'ip: 127.0.0.1'], err: [] });
  });

  it('lists digest users in the order added, once each, before the ip entry; never a password', async () => {
    const s = await ShellHarness.open(sandbox().connectString);
    const events: AppEvent[] = [];
    s.bus.subscribe((e) => events.push(e));
    try {
      expect(await s.run('addauth digest alice:s3cret-a')).toMatchObject({ code: 0, out: [], err: [] });
      await s.run('addauth digest bob:s3cret-b');
      await s.run('addauth digest alice:s3cret-a');
      expect((await s.run('whoami')).out).toEqual(['Auth scheme: User', 'digest: alice', 'digest: bob', 'ip: 127.0.0.1']);
      expect(s.shell.history.get(0)).toBe('addauth digest alice:***');
      const everything = JSON.stringify(events) + s.sink.text();
      expect(everything).not.toContain('s3cret');
    } finally {
      await s.close();
    }
  });

  it('gives access to digest-protected nodes', async () => {
    const alice = await ShellHarness.open(sandbox().connectString);
    try {
      await alice.run('addauth digest alice:pw1');
      const acl = `digest:${digestFor('alice', 'pw1')}:cdrwa`;
      expect((await alice.run(`create /a/secure s3 ${acl}`)).err).toEqual(['Created /a/secure']);
      expect((await alice.run('get /a/secure')).out).toEqual(['s3']);
      expect((await alice.run('getAcl /a/secure')).out).toEqual([`'digest,'${digestFor('alice', 'pw1')}`, ': cdrwa']);
      await h.run('sync /a/secure'); // alice's create went through her session, maybe another server
      expect(await h.run('get /a/secure')).toMatchObject({ code: 1, err: ['Insufficient permission : /a/secure'] });
      // auth:<user>:perms names the session's own digest identity.
      await alice.run('create /a/mine x');
      expect(await alice.run('setAcl /a/mine auth:alice:cdrwa')).toMatchObject({ code: 0, err: [] });
      expect((await alice.run('getAcl /a/mine')).out).toEqual([`'digest,'${digestFor('alice', 'pw1')}`, ': cdrwa']);
    } finally {
      await alice.close();
    }
  });

  it('super may read anything after addauth digest super:<password>', async () => {
    const root = await ShellHarness.open(sandbox().connectString);
    try {
      await root.run('sync /a/secure');
      expect((await root.run('get /a/secure')).code).toBe(1);
      expect((await root.run(`addauth digest super:${sandbox().superPassword}`)).code).toBe(0);
      expect(await root.run('get /a/secure')).toMatchObject({ code: 0, out: ['s3'] });
      expect((await root.run('whoami')).out).toEqual(['Auth scheme: User', 'digest: super', 'ip: 127.0.0.1']);
      expect(root.sink.text()).not.toContain(sandbox().superPassword);
    } finally {
      await root.close();
    }
  });

  it('a credential the server rejects ends in one clear line, and the shell goes on', async () => {
    const s = await ShellHarness.open(sandbox().connectString);
    try {
      const r = await s.run('addauth nosuchscheme x:y');
      expect(r.code).toBe(1);
      expect(r.err).toEqual(['zkpilot: the server rejected the nosuchscheme credential (AuthFailed); the session was replaced without it']);
      expect((await s.run('ls /a')).code).toBe(0);
      expect((await s.run('whoami')).out).toEqual(['Auth scheme: User', 'ip: 127.0.0.1']);
    } finally {
      await s.close();
    }
  });

  it('reports bad input', async () => {
    expect(await h.run('addauth')).toMatchObject({ code: 1, err: ['addauth scheme auth'] });
  });
});
