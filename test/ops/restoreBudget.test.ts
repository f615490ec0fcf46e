// The writer side of copy and restore takes nodes far ahead of their writes (multis fill while
// the source reads on), but never holds more than 16 MiB of their data: big znodes are taken only
// as earlier ones are written. Against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkSession } from '../../src/ops/remote/bulkSession.js';
import { restoreTree } from '../../src/ops/restoreTree.js';
import type { TreeNode } from '../../src/ops/sourceNode.js';
import { createZkClient } from '../../src/zk/client.js';
import type { Stat, ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 1 });
let zk: ZkClient;

beforeAll(async () => {
  zk = createZkClient({ connectString: sandbox().connectString, callTimeoutMs: 30_000 });
  await zk.waitConnected(15_000);
});
afterAll(async () => {
  await zk?.close();
});

const STAT: Stat = { czxid: 1, mzxid: 1, pzxid: 1, ctime: 0, mtime: 0, version: 0, cversion: 0, aversion: 0, ephemeralOwner: '0', dataLength: 0, numChildren: 0 };
const BIG = 512 * 1024;
const LEAVES = 40;

describe('restoreTree', () => {
  it('holds at most 16 MiB of data in writes not yet done, and writes every node', async () => {
    let taken = 0;
    let written = 0;
    let maxHeld = 0;
    async function* nodes(): AsyncGenerator<TreeNode> {
      yield { rel: '', data: null, acl: null, stat: STAT, hasChildren: true, maxSeq: -1 };
      for (let i = 0; i < LEAVES; i++) {
        taken += 1;
        maxHeld = Math.max(maxHeld, (taken - written) * BIG);
        yield { rel: `n${i}`, data: Buffer.alloc(BIG, i), acl: null, stat: { ...STAT, dataLength: BIG }, hasChildren: false, maxSeq: -1 };
      }
    }
    const session = await BulkSession.open({ connectString: sandbox().connectString });
    const result = await restoreTree(nodes(), session, '/budget', {
      window: 16,
      acls: false,
      overwrite: true,
      dryRun: false,
      seqCounters: true,
      onNode: () => void (written += 1),
    }).finally(() => session.close());
    expect(result.counts.created).toBe(LEAVES + 1);
    // Unbounded, all forty (20 MB) would be taken before the first write came back.
    expect(maxHeld).toBeLessThanOrEqual(16 * 1024 * 1024 + BIG);
    expect(maxHeld).toBeGreaterThan(8 * 1024 * 1024);
    expect((await zk.getChildren('/budget')).children.length).toBe(LEAVES);
    expect((await zk.get('/budget/n39')).data?.equals(Buffer.alloc(BIG, 39))).toBe(true);
  }, 60_000);
});
