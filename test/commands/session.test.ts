// zkCli's built-ins and session commands against a real ensemble: printwatches, history, redo,
// connect, close, quit, version, help, the unknown-command usage list, addWatch/removewatches.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness, eventually } from './harness.js';

const sandbox = useSandbox({ nodes: 3 });

const USAGE = [
  'ZooKeeper -server host:port -client-configuration properties-file cmd args',
  '\taddWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE',
  '\taddauth scheme auth',
  '\tclose ',
  '\tconfig [-c] [-w] [-s]',
  '\tconnect host:port',
  '\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]',
  '\tdelete [-v version] path',
  '\tdeleteall path [-b batch size]',
  '\tdelquota [-n|-b|-N|-B] path',
  '\tget [-s] [-w] path',
  '\tgetAcl [-s] path',
  '\tgetAllChildrenNumber path',
  '\tgetEphemerals path',
  '\thistory ',
  '\tlistquota path',
  '\tls [-s] [-w] [-R] path',
  '\tprintwatches on|off',
  '\tquit ',
  '\treconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  '\tredo cmdno',
  '\tremovewatches path [-c|-d|-a] [-l]',
  '\tset [-s] [-v version] path data',
  '\tsetAcl [-s] [-v version] [-R] path acl',
  '\tsetquota -n|-b|-N|-B val path',
  '\tstat [-w] path',
  '\tsync path',
  '\tversion ',
  '\twhoami ',
];

async function withShell(fn: (h: ShellHarness) => Promise<void>, printWatches = false): Promise<void> {
  const h = await ShellHarness.open(sandbox().connectString, { printWatches });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

describe('unknown command', () => {
  it("prints zkCli's usage list (header + 28 lines) and exits 127", () =>
    withShell(async (h) => {
      const r = await h.run('foo bar');
      expect(r.code).toBe(127);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([...USAGE, 'Command not found: Command not found foo']);
      // zkpilot's help and the rmr alias are not zkCli's: they stay out of the list.
      expect(r.err.join('\n')).not.toMatch(/\thelp|\trmr/);
    }));
});

describe('printwatches', () => {
  it('shows and sets the setting; anything but "on" means off', () =>
    withShell(async (h) => {
      expect(await h.run('printwatches')).toMatchObject({ code: 0, out: ['printwatches is on'], err: [] });
      expect(await h.run('printwatches off')).toMatchObject({ code: 0, out: [], err: [] });
      expect((await h.run('printwatches')).out).toEqual(['printwatches is off']);
      await h.run('printwatches on');
      await h.run('printwatches -x');
      expect((await h.run('printwatches')).out).toEqual(['printwatches is off']);
    }));

  it('decides whether watch events are printed', () =>
    withShell(async (h) => {
      await h.run('create /pw x');
      await h.run('printwatches off');
      await h.run('get -w /pw');
      await h.run('set /pw y'); // fires the watch while printing is off
      await h.run('printwatches on');
      await h.run('get -w /pw');
      const mark = h.sink.lines.length;
      await h.run('set /pw z');
      await eventually(() => h.since(mark).some((l) => l.text.includes('NodeDataChanged')));
      const events = h.sink.lines.filter((l) => l.text.startsWith('WatchedEvent'));
      expect(events.map((l) => l.text)).toEqual(['WatchedEvent state:SyncConnected type:NodeDataChanged path:/pw']);
      await h.run('deleteall /pw');
    }, true));
});

describe('history and redo', () => {
  it('numbers commands as zkCli does, history listing itself', () =>
    withShell(async (h) => {
      await h.run('ls /');
      await h.run('   ');
      await h.run('printwatches');
      expect((await h.run('history')).out).toEqual(['0 - ls /', '1 - printwatches', '2 - history']);
      for (let i = 0; i < 10; i++) await h.run(`printwatches`);
      const r = await h.run('history');
      expect(r.out).toHaveLength(11);
      expect(r.out[0]).toBe('3 - printwatches');
      expect(r.out[10]).toBe('13 - history');
    }));

  it('redo runs a command again and takes its line; errors as zkCli words them', () =>
    withShell(async (h) => {
      await h.run('create /redo x'); // 0
      await h.run('get /redo'); // 1
      expect(await h.run('redo 1')).toMatchObject({ code: 0, out: ['x'], err: [] }); // 2
      expect(h.shell.history.get(2)).toBe('get /redo');
      expect(await h.run('redo 0x1')).toMatchObject({ code: 0, out: ['x'] }); // 3
      expect(await h.run('redo 99')).toMatchObject({ code: 1, err: ['Command index out of range'] }); // 4
      expect(await h.run('redo -1')).toMatchObject({ code: 1, err: ['Command index out of range'] }); // 5
      expect(await h.run('redo 4')).toMatchObject({ code: 1, err: ['No redoing redos'] }); // 6
      expect(await h.run('redo abc')).toMatchObject({ code: 1, err: ['java.lang.NumberFormatException: For input string: "abc"'] }); // 7
      // The redone command fails, but zkCli's redo itself exits 0.
      expect(await h.run('redo 0')).toMatchObject({ code: 0, err: ['Node already exists: /redo'] }); // 8
      await h.run('addauth digest u:secret'); // 9
      expect(await h.run('redo 9')).toMatchObject({ code: 1, err: ['redo: an addauth credential is not kept in history; type the addauth again'] });
      expect(await h.run('redo')).toMatchObject({ code: 0, out: [], err: [] });
      await h.run('delete /redo');
    }));
});

describe('close, connect, quit', () => {
  it('close prints nothing itself; the watch printer shows Closed; then commands say Not connected', () =>
    withShell(async (h) => {
      const mark = h.sink.lines.length;
      const r = await h.run('close');
      expect(r).toMatchObject({ code: 0 });
      expect(r.lines.map((l) => l.text)).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:Closed type:None path:null']);
      expect(h.since(mark).every((l) => l.stream === 'stdout')).toBe(true);
      expect(h.shell.prompt()).toContain('(CLOSED) 1] ');
      expect(await h.run('ls /')).toMatchObject({ code: 0, out: ['Not connected'], err: [] });
      // zkCli checks the session before it parses, and after its built-ins.
      expect(await h.run('ls -z /')).toMatchObject({ code: 0, out: ['Not connected'], err: [] });
      expect(await h.run('close')).toMatchObject({ code: 0, out: ['Not connected'] });
      expect(await h.run('printwatches')).toMatchObject({ code: 0, out: ['printwatches is on', 'Not connected'] });
      const hist = await h.run('history');
      expect(hist.out.at(-1)).toBe('Not connected');
      expect(hist.out.at(-2)).toBe('5 - history');
    }, true));

  it('connect opens a new session (auth is not carried over), to the same or another server', () =>
    withShell(async (h) => {
      await h.run('addauth digest u:p');
      const before = h.client.sessionId;
      expect(await h.run('connect')).toMatchObject({ code: 0, out: [], err: [] });
      await h.client.waitConnected(20_000);
      expect(h.client.sessionId).not.toBe(before);
      expect((await h.run('whoami')).out).toEqual(['Auth scheme: User', 'ip: 127.0.0.1']);
      const second = `127.0.0.1:${sandbox().members[1]!.clientPort}`;
      expect((await h.run(`connect ${second}`)).code).toBe(0);
      expect(h.shell.prompt()).toMatch(new RegExp(`^\\[zk: ${second}\\((CONNECTING|CONNECTED)\\) 4\\] $`));
      expect((await h.run('ls /zookeeper')).out).toEqual(['[config, quota]']);
    }));

  it("quit closes the session and exits with the previous command's code", () =>
    withShell(async (h) => {
      await h.run('get /missing');
      const r = await h.run('quit');
      expect(r.code).toBe(1);
      expect(h.shell.quitRequested).toBe(true);
      expect(h.conn.state).toBe('CLOSED');
      expect(r.lines.map((l) => l.text)).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:Closed type:None path:null']);
    }, true));

  it('quit after a good command exits 0', () =>
    withShell(async (h) => {
      await h.run('ls /');
      expect((await h.run('quit')).code).toBe(0);
    }));
});

describe('version and help', () => {
  it('version prints one line; extra arguments give the usage line', () =>
    withShell(async (h) => {
      expect(await h.run('version')).toMatchObject({ code: 0, out: [expect.stringMatching(/^ZooKeeper CLI version: zkpilot \d+\.\d+\.\d+/)], err: [] });
      expect(await h.run('version extra')).toMatchObject({ code: 1, err: ['version '] });
    }));

  it('help lists commands with summaries, or one command in detail', () =>
    withShell(async (h) => {
      const all = await h.run('help');
      expect(all.code).toBe(0);
      expect(all.out[0]).toBe('ZooKeeper commands (as zkCli 3.8):');
      expect(all.out).toContainEqual(expect.stringMatching(/^ {2}getEphemerals +List this session's ephemeral znodes/));
      expect(all.out).toContain('zkpilot commands:');
      const ls = await h.run('help ls');
      expect(ls.out[0]).toBe('usage: ls [-s] [-w] [-R] path');
      expect(ls.out).toContain('  -R  recurse');
      const del = await h.run('help rmr');
      expect(del.out[0]).toBe('usage: deleteall path [-b batch size]');
      expect(del.out).toContain('also: rmr');
      expect(await h.run('help nosuch')).toMatchObject({ code: 1, err: ['help: no such command: nosuch'] });
    }));
});

describe('addWatch and removewatches', () => {
  it('check their arguments as zkCli does, then say this client cannot do them', () =>
    withShell(async (h) => {
      const addUsage = USAGE[1]!.slice(1);
      expect(await h.run('addWatch')).toMatchObject({ code: 1, err: [addUsage] });
      expect(await h.run('addWatch -m foo /x')).toMatchObject({ code: 1, err: [addUsage] });
      expect(await h.run('addWatch /a /b')).toMatchObject({ code: 1, err: [addUsage] });
      expect(await h.run('addWatch x')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
      const r = await h.run('addWatch -m persistent /zookeeper');
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/^addWatch: not available in zkpilot/)]);
      expect(await h.run('removewatches')).toMatchObject({ code: 1, err: ['removewatches path [-c|-d|-a] [-l]'] });
      const rw = await h.run('removewatches /zookeeper -d');
      expect(rw.code).toBe(1);
      expect(rw.err).toEqual([expect.stringMatching(/^removewatches: not available in zkpilot/)]);
    }));
});
