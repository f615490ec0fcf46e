// The committed-config source must not go stale when a getConfig fails on a connected session
// (a server between roles right after a reconfig): no watch is left behind, so it reads again.
// The failure is injected with a stand-in client: a real server cannot be made to fail one read.
import { describe, expect, it } from 'vitest';
import { SessionConfigSource } from '../../src/ensemble/configSource.js';
import type { CommittedConfig } from '../../src/ensemble/types.js';
import type { ZkClient } from '../../src/zk/types.js';

const CONFIG = 'server.1=127.0.0.1:2888:3888:participant;127.0.0.1:2181\nversion=100000455';

function flakyClient(failures: number): { client: ZkClient; reads: () => number } {
  let reads = 0;
  let onState: ((s: string) => void) | null = null;
  const client = {
    state: 'CONNECTED',
    sessionId: '0x1',
    onWatch: () => () => {},
    onState: (l: (s: string) => void) => {
      onState = l;
      return () => {};
    },
    waitConnected: async () => {
      onState?.('CONNECTED');
    },
    getConfig: async () => {
      reads += 1;
      if (reads <= failures) throw new Error('ConnectionLoss');
      return { data: Buffer.from(CONFIG), stat: {} };
    },
    close: async () => {},
  } as unknown as ZkClient;
  return { client, reads: () => reads };
}

describe('SessionConfigSource', () => {
  it('reads again after a failed read on a connected session', async () => {
    const fake = flakyClient(2);
    const source = new SessionConfigSource(() => fake.client, '127.0.0.1:2181');
    const changed = new Promise<CommittedConfig>((resolve) => source.onChange(resolve));
    source.start();
    await fake.client.waitConnected();
    const config = await changed;
    expect(config.version).toBe('100000455');
    expect(fake.reads()).toBe(3);
    await source.close();
  });

  it('stops retrying once closed', async () => {
    const fake = flakyClient(Number.MAX_SAFE_INTEGER);
    const source = new SessionConfigSource(() => fake.client, '127.0.0.1:2181');
    source.start();
    await source.refresh(100);
    const before = fake.reads();
    await source.close();
    await new Promise((r) => setTimeout(r, 1500)); // longer than the retry delay: nothing may read
    expect(fake.reads()).toBe(before);
  });
});
