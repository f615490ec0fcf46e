// The ConnectionLoss branch of reconfig, which a real ensemble produces only by timing (removing
// the leader): a scripted client stands in so each outcome is exercised every run.
import { describe, expect, it } from 'vitest';
import { zkCommands } from '../../src/commands/zk/index.js';
import { EventBus } from '../../src/shell/appEvents.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { ZkError, type Stat, type ZkClient } from '../../src/zk/types.js';

const STAT: Stat = { czxid: 0, mzxid: 0, pzxid: 0, ctime: 0, mtime: 0, version: -1, cversion: 0, aversion: -1, ephemeralOwner: '0', dataLength: 0, numChildren: 0 };
const OLD = 'server.1=127.0.0.1:1:2:participant;127.0.0.1:3\nserver.2=127.0.0.1:4:5:participant;127.0.0.1:6\nserver.3=127.0.0.1:7:8:participant;127.0.0.1:9\nversion=100000000';
const NEW = 'server.1=127.0.0.1:1:2:participant;127.0.0.1:3\nserver.2=127.0.0.1:4:5:participant;127.0.0.1:6\nversion=100000003';

interface Script {
  configs: string[]; // what successive getConfig calls return
  reconnect: () => Promise<void>;
  onReconfig?: () => void;
  onStateSubscribed?: () => void;
}

function scriptedClient(script: Script): ZkClient {
  const unsupported = (): never => {
    throw new Error('not scripted');
  };
  return {
    connectString: '127.0.0.1:3',
    state: 'CONNECTED',
    sessionId: '1',
    sessionTimeoutMs: 30000,
    auths: [],
    onState: () => {
      script.onStateSubscribed?.();
      return () => undefined;
    },
    onWatch: () => () => undefined,
    waitConnected: () => script.reconnect(),
    close: async () => undefined,
    getConfig: async () => ({ data: Buffer.from(script.configs.shift() ?? NEW), stat: STAT }),
    reconfig: async () => {
      script.onReconfig?.();
      throw new ZkError('ConnectionLoss', -4, null);
    },
    sync: async () => undefined,
    get: unsupported,
    exists: unsupported,
    getChildren: unsupported,
    create: unsupported,
    set: unsupported,
    delete: unsupported,
    getAcl: unsupported,
    setAcl: unsupported,
    addAuth: unsupported,
    multi: unsupported,
  } as ZkClient;
}

/** Ctrl-C for the shell of the reconfig running now (a script's reconnect may press it). */
let pressCtrlC = (): void => undefined;

async function runReconfig(script: Script) {
  const registry = new CommandRegistry();
  registry.registerAll(zkCommands(registry));
  const bus = new EventBus();
  const sink = new MemorySink();
  const conn = new Connection(() => scriptedClient(script), bus, '127.0.0.1:3');
  await conn.connect();
  const shell = new Shell({ registry, conn, bus, history: new History(null), sink, interactive: false, assumeYes: true });
  pressCtrlC = () => shell.cancel();
  const running = shell.execute('reconfig -remove 3');
  const code = await running;
  return { code, err: sink.lines.filter((l) => l.stream === 'stderr'), out: sink.text('stdout') };
}

describe('reconfig after a ConnectionLoss', () => {
  it('prints zkCli line, then says the change WAS committed when the version moved', async () => {
    const r = await runReconfig({ configs: [OLD, NEW], reconnect: async () => undefined });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.map((l) => l.text)).toEqual([
      'KeeperErrorCode = ConnectionLoss',
      'zkpilot: the reconfig WAS committed: config version is now 100000003 (was 100000000), members 1, 2',
    ]);
    expect(r.err.map((l) => l.tone)).toEqual(['error', 'info']);
  });

  it('says it was NOT committed when the version is unchanged', async () => {
    const r = await runReconfig({ configs: [OLD, OLD], reconnect: async () => undefined });
    expect(r.err.map((l) => l.text)).toEqual([
      'KeeperErrorCode = ConnectionLoss',
      'zkpilot: the reconfig was NOT committed: config version is still 100000000, members 1, 2, 3',
    ]);
  });

  it('says what it could not learn when the session does not come back', async () => {
    const r = await runReconfig({ configs: [OLD], reconnect: () => Promise.reject(new ZkError('ConnectionLoss', -4, null)) });
    expect(r.code).toBe(1);
    expect(r.err.map((l) => l.text)).toEqual([
      'KeeperErrorCode = ConnectionLoss',
      "zkpilot: could not re-read the config after the ConnectionLoss (KeeperErrorCode = ConnectionLoss); run 'config' before retrying",
    ]);
  });

  it('stops waiting on Ctrl-C', async () => {
    // Ctrl-C once the wait for the session has begun; the session never comes back.
    const never = (): Promise<void> => {
      pressCtrlC();
      return new Promise<void>(() => undefined);
    };
    const r = await runReconfig({ configs: [OLD], reconnect: never });
    expect(r.code).toBe(1);
    expect(r.err.map((l) => l.text)).toEqual(['KeeperErrorCode = ConnectionLoss', 'reconfig: stopped waiting for the session']);
  });

  it('sends nothing when Ctrl-C comes before the request', async () => {
    let sent = false;
    // The release check subscribes to the session's state before it asks the servers: Ctrl-C then.
    const r = await runReconfig({ configs: [OLD], reconnect: async () => undefined, onReconfig: () => (sent = true), onStateSubscribed: () => pressCtrlC() });
    expect(r.code).toBe(1);
    expect(r.err.map((l) => l.text)).toEqual(['reconfig cancelled: the ensemble was not changed']);
    expect(sent).toBe(false);
  });
});
