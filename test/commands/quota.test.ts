// setquota / listquota / delquota against a real ensemble: zkCli's node layout under
// /zookeeper/quota, its StatsTrack text, its warnings (stdout) and complaints (stderr).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness } from './harness.js';

const sandbox = useSandbox({ nodes: 3 });
let h: ShellHarness;

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
  await h.run('create /app');
  for (const [p, d] of [['a', '12345'], ['b', 'xyz'], ['c', '']] as const) await h.run(`create /app/${p} "${d}"`);
  await h.run('create /app/a/deep 1234');
});
afterAll(async () => {
  await h?.close();
});

const limits = async (): Promise<string[]> => (await h.run('get /zookeeper/quota/app/zookeeper_limits')).out;

describe('setquota and listquota', () => {
  it('writes zkCli limits text, warns on stdout when the tree is already over', async () => {
    const r = await h.run('setquota -n 3 /app');
    expect(r).toMatchObject({ code: 0, out: ['[Warning]: the count quota you create is less than the existing count:5'], err: [] });
    expect(await limits()).toEqual(['count=3,bytes=-1=;byteHardLimit=-1;countHardLimit=-1']);
    // The server keeps the stats node: node count of the subtree (root included), data bytes.
    expect((await h.run('get /zookeeper/quota/app/zookeeper_stats')).out).toEqual(['count=5,bytes=12']);
  });

  it('listquota: the absolute path on stderr, quota and stat on stdout', async () => {
    expect(await h.run('listquota /app')).toMatchObject({
      code: 0,
      out: ['Output quota for /app count=3,bytes=-1=;byteHardLimit=-1;countHardLimit=-1', 'Output stat for /app count=5,bytes=12'],
      err: ['absolute path is /zookeeper/quota/app/zookeeper_limits'],
    });
  });

  it('merges further limits into the existing node', async () => {
    expect((await h.run('setquota -b 100 /app')).out).toEqual(['[Warning]: the count quota you create is less than the existing count:5']);
    const r = await h.run('setquota -B 10 /app');
    expect(r.out).toEqual([
      '[Warning]: the count quota you create is less than the existing count:5',
      '[Warning]: the bytes quota you create is less than the existing bytes:12',
    ]);
    await h.run('setquota -N 50 /app');
    expect(await limits()).toEqual(['count=3,bytes=100=;byteHardLimit=10;countHardLimit=50']);
  });

  it('refuses quotas on descendants and ancestors of a quota', async () => {
    expect(await h.run('setquota -n 2 /app/a')).toMatchObject({ code: 1, err: ['/app/a has a parent /app which has a quota'] });
    await h.run('create /top');
    await h.run('create /top/mid');
    await h.run('create /top/mid/leaf');
    await h.run('setquota -n 9 /top/mid/leaf');
    expect(await h.run('setquota -n 9 /top')).toMatchObject({ code: 1, err: ['/top has a child /top/mid/leaf which has a quota'] });
  });

  it('complains as zkCli does (some with exit 0, as zkCli)', async () => {
    expect(await h.run('setquota /app')).toMatchObject({
      code: 1,
      err: ['org.apache.commons.cli.MissingOptionException: Missing required option: [-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota]'],
    });
    expect(await h.run('setquota -n 2 -b 3 /app')).toMatchObject({
      code: 1,
      err: ["org.apache.commons.cli.AlreadySelectedException: The option 'b' was specified but an option from this group has already been selected: 'n'"],
    });
    expect(await h.run('setquota -n 2')).toMatchObject({ code: 1, err: ['setquota -n|-b|-N|-B val path'] });
    expect(await h.run('setquota -n 0 /app')).toMatchObject({ code: 0, err: ['the num quota must be greater than zero'] });
    expect(await h.run('setquota -b -1 /app')).toMatchObject({ code: 0, err: ['the bytes quota must be greater than or equal to zero'] });
    expect(await h.run('setquota -n x /app')).toMatchObject({ code: 0, err: ['NumberFormatException happens when parsing the option value'] });
    expect(await h.run('setquota -n 5 /zookeeper/quota')).toMatchObject({ code: 0, err: ['cannot set a quota under the path: /zookeeper/quota'] });
    expect(await h.run('setquota -n 2 /nope')).toMatchObject({ code: 1, err: ['/nope does not exist.'] });
    expect(await h.run('setquota -n 2 nope')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('setquota -n 2 /')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
    expect(await limits()).toEqual(['count=3,bytes=100=;byteHardLimit=10;countHardLimit=50']);
  });

  it('listquota without a quota, and with odd paths', async () => {
    expect(await h.run('listquota /nope')).toMatchObject({
      code: 0,
      out: [],
      err: ['absolute path is /zookeeper/quota/nope/zookeeper_limits', 'quota for /nope does not exist.'],
    });
    expect(await h.run('listquota nope')).toMatchObject({
      code: 0,
      err: ['absolute path is /zookeeper/quotanope/zookeeper_limits', 'quota for nope does not exist.'],
    });
    expect(await h.run('listquota /')).toMatchObject({
      code: 1,
      err: [
        'absolute path is /zookeeper/quota//zookeeper_limits',
        'Invalid path string "/zookeeper/quota//zookeeper_limits" caused by empty node name specified @17',
      ],
    });
    expect(await h.run('listquota')).toMatchObject({ code: 1, err: ['listquota path'] });
  });
});

describe('delquota', () => {
  it('clears single limits with a flag', async () => {
    expect(await h.run('delquota -n /app')).toMatchObject({ code: 0, out: [], err: [] });
    expect(await limits()).toEqual(['count=-1,bytes=100=;byteHardLimit=10;countHardLimit=50']);
    await h.run('delquota -B /app');
    expect(await limits()).toEqual(['count=-1,bytes=100=;byteHardLimit=-1;countHardLimit=50']);
    expect(await h.run('delquota -b -N /app')).toMatchObject({
      code: 1,
      err: ["org.apache.commons.cli.AlreadySelectedException: The option 'N' was specified but an option from this group has already been selected: 'b'"],
    });
  });

  it('removes the whole quota and trims the empty quota nodes', async () => {
    expect(await h.run('delquota /app')).toMatchObject({ code: 0, out: [], err: [] });
    expect((await h.run('listquota /app')).err).toEqual(['absolute path is /zookeeper/quota/app/zookeeper_limits', 'quota for /app does not exist.']);
    expect((await h.run('stat /zookeeper/quota/app')).err).toEqual(['Node does not exist: /zookeeper/quota/app']);
    await h.run('delquota /top/mid/leaf');
    expect((await h.run('ls /zookeeper/quota')).out).toEqual(['[]']);
  });

  it('says so when there is no quota (stdout, exit 0)', async () => {
    expect(await h.run('delquota /app')).toMatchObject({ code: 0, out: ['Quota does not exist for /app'], err: [] });
    expect(await h.run('delquota q')).toMatchObject({ code: 0, out: ['Quota does not exist for q'] });
    expect(await h.run('delquota')).toMatchObject({ code: 1, err: ['delquota [-n|-b|-N|-B] path'] });
  });
});
