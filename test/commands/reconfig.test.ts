// config and reconfig against a real 3-node ensemble with a spare, reconfigEnabled and a super
// digest: add the spare, remove it, -members, -file, the checks and their messages, and removing
// the leader (which commits while the issuing client often sees ConnectionLoss).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaPropertiesOrder } from '../../src/zk/dynamicConfig.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness, eventually } from './harness.js';

const sandbox = useSandbox({ nodes: 3, spares: 1 });
let h: ShellHarness;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'zkpilot-reconfig-'));

const serverLine = (id: number): string => {
  const n = sandbox().nodes.find((x) => x.id === id)!;
  return `server.${id}=${n.serverSpec}`;
};

async function configLines(): Promise<string[]> {
  return (await h.run('config')).out;
}

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
});
afterAll(async () => {
  await h?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('config', () => {
  it('prints the dynamic config; -c the client string in Java Properties order; -s the stat', async () => {
    const lines = await configLines();
    expect(lines.slice(0, 3)).toEqual([serverLine(1), serverLine(2), serverLine(3)]);
    expect(lines[3]).toMatch(/^version=[0-9a-f]+$/);
    const version = lines[3]!.slice('version='.length);

    const c = await h.run('config -c');
    const keys = javaPropertiesOrder(['server.1', 'server.2', 'server.3', 'version']).filter((k) => k !== 'version');
    const hosts = keys.map((k) => `127.0.0.1:${sandbox().nodes.find((n) => `server.${n.id}` === k)!.clientPort}`);
    expect(c).toMatchObject({ code: 0, out: [`${version} ${hosts.join(',')}`], err: [] });

    const s = await h.run('config -s');
    expect(s.out.slice(0, 4)).toEqual(lines);
    expect(s.out.slice(4)).toHaveLength(11);
    expect(s.out).toContain('aclVersion = -1');
    expect(await h.run('config -x')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x'] });
  });
});

describe('reconfig checks', () => {
  it('reports bad arguments in zkCli words, before talking to the server', async () => {
    const usage =
      'reconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]';
    expect(await h.run('reconfig')).toMatchObject({ code: 1, err: [usage] });
    expect(await h.run('reconfig -s')).toMatchObject({ code: 1, err: [usage] });
    expect(await h.run('reconfig -v xyz -remove 3')).toMatchObject({ code: 1, err: ['-v must be followed by a long (configuration version)'] });
    expect(await h.run('reconfig -add 5=127.0.0.1:1:2 -members 1=x')).toMatchObject({
      code: 1,
      err: ["Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)"],
    });
    expect(await h.run('reconfig -file /x -members 1=x')).toMatchObject({
      code: 1,
      err: ["Can't use -file and -members together (conflicting non-incremental modes)"],
    });
    const missing = path.join(tmp, 'nonexistent.cfg');
    expect(await h.run(`reconfig -file ${missing}`)).toMatchObject({
      code: 1,
      err: [`Error processing ${missing}${missing} (No such file or directory)`],
    });
    const bad = path.join(tmp, 'bad.cfg');
    writeFileSync(bad, `${serverLine(1)}\nfoo=bar\n`);
    expect(await h.run(`reconfig -file ${bad}`)).toMatchObject({ code: 1, err: [`Error processing ${bad}Unrecognised parameter: foo`] });
    writeFileSync(bad, 'server.x=127.0.0.1:1:2;3\n');
    expect(await h.run(`reconfig -file ${bad}`)).toMatchObject({ code: 1, err: [`Error processing ${bad}For input string: "x"`] });
    expect(await h.run('reconfig -q 1')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -q'] });
  });

  it('needs super: without it the server says NoAuth, with an empty path as zkCli prints it', async () => {
    expect(await h.run('reconfig -remove 3')).toMatchObject({ code: 1, out: [], err: ['Insufficient permission : '] });
  });
});

describe('reconfig as super', () => {
  beforeAll(async () => {
    expect((await h.run(`addauth digest ${sandbox().superUser}:${sandbox().superPassword}`)).code).toBe(0);
  });

  it('-add a spare: prints the committed configuration', async () => {
    const spare = sandbox().spares[0]!;
    const r = await h.run(`reconfig -add server.${spare.id}=${spare.serverSpec}`);
    expect(r.code).toBe(0);
    expect(r.out.slice(0, 5)).toEqual(['Committed new configuration:', serverLine(1), serverLine(2), serverLine(3), serverLine(spare.id)]);
    expect(r.out[5]).toMatch(/^version=[0-9a-f]+$/);
    expect(r.out).toHaveLength(6);
    expect((await configLines()).slice(0, 4)).toEqual(r.out.slice(1, 5));
  });

  it('-remove asks first; declined, nothing changes', async () => {
    const before = await configLines();
    const asked: string[] = [];
    const tui = await ShellHarness.open(sandbox().connectString, { interactive: true, assumeYes: false, ask: async (q) => (asked.push(q), false) });
    try {
      await tui.run(`addauth digest super:${sandbox().superPassword}`);
      expect(await tui.run('reconfig -remove 4')).toMatchObject({ code: 1, err: ['reconfig cancelled: the ensemble was not changed'] });
      expect(asked).toEqual(['Remove server(s) 4 from the ensemble?']);
    } finally {
      await tui.close();
    }
    expect(await configLines()).toEqual(before);
  });

  it('-remove with -s prints the new config and its stat; -v must match (hex)', async () => {
    const version = (await configLines()).at(-1)!.slice('version='.length);
    expect(await h.run('reconfig -v 1234 -remove 4')).toMatchObject({ code: 1, err: ['version No is not valid : '] });
    const r = await h.run(`reconfig -s -v ${version} -remove 4`);
    expect(r.code).toBe(0);
    expect(r.out.slice(0, 4)).toEqual(['Committed new configuration:', serverLine(1), serverLine(2), serverLine(3)]);
    expect(r.out[4]).toMatch(/^version=/);
    expect(r.out.slice(5)).toHaveLength(11);
    expect(r.out[5]).toBe('cZxid = 0x0');
  });

  it('-members and -file replace the membership (non-incremental)', async () => {
    const members = [1, 2, 3].map(serverLine).join(',');
    const m = await h.run(`reconfig -members ${members}`);
    expect(m.code).toBe(0);
    expect(m.out.slice(0, 4)).toEqual(['Committed new configuration:', serverLine(1), serverLine(2), serverLine(3)]);
    const file = path.join(tmp, 'members.cfg');
    writeFileSync(file, `# the three members\n${[1, 2, 3].map(serverLine).join('\n')}\n`);
    const f = await h.run(`reconfig -file ${file}`);
    expect(f.code).toBe(0);
    expect(f.out.slice(0, 4)).toEqual(['Committed new configuration:', serverLine(1), serverLine(2), serverLine(3)]);
    expect(f.out[4]).not.toBe(m.out[4]);
  });

  it('removing the leader commits; after a ConnectionLoss zkpilot says so once it has read the config again', async () => {
    const leader = await sandbox().waitForLeader(30_000);
    const follower = sandbox().members.find((n) => n.id !== leader)!;
    const s = await ShellHarness.open(`127.0.0.1:${follower.clientPort}`);
    try {
      await s.run(`addauth digest super:${sandbox().superPassword}`);
      const before = (await s.run('config')).out.at(-1);
      const r = await s.run(`reconfig -remove ${leader}`);
      const remaining = [1, 2, 3].filter((id) => id !== leader);
      if (r.code === 0) {
        expect(r.out.slice(0, 3)).toEqual(['Committed new configuration:', ...remaining.map(serverLine)]);
      } else {
        expect(r.err[0]).toBe('KeeperErrorCode = ConnectionLoss');
        expect(r.err[1]).toMatch(new RegExp(`^zkpilot: the reconfig WAS committed: config version is now [0-9a-f]+ \\(was ${before!.slice(8)}\\), members ${remaining.join(', ')}$`));
        expect(r.lines.find((l) => l.text === r.err[1])!.tone).toBe('info');
      }
      // The leader hand-off drops connections right after the commit: wait for the session.
      const after = await eventually(async () => {
        const c = await s.run('config');
        return c.code === 0 && c.out;
      }, 30_000);
      expect(after.slice(0, 2)).toEqual(remaining.map(serverLine));
      expect(after).toHaveLength(3);
    } finally {
      await s.close();
    }
  });
});
