// ls, get, stat, create, set, delete against a real 3-node ensemble: output lines, streams,
// exit codes, deprecated forms and bad input, as zkCli 3.8 prints them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness } from './harness.js';

const sandbox = useSandbox({ nodes: 3 });
let h: ShellHarness;

const STAT_LINES = [
  /^cZxid = 0x[0-9a-f]+$/,
  /^ctime = \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \S+ \d{4}$/,
  /^mZxid = 0x[0-9a-f]+$/,
  /^mtime = /,
  /^pZxid = 0x[0-9a-f]+$/,
  /^cversion = -?\d+$/,
  /^dataVersion = -?\d+$/,
  /^aclVersion = -?\d+$/,
  /^ephemeralOwner = 0x[0-9a-f]+$/,
  /^dataLength = \d+$/,
  /^numChildren = \d+$/,
];

function expectStatBlock(lines: string[]): void {
  expect(lines).toHaveLength(11);
  lines.forEach((line, i) => expect(line).toMatch(STAT_LINES[i]!));
}

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
  for (const line of ['create /n', 'create /n/app hello', 'create /n/app/b', 'create /n/app/a', 'create /n/app/c c']) {
    expect((await h.run(line)).code).toBe(0);
  }
});
afterAll(async () => {
  await h?.close();
});

describe('ls', () => {
  it('lists sorted children as a Java list on stdout', async () => {
    expect(await h.run('ls /n/app')).toMatchObject({ code: 0, out: ['[a, b, c]'], err: [] });
    expect(await h.run('ls /n/app/a')).toMatchObject({ code: 0, out: ['[]'], err: [] });
  });

  it('-s adds the stat block', async () => {
    const r = await h.run('ls -s /n/app');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('[a, b, c]');
    expectStatBlock(r.out.slice(1));
    expect(r.out).toContain('numChildren = 3');
  });

  it('takes options after the path and bundled flags, as commons-cli does', async () => {
    expect((await h.run('ls /n/app -s')).out[0]).toBe('[a, b, c]');
    expect((await h.run('ls -sw /n/app')).out).toHaveLength(12);
  });

  it('-? prints the commons-cli help, then lists (or the usage line without a path)', async () => {
    const help = ['usage: ls [options] path', ' -?   help', ' -R   recurse', ' -s   stat', ' -w   watch'];
    expect(await h.run('ls -? /n/app')).toMatchObject({ code: 0, out: [...help, '[a, b, c]'], err: [] });
    expect(await h.run('ls -?')).toMatchObject({ code: 1, out: help, err: ['ls [-s] [-w] [-R] path'] });
  });

  it('accepts the deprecated `ls path watch` with zkCli deprecation line on stderr', async () => {
    const r = await h.run('ls /n/app watch');
    expect(r).toMatchObject({ code: 0, out: ['[a, b, c]'], err: ["'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead."] });
  });

  it('rewrites the third raw token, as zkCli does: `ls -s /x watch` lists path "watch"', async () => {
    const r = await h.run('ls -s /n/app watch');
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.", 'Path must start with / character']);
  });

  it('reports bad input in zkCli words', async () => {
    expect(await h.run('ls')).toMatchObject({ code: 1, out: [], err: ['ls [-s] [-w] [-R] path'] });
    expect(await h.run('ls -z /')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z'] });
    expect(await h.run('ls app')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('ls /n/app/')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
    expect(await h.run('ls /n//x')).toMatchObject({ code: 1, err: ['Invalid path string "/n//x" caused by empty node name specified @3'] });
    expect(await h.run('ls /n/missing')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /n/missing'] });
  });
});

describe('create', () => {
  it('prints `Created <path>` on stderr and nothing on stdout', async () => {
    expect(await h.run('create /n/c1 data1')).toMatchObject({ code: 0, out: [], err: ['Created /n/c1'] });
    expect((await h.run('get /n/c1')).out).toEqual(['data1']);
  });

  it('creates sequential, ephemeral and container nodes', async () => {
    await h.run('create /n/seq');
    const first = await h.run('create -s /n/seq/s- x');
    expect(first.err[0]).toMatch(/^Created \/n\/seq\/s-\d{10}$/);
    const second = await h.run('create -s /n/seq/s- x');
    expect(Number(second.err[0]!.slice(-10))).toBe(Number(first.err[0]!.slice(-10)) + 1);
    expect((await h.run('create -s /n/seq/')).err[0]).toMatch(/^Created \/n\/seq\/\d{10}$/);

    expect((await h.run('create -e /n/eph e')).err).toEqual(['Created /n/eph']);
    const owner = (await h.run('stat /n/eph')).out.find((l) => l.startsWith('ephemeralOwner'))!;
    expect(owner).toBe(`ephemeralOwner = 0x${h.client.sessionId!.replace(/^0+(?=.)/, '')}`);
    expect((await h.run('create -e -s /n/eph- e')).err[0]).toMatch(/^Created \/n\/eph-\d{10}$/);

    expect((await h.run('create -c /n/cont')).err).toEqual(['Created /n/cont']);
  });

  it('applies an ACL argument, printing AclParser complaints on stderr', async () => {
    const r = await h.run('create /n/acl d world:anyone:rq,bad');
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['Unknown perm type: q', 'bad does not have the form scheme:id:perm', 'Created /n/acl']);
    expect((await h.run('getAcl /n/acl')).out).toEqual(["'world,'anyone", ': r']);
  });

  it('keeps quoting rules: double/single quotes, empty data', async () => {
    await h.run('create /n/q "hello world"');
    expect((await h.run('get /n/q')).out).toEqual(['hello world']);
    await h.run("set /n/q 'single quoted'");
    expect((await h.run('get /n/q')).out).toEqual(['single quoted']);
    await h.run('set /n/q a"b c"');
    expect((await h.run('get /n/q')).out).toEqual(['a"b']);
    await h.run('set /n/q ""');
    const r = await h.run('get -s /n/q');
    expect(r.out[0]).toBe('');
    expect(r.out).toContain('dataLength = 0');
  });

  it('reports errors in zkCli words', async () => {
    expect(await h.run('create /n/app')).toMatchObject({ code: 1, out: [], err: ['Node already exists: /n/app'] });
    expect(await h.run('create /n/nope/x')).toMatchObject({ code: 1, err: ['Node does not exist: /n/nope/x'] });
    expect(await h.run('create')).toMatchObject({ code: 1, err: ['create [-s] [-e] [-c] [-t ttl] path [data] [acl]'] });
    expect(await h.run('create -s')).toMatchObject({ code: 1, err: ['create [-s] [-e] [-c] [-t ttl] path [data] [acl]'] });
    expect(await h.run('create app')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('create -c -e /n/x')).toMatchObject({
      code: 1,
      err: ['-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.'],
    });
    expect(await h.run('create -t abc /n/x')).toMatchObject({ code: 1, err: ['-t argument must be a long value'] });
    expect(await h.run('create -e -t 100 /n/x')).toMatchObject({ code: 1, err: ['TTLs cannot be used with Ephemeral znodes'] });
    expect(await h.run('create -c -t 100 /n/x')).toMatchObject({ code: 1, err: ['TTLs cannot be used with Container znodes'] });
    expect(await h.run('create -t 0 /n/x')).toMatchObject({ code: 1, err: ['ttl must be positive and cannot be larger than: 1099511627775'] });
    expect(await h.run('create -t 1000 /n/ttl')).toMatchObject({ code: 1, err: ['KeeperErrorCode = Unimplemented for /n/ttl'] });
    expect(await h.run('create /n/neg -5')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -5'] });
    expect(await h.run('create /n/x d nope')).toMatchObject({
      code: 1,
      err: ['nope does not have the form scheme:id:perm', 'KeeperErrorCode = InvalidACL', 'Acl is not valid : null'],
    });
    expect(await h.run('create /n/x d auth::cdrwa')).toMatchObject({
      code: 1,
      err: ['KeeperErrorCode = InvalidACL for /n/x', 'Acl is not valid : /n/x'],
    });
    // The create-then-setAcl of the client layer must not leave a world-open node behind.
    expect((await h.run('stat /n/x')).err).toEqual(['Node does not exist: /n/x']);
  });
});

describe('get', () => {
  it('prints the data, and the stat with -s', async () => {
    expect(await h.run('get /n/app')).toMatchObject({ code: 0, out: ['hello'], err: [] });
    const r = await h.run('get -s /n/app');
    expect(r.out[0]).toBe('hello');
    expectStatBlock(r.out.slice(1));
    expect(r.out).toContain('dataLength = 5');
  });

  it('accepts `get path watch` with the deprecation line', async () => {
    expect(await h.run('get /n/app 1')).toMatchObject({
      code: 0,
      out: ['hello'],
      err: ["'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead."],
    });
  });

  it('reports bad input', async () => {
    expect(await h.run('get')).toMatchObject({ code: 1, err: ['get [-s] [-w] path'] });
    expect(await h.run('get /n/missing')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /n/missing'] });
    expect(await h.run('get -s /n/missing')).toMatchObject({ code: 1, err: ['Node does not exist: /n/missing'] });
    expect(await h.run('get -x /n/app')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x'] });
    expect(await h.run('get n')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
  });
});

describe('stat', () => {
  it('prints the 11-line stat block', async () => {
    const r = await h.run('stat /n/app');
    expect(r.code).toBe(0);
    expectStatBlock(r.out);
    expect(r.out).toContain('numChildren = 3');
  });

  it('accepts `stat path watch` with the deprecation line', async () => {
    const r = await h.run('stat /n/app 1');
    expect(r.code).toBe(0);
    expect(r.err).toEqual(["'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead."]);
    expectStatBlock(r.out);
  });

  it('reports bad input', async () => {
    expect(await h.run('stat')).toMatchObject({ code: 1, err: ['stat [-w] path'] });
    expect(await h.run('stat /n/missing')).toMatchObject({ code: 1, err: ['Node does not exist: /n/missing'] });
    expect(await h.run('stat /n/')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
  });
});

describe('set', () => {
  it('is silent, -s prints the new stat, -v checks the version', async () => {
    await h.run('create /n/s v0');
    expect(await h.run('set /n/s v1')).toMatchObject({ code: 0, out: [], err: [] });
    const r = await h.run('set -s /n/s v22');
    expectStatBlock(r.out);
    expect(r.out).toContain('dataVersion = 2');
    expect(r.out).toContain('dataLength = 3');
    expect(await h.run('set -v 2 /n/s v3')).toMatchObject({ code: 0, out: [], err: [] });
    expect(await h.run('set -v 99 /n/s x')).toMatchObject({ code: 1, err: ['version No is not valid : /n/s'] });
    expect((await h.run('get /n/s')).out).toEqual(['v3']);
  });

  it('reports bad input', async () => {
    expect(await h.run('set /n/s')).toMatchObject({ code: 1, err: ['set [-s] [-v version] path data'] });
    expect(await h.run('set /n/missing x')).toMatchObject({ code: 1, err: ['Node does not exist: /n/missing'] });
    expect(await h.run('set s x')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    // zkCli dies on this NumberFormatException; we print its line and carry on.
    expect(await h.run('set -v abc /n/s x')).toMatchObject({ code: 1, err: ['java.lang.NumberFormatException: For input string: "abc"'] });
    expect(await h.run('set -v /n/s x')).toMatchObject({ code: 1, err: ['set [-s] [-v version] path data'] });
  });
});

describe('delete', () => {
  it('deletes a leaf; -v checks the version', async () => {
    await h.run('create /n/d1');
    expect(await h.run('delete /n/d1')).toMatchObject({ code: 0, out: [], err: [] });
    await h.run('create /n/d2');
    await h.run('set /n/d2 x');
    expect(await h.run('delete -v 0 /n/d2')).toMatchObject({ code: 1, err: ['version No is not valid : /n/d2'] });
    expect(await h.run('delete -v 1 /n/d2')).toMatchObject({ code: 0, err: [] });
    expect((await h.run('stat /n/d2')).code).toBe(1);
  });

  it('accepts the deprecated `delete path version` and, like zkCli 3.8, ignores the version', async () => {
    await h.run('create /n/d3');
    const r = await h.run('delete /n/d3 7');
    expect(r).toMatchObject({
      code: 0,
      out: [],
      err: ["'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead."],
    });
    expect((await h.run('stat /n/d3')).err).toEqual(['Node does not exist: /n/d3']);
  });

  it('reports bad input', async () => {
    expect(await h.run('delete /n/app')).toMatchObject({ code: 1, err: ['Node not empty: /n/app'] });
    expect(await h.run('delete /n/missing')).toMatchObject({ code: 1, err: ['Node does not exist: /n/missing'] });
    expect(await h.run('delete')).toMatchObject({ code: 1, err: ['delete [-v version] path'] });
    expect(await h.run('delete -v x /n/app/a')).toMatchObject({ code: 1, err: ['java.lang.NumberFormatException: For input string: "x"'] });
    expect(await h.run('delete d')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
  });
});
