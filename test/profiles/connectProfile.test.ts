// `connect NAME` in the shell: a profile name switches the session to that cluster's ensemble.
import { describe, expect, it } from 'vitest';
import { runProfileCli } from '../../src/profiles/profileCli.js';
import { ShellHarness } from '../commands/harness.js';
import { useSandbox } from '../helpers/sandbox.js';
import { useTempXdg } from './helpers.js';

const first = useSandbox({ nodes: 1 });
const second = useSandbox({ nodes: 1 });
useTempXdg();

async function addProfile(name: string, server: string): Promise<void> {
  const io = { stdout: () => {}, stderr: (s: string) => { throw new Error(s); } };
  expect(await runProfileCli(['add', name, '--server', server], io)).toBe(0);
}

describe('connect NAME', () => {
  it('switches to the ensemble of a cluster profile and says so', async () => {
    await addProfile('other', second().connectString);
    const h = await ShellHarness.open(first().connectString);
    try {
      await h.run('create /only-on-first x');
      const r = await h.run('connect other');
      expect(r.code).toBe(0);
      expect(r.err).toEqual([`connecting to cluster profile other (${second().connectString})`]);
      await h.shell.conn.client!.waitConnected(10000);
      expect(h.shell.conn.connectString).toBe(second().connectString);
      expect((await h.run('ls /')).out).toEqual(['[zookeeper]']);
    } finally {
      await h.close();
    }
  });

  it('takes a connect string as zkCli does, and refuses a malformed one in one line', async () => {
    const h = await ShellHarness.open(first().connectString);
    try {
      const bad = await h.run('connect "zk1 zk2"');
      expect(bad.code).toBe(1);
      expect(bad.err).toHaveLength(1);
      expect(bad.err[0]).toContain('no spaces allowed');
      await h.run(`connect ${second().connectString}`);
      await h.shell.conn.client!.waitConnected(10000);
      expect((await h.run('ls /')).out).toEqual(['[zookeeper]']);
    } finally {
      await h.close();
    }
  });
});
