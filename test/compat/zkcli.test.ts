// Side by side: the real zkCli 3.8 (Debian) and zkpilot run the same commands against the same
// server; stdout and stderr must be identical line for line after normalize(), exit codes equal.
// Commands that change state run as scenarios: the fixture is rebuilt before each side runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellHarness } from '../commands/harness.js';
import { useSandbox } from '../helpers/sandbox.js';
import { normalize } from './normalize.js';
import { ZKCLI, ZKPILOT, type CliRun, type CliRunner } from './runners.js';

const sandbox = useSandbox({ nodes: 3 });
let admin: ShellHarness;
let server: string;

/** A fixture as shell lines (run by an admin session), then one-shot commands. */
interface Scenario {
  setup: string[];
  steps: string[];
}

const FIXTURE_APP = ['deleteall /cmp/app', 'create /cmp/app hello', 'create /cmp/app/child1 c1data', 'create /cmp/app/b', 'create /cmp/app/b/deep d'];

async function setUp(lines: string[]): Promise<void> {
  for (const line of lines) await admin.run(line);
}

const tokens = (line: string): string[] => line.split(' ').filter((t) => t !== '');

async function runScenario(runner: CliRunner, scenario: Scenario): Promise<CliRun[]> {
  await setUp(scenario.setup);
  const runs: CliRun[] = [];
  for (const step of scenario.steps) runs.push(normalize(await runner.oneShot(server, tokens(step))));
  return runs;
}

/** Runs the scenario on both sides and compares step by step. */
async function compareScenario(scenario: Scenario): Promise<void> {
  const theirs = await runScenario(ZKCLI, scenario);
  const ours = await runScenario(ZKPILOT, scenario);
  scenario.steps.forEach((step, i) => expect({ step, ...ours[i] }).toEqual({ step, ...theirs[i] }));
}

/** Bounded concurrency for JVM starts: stateless commands need no ordering. */
async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

beforeAll(async () => {
  server = `127.0.0.1:${sandbox().members[0]!.clientPort}`;
  admin = await ShellHarness.open(sandbox().connectString);
  // Super, so fixtures can be torn down whatever ACL a step left on them.
  await setUp([`addauth digest ${sandbox().superUser}:${sandbox().superPassword}`, 'create /cmp', ...FIXTURE_APP]);
});
afterAll(async () => {
  await admin?.close();
});

describe('commands that change nothing (zkCli runs in parallel)', () => {
  const STATELESS = [
    // §2.1 listing and stat
    'ls /', 'ls -s /', 'ls -R /zookeeper', 'stat /zookeeper', 'ls /cmp/app', 'ls -s /cmp/app', 'ls -R /cmp/app', 'ls -R /cmp/app/b/deep',
    'ls -w /cmp/app', 'ls /cmp/app -s', 'ls -? /cmp/app', 'ls -?',
    // §2.2 reads and errors
    'get /cmp/app', 'get -s /cmp/app', 'get /missing', 'get -s /missing', 'stat /missing', 'ls /missing', 'ls -R /missing', 'delete /missing',
    'delete /cmp/app', 'set -v 99 /cmp/app x', 'create /cmp/app', 'create /cmp/nope/x', 'stat /cmp/app',
    // §2.3, §2.4
    'config', 'config -c', 'config -s', 'getAcl /cmp/app', 'getAcl -s /cmp/app', 'getAcl /missing', 'whoami', 'version', 'sync /', 'sync /missing',
    'getAllChildrenNumber /', 'getAllChildrenNumber /cmp/app', 'getAllChildrenNumber /missing', 'getEphemerals', 'getEphemerals /cmp', 'addauth digest',
    // §2.5 usage and bad arguments
    'foo', 'foo bar', 'ls', 'ls -z /', 'get', 'create', 'set /app', 'delete', 'stat', 'setAcl /app', 'deleteall', 'deleteall /app -b x',
    'getAllChildrenNumber', 'sync', 'version extra', 'addWatch', 'addWatch -m foo /app', 'removewatches', 'reconfig', 'reconfig -v xyz -remove 3',
    'reconfig -add 5=127.0.0.1:1:2 -members 1=x', 'reconfig -file /x -members 1=x', 'reconfig -file /nonexistent/members.cfg', 'reconfig -remove 3',
    'ls app', 'create app', 'ls /app/', 'ls /app//x', 'create -c -e /x', 'create -t abc /ttl', 'create -e -t 100 /ttl', 'create -c -t 5 /ttl',
    'create -t 0 /ttl', 'create -t 1000 /cmp/ttl', 'create /neg -5', 'setquota /app', 'setquota -n 2 -b 3 /app', 'setquota -n 2', 'setquota -n 0 /app',
    'setquota -b -1 /app', 'setquota -n x /app', 'setquota -n 5 /zookeeper/quota', 'setquota -n 2 /nope', 'setquota -n 2 nope', 'setquota -n 2 /',
    'listquota /nope', 'listquota nope', 'listquota /', 'listquota', 'delquota /nope', 'delquota q', 'delquota -b -N /app', 'delquota',
    'getEphemerals app', 'getAllChildrenNumber app', 'sync app', 'printwatches', 'printwatches off', 'redo 5', 'setAcl /cmp/app foo',
    // deprecated forms that only read
    'ls /cmp/app watch', 'get /cmp/app 1', 'stat /cmp/app 1', 'ls -s /cmp/app watch',
  ];
  let theirs: CliRun[];

  beforeAll(async () => {
    theirs = await pool(STATELESS, 3, async (line) => normalize(await ZKCLI.oneShot(server, tokens(line))));
  }, 120_000);

  it.each(STATELESS.map((line, i) => [line, i] as const))('%s', async (line, i) => {
    const ours = normalize(await ZKPILOT.oneShot(server, tokens(line)));
    expect(ours).toEqual(theirs[i]);
  });
});

describe('commands that change state (fixture rebuilt for each side)', () => {
  it('create variants', () =>
    compareScenario({
      setup: ['deleteall /cmp/new', 'create /cmp/new'],
      steps: [
        'create /cmp/new/app hello', 'create /cmp/new/app/child1 c1data', 'create -s /cmp/new/app/seq- seqdata', 'create -s /cmp/new/app/seq- seqdata',
        'create -s /cmp/new/app/', 'create -c /cmp/new/cont', 'create /cmp/new/app', 'create /cmp/new/acl d world:anyone:rq,bad', 'getAcl /cmp/new/acl',
        'create /cmp/new/ipacl d ip:127.0.0.1:cdrwa,world:anyone:r', 'getAcl /cmp/new/ipacl', 'create /cmp/new/noacl d nope', 'create /cmp/new/authacl d auth::cdrwa',
        'ls -R /cmp/new', 'stat /cmp/new/app',
      ],
    }));

  it('create -e (ephemerals of one-shot sessions)', () =>
    compareScenario({ setup: ['deleteall /cmp/eph', 'create /cmp/eph'], steps: ['create -e /cmp/eph/e ephdata', 'create -e -c /cmp/eph/x'] }));

  it('set, set -s, set -v', () =>
    compareScenario({
      setup: ['deleteall /cmp/set', 'create /cmp/set v0'],
      steps: ['set /cmp/set world', 'set -s /cmp/set world2', 'set -v 99 /cmp/set x', 'set -v 2 /cmp/set v3', 'get -s /cmp/set', 'set /cmp/set'],
    }));

  it('delete, deleteall and the deprecated delete form', () =>
    compareScenario({
      setup: [...FIXTURE_APP, 'deleteall /cmp/del', 'create /cmp/del', 'create /cmp/del/a', 'create /cmp/del/b', 'create /cmp/del/t', 'create /cmp/del/t/x'],
      steps: ['delete /cmp/del', 'delete -v 5 /cmp/del/a', 'delete -v 0 /cmp/del/a', 'delete /cmp/del/b 7', 'deleteall /cmp/del/t', 'ls -R /cmp/del', 'deleteall /cmp/del/t'],
    }));

  it('setAcl, setAcl -s, setAcl -R, getAcl without permission', () =>
    compareScenario({
      setup: ['deleteall /cmp/acl', 'create /cmp/acl', 'create /cmp/acl/a', 'create /cmp/acl/a/b', 'create /cmp/acl/c'],
      steps: [
        'setAcl /cmp/acl/c world:anyone:cdrwa,ip:10.0.0.1:r', 'getAcl /cmp/acl/c', 'setAcl -s /cmp/acl/c world:anyone:cdrwa', 'setAcl -v 0 /cmp/acl/c world:anyone:r',
        'setAcl -R /cmp/acl world:anyone:cdrwa,ip:10.1.1.1:rw', 'getAcl /cmp/acl/a/b', 'setAcl /cmp/acl/c world:anyone:xyz', 'getAcl /cmp/acl/c', 'ls /cmp/acl/c',
        'setAcl -R /cmp/acl/a world:anyone:cdwa', 'getAcl /cmp/acl/a/b',
      ],
    }));

  it('quotas: setquota, listquota, delquota and the quota nodes', () =>
    compareScenario({
      setup: [
        'delquota /cmp/q', 'delquota /cmp/q/a', 'deleteall /cmp/q', 'create /cmp/q', 'create /cmp/q/a 12345', 'create /cmp/q/b xyz', 'create /cmp/q/a/deep 1234',
      ],
      steps: [
        'setquota -n 3 /cmp/q', 'get /zookeeper/quota/cmp/q/zookeeper_limits', 'get /zookeeper/quota/cmp/q/zookeeper_stats', 'listquota /cmp/q',
        'setquota -B 10 /cmp/q', 'setquota -b 100 /cmp/q', 'listquota /cmp/q', 'setquota -N 2 /cmp/q/a', 'delquota -n /cmp/q', 'listquota /cmp/q', 'delquota /cmp/q',
        'listquota /cmp/q', 'delquota /cmp/q', 'setquota -n 2 /cmp/q/a', 'setquota -n 9 /cmp/q', 'ls -R /zookeeper/quota/cmp', 'delquota /cmp/q/a',
        'ls /zookeeper/quota',
      ],
    }));
});

describe('piped sessions (one JVM, many commands)', () => {
  async function comparePiped(setup: string[], input: string[]): Promise<void> {
    await setUp(setup);
    const theirs = normalize(await ZKCLI.piped(server, input));
    await setUp(setup);
    const ours = normalize(await ZKPILOT.piped(server, input));
    expect(ours).toEqual(theirs);
  }

  it("getEphemerals lists the session's own ephemerals in the server's order", () =>
    comparePiped(
      // No unreadable znodes left by earlier scenarios: zkpilot would add a note about them.
      ['deleteall /cmp/acl', 'deleteall /cmp/pe', 'create /cmp/pe'],
      [
        ...['e1', 'zz', 'a10', 'b7', 'node-3', 'x', 'qq', 'foo', 'bar', 'baz', 'Aa', 'BB'].map((n) => `create -e /cmp/pe/${n} x`),
        'create -e -s /cmp/pe/s- x', 'getEphemerals', 'getEphemerals /cmp/pe', 'getEphemerals /cmp/pe/b', 'getEphemerals /nope', 'quit',
      ],
    ));

  it('history, redo, printwatches, close and Not connected', () =>
    comparePiped(
      ['deleteall /cmp/h', 'create /cmp/h', 'create /cmp/h/x a'],
      [
        'get /cmp/h/x', 'ls /cmp/h', 'history', 'redo 1', 'redo 99', 'redo 3', 'redo', 'history', 'printwatches', 'printwatches off', 'printwatches',
        'printwatches on', 'get /missing', 'close', 'ls /', 'ls -z /', 'printwatches', 'history', 'foo', 'quit',
      ],
    ));

  it('quit exits with the previous command code', async () => {
    for (const input of [['get /missing', 'quit'], ['foo', 'quit'], ['ls /', 'quit']]) {
      const [theirs, ours] = [await ZKCLI.piped(server, input), await ZKPILOT.piped(server, input)];
      expect({ input, code: ours.code }).toEqual({ input, code: theirs.code });
    }
  });
});

describe('known, documented divergences', () => {
  it('a znode created without data stores null: `get` prints null in both', async () => {
    await setUp(['deleteall /cmp/nodata', 'create /cmp/nodata']);
    const theirs = normalize(await ZKCLI.oneShot(server, ['create', '/cmp/nodata/x']));
    const theirsGet = normalize(await ZKCLI.oneShot(server, ['get', '/cmp/nodata/x']));
    await setUp(['deleteall /cmp/nodata', 'create /cmp/nodata']);
    const ours = normalize(await ZKPILOT.oneShot(server, ['create', '/cmp/nodata/x']));
    const oursGet = normalize(await ZKPILOT.oneShot(server, ['get', '/cmp/nodata/x']));
    expect(ours).toEqual(theirs);
    expect(theirsGet.stdout).toEqual(['null']);
    expect(oursGet).toEqual(theirsGet);
  });

  it('an uncaught NumberFormatException: zkCli dies with a stack trace, zkpilot prints its first line', async () => {
    const theirs = normalize(await ZKCLI.oneShot(server, ['set', '-v', 'abc', '/cmp/app', 'x']));
    const ours = normalize(await ZKPILOT.oneShot(server, ['set', '-v', 'abc', '/cmp/app', 'x']));
    expect(theirs.stderr[0]).toBe('Exception in thread "main" java.lang.NumberFormatException: For input string: "abc"');
    expect(ours).toEqual({ stdout: [], stderr: ['java.lang.NumberFormatException: For input string: "abc"'], code: theirs.code });
  });
});
