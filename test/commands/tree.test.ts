// Subtree commands against a real 3-node ensemble: ls -R, deleteall/rmr (confirmation,
// cancellation), getAllChildrenNumber, getEphemerals, setAcl -R, sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness, eventually } from './harness.js';

const sandbox = useSandbox({ nodes: 3 });
let h: ShellHarness;

async function makeTree(root: string, paths: string[]): Promise<void> {
  await h.client.create(root, null);
  for (const p of paths) await h.client.create(`${root}/${p}`, Buffer.from('x'));
}

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
});
afterAll(async () => {
  await h?.close();
});

describe('ls -R', () => {
  it('prints all children of a node before descending (ZKUtil.visitSubTreeDFS order)', async () => {
    await makeTree('/t', ['a', 'b', 'b/d', 'b/d/e', 'c', 'c/f']);
    expect(await h.run('ls -R /t')).toMatchObject({ code: 0, out: ['/t', '/t/a', '/t/b', '/t/c', '/t/b/d', '/t/b/d/e', '/t/c/f'], err: [] });
    expect((await h.run('ls -R /t/b/d/e')).out).toEqual(['/t/b/d/e']);
  });

  it('fails on a missing root and stops at the first node it may not read', async () => {
    expect(await h.run('ls -R /missing')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /missing'] });
    await makeTree('/lr', ['a', 'b', 'b/x', 'c', 'c/y']);
    await h.client.setAcl('/lr/b', [{ scheme: 'world', id: 'anyone', perms: 8 }]);
    expect(await h.run('ls -R /lr')).toMatchObject({ code: 1, out: ['/lr', '/lr/a', '/lr/b', '/lr/c'], err: ['Insufficient permission : /lr/b'] });
  });
});

describe('getAllChildrenNumber', () => {
  it('counts every descendant, not the node itself', async () => {
    expect(await h.run('getAllChildrenNumber /t')).toMatchObject({ code: 0, out: ['6'], err: [] });
    expect((await h.run('getAllChildrenNumber /t/b/d/e')).out).toEqual(['0']);
  });

  it('counts what ACLs hide from a listing and says the count is a lower bound', async () => {
    // /lr/b may not be listed (no READ): its one child still counts through its stat.
    const r = await h.run('getAllChildrenNumber /lr');
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['5']);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^zkpilot: 1 znode\(s\) could not be listed without READ \(\/lr\/b\)/);
  });

  it('reports bad input', async () => {
    expect(await h.run('getAllChildrenNumber')).toMatchObject({ code: 1, err: ['getAllChildrenNumber path'] });
    expect(await h.run('getAllChildrenNumber /missing')).toMatchObject({ code: 1, err: ['Node does not exist: /missing'] });
    expect(await h.run('getAllChildrenNumber t')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
  });
});

describe('getEphemerals', () => {
  it("lists this session's ephemerals under a string prefix, as a Java list", async () => {
    await h.client.create('/eph', null);
    for (const name of ['e1', 'zz', 'a10', 'b7']) await h.run(`create -e /eph/${name} x`);
    await h.run('create -e /ephx y');
    await h.run('create /eph/persistent x');
    const all = await h.run('getEphemerals');
    expect(all.code).toBe(0);
    const listed = all.out[0]!.slice(1, -1).split(', ');
    expect([...listed].sort()).toEqual(['/eph/a10', '/eph/b7', '/eph/e1', '/eph/zz', '/ephx']);
    // `/eph` is a prefix of `/ephx` too: the server matches strings, not subtrees.
    expect((await h.run('getEphemerals /eph')).out).toEqual(all.out);
    expect((await h.run('getEphemerals /eph/b')).out).toEqual(['[/eph/b7]']);
    expect((await h.run('getEphemerals /nope')).out).toEqual(['[]']);
  });

  it("does not list another session's ephemerals", async () => {
    const other = await ShellHarness.open(sandbox().connectString);
    try {
      await other.run('create -e /eph/theirs x');
      expect((await h.run('getEphemerals /eph/t')).out).toEqual(['[]']);
      expect((await other.run('getEphemerals /eph')).out).toEqual(['[/eph/theirs]']);
    } finally {
      await other.close();
    }
  });

  it('reports bad input', async () => {
    expect(await h.run('getEphemerals eph')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('getEphemerals /eph/')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
  });
});

describe('deleteall', () => {
  it('deletes a whole subtree silently', async () => {
    await makeTree('/del', ['a', 'a/b', 'a/b/c', 'd', 'e']);
    expect(await h.run('deleteall /del')).toMatchObject({ code: 0, out: [], err: [] });
    expect((await h.run('ls /del')).err).toEqual(['Node does not exist: /del']);
  });

  it('answers to rmr with the old deprecation line', async () => {
    await makeTree('/rmr', ['a']);
    expect(await h.run('rmr /rmr')).toMatchObject({ code: 0, err: ["The command 'rmr' has been deprecated. Please use 'deleteall' instead."] });
    expect((await h.run('stat /rmr')).code).toBe(1);
  });

  it('asks first; declined, nothing is deleted', async () => {
    await makeTree('/keep', ['a', 'a/b']);
    const questions: string[] = [];
    const asker = await ShellHarness.open(sandbox().connectString, {
      interactive: true,
      assumeYes: false,
      ask: async (q) => (questions.push(q), false),
    });
    try {
      await asker.run('sync /keep'); // created through h's session, maybe on another server
      expect(await asker.run('deleteall /keep')).toMatchObject({ code: 1, out: [], err: ['deleteall cancelled: nothing was deleted'] });
      expect(questions).toEqual(['Delete /keep and its 2 descendant(s), 3 znodes in all?']);
      expect((await h.run('getAllChildrenNumber /keep')).out).toEqual(['2']);
    } finally {
      await asker.close();
    }
  });

  it('stops between requests on Ctrl-C and says how far it got', async () => {
    await h.client.create('/big', null);
    // Larger than the delete window (256 in flight), so the cancel lands mid-tree.
    await Promise.all(Array.from({ length: 2000 }, (_, i) => h.client.create(`/big/n${i}`, null)));
    // A child watch on /big fires with the first delete: that is when "Ctrl-C" comes.
    await h.client.getChildren('/big', { watch: true });
    const off = h.bus.on('watch', (e) => {
      if (e.event.path === '/big') h.shell.cancel();
    });
    try {
      const r = await h.run('deleteall /big');
      expect(r.code).toBe(1);
      // Agreed up front (--yes, as this harness runs): no count walk, so no "of N".
      const m = /^deleteall cancelled: deleted (\d+) znodes$/.exec(r.err[0] ?? '');
      expect(m).not.toBeNull();
      const left = (await h.client.getChildren('/big')).children.length;
      expect(left).toBeGreaterThan(0);
      expect(left).toBe(2000 - Number(m![1]));
    } finally {
      off();
    }
    // The rest goes with a progress bar whose total the delete's own walk estimates (no count walk first).
    const labels = new Set<string>();
    const offProgress = h.bus.on('progress', (e) => labels.add(`${e.progress.label} ${e.progress.state}`));
    try {
      expect((await h.run('deleteall /big')).code).toBe(0);
    } finally {
      offProgress();
    }
    expect([...labels]).toContain('deleteall /big done');
    expect([...labels].some((l) => l.includes('counting'))).toBe(false);
    expect(await h.client.exists('/big')).toBeNull();
  });

  it('reports bad input', async () => {
    expect(await h.run('deleteall')).toMatchObject({ code: 1, err: ['deleteall path [-b batch size]'] });
    expect(await h.run('deleteall /t -b x')).toMatchObject({ code: 1, err: ['-b argument must be an int value'] });
    expect(await h.run('deleteall /missing')).toMatchObject({ code: 1, err: ['Node does not exist: /missing'] });
    expect(await h.run('deleteall t')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect((await h.run('ls /t')).out).toEqual(['[a, b, c]']);
  });

  it('says so when part of the subtree could not be deleted (zkCli keeps exit 0)', async () => {
    await makeTree('/stuck', ['a', 'a/b']);
    await h.client.setAcl('/stuck/a', [{ scheme: 'world', id: 'anyone', perms: 1 }]);
    expect(await h.run('deleteall /stuck')).toMatchObject({ code: 0, err: ['Failed to delete some node(s) in the subtree!'] });
    expect((await h.run('ls /stuck/a')).out).toEqual(['[b]']);
  });
});

describe('setAcl -R', () => {
  it('sets the ACL on the whole subtree', async () => {
    await makeTree('/acl', ['a', 'a/b', 'c']);
    expect(await h.run('setAcl -R /acl world:anyone:cdrwa,ip:10.0.0.1:r')).toMatchObject({ code: 0, out: [], err: [] });
    for (const p of ['/acl', '/acl/a', '/acl/a/b', '/acl/c']) {
      expect((await h.run(`getAcl ${p}`)).out).toEqual(["'world,'anyone", ': cdrwa', "'ip,'10.0.0.1", ': r']);
    }
  });

  it('asks first; declined, nothing changes', async () => {
    const asked: string[] = [];
    const asker = await ShellHarness.open(sandbox().connectString, { interactive: true, assumeYes: false, ask: async (q) => (asked.push(q), false) });
    try {
      await asker.run('sync /acl');
      expect(await asker.run('setAcl -R /missing world:anyone:r')).toMatchObject({ code: 1, err: ['Node does not exist: /missing'] });
      expect(asked).toEqual([]);
      expect(await asker.run('setAcl -R /acl world:anyone:r')).toMatchObject({ code: 1, err: ['setAcl -R cancelled: no ACL was changed'] });
      expect(asked).toEqual(['Set ACL world:anyone:r on /acl and every znode below it?']);
    } finally {
      await asker.close();
    }
    expect((await h.run('getAcl /acl/a/b')).out).toEqual(["'world,'anyone", ': cdrwa', "'ip,'10.0.0.1", ': r']);
  });

  it('stops where the new ACL takes away READ, as zkCli does', async () => {
    await makeTree('/noread', ['a']);
    expect(await h.run('setAcl -R /noread world:anyone:cdwa')).toMatchObject({ code: 1, err: ['Insufficient permission : /noread'] });
    expect((await h.run('getAcl /noread/a')).out).toEqual(["'world,'anyone", ': cdrwa']);
  });

  it('prints per-node failures on stdout and goes on', async () => {
    await makeTree('/partly', ['a', 'b']);
    await h.client.setAcl('/partly/a', [{ scheme: 'world', id: 'anyone', perms: 1 }]);
    const r = await h.run('setAcl -R /partly world:anyone:cdrwa');
    expect(r).toMatchObject({ code: 0, out: ['KeeperErrorCode = NoAuth for /partly/a'], err: [] });
  });
});

describe('sync', () => {
  it('prints Sync is OK, even for a missing node (the server does not check)', async () => {
    expect(await h.run('sync /t')).toMatchObject({ code: 0, out: ['Sync is OK'], err: [] });
    expect(await h.run('sync /missing')).toMatchObject({ code: 0, out: ['Sync is OK'] });
  });

  it('reports bad input', async () => {
    expect(await h.run('sync')).toMatchObject({ code: 1, err: ['sync path'] });
    expect(await h.run('sync t')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
  });
});

describe('watches set by commands', () => {
  it('print as zkCli prints them when printwatches is on', async () => {
    const w = await ShellHarness.open(sandbox().connectString, { printWatches: true });
    try {
      await w.run('create /watched v1');
      await w.run('get -w /watched');
      const mark = w.sink.lines.length;
      await w.run('set /watched v2');
      const lines = await eventually(() => {
        const text = w.since(mark).map((l) => l.text);
        return text.includes('WatchedEvent state:SyncConnected type:NodeDataChanged path:/watched') && text;
      });
      expect(lines).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:NodeDataChanged path:/watched']);
      expect(w.since(mark).every((l) => l.stream === 'stdout')).toBe(true);
    } finally {
      await w.close();
    }
  });
});
