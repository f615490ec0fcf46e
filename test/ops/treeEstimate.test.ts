// A progress total without a second walk: the walk's estimate of the tree's size, refined as it
// reads, exact once done; the meter shows it with `~` and never below what is done.
import { describe, expect, it } from 'vitest';
import { formatProgress, ProgressMeter } from '../../src/ops/progressMeter.js';
import { walkTree } from '../../src/ops/streamingWalk.js';
import { TreeEstimate } from '../../src/ops/treeEstimate.js';

interface N {
  depth: number;
}

/** Walks a regular tree (`fanout` children per node, `depth` levels below the root), sampling the estimate. */
async function walkRegular(fanout: number, depth: number): Promise<{ samples: { visited: number; estimate: number }[]; final: number; size: number }> {
  const estimate = new TreeEstimate();
  const samples: { visited: number; estimate: number }[] = [];
  let visited = 0;
  await walkTree<N>([{ depth: 0 }], {
    async visit(node, expose) {
      await new Promise((r) => setImmediate(r));
      if (node.depth < depth) expose(Array.from({ length: fanout }, () => ({ depth: node.depth + 1 })));
      visited += 1;
      samples.push({ visited, estimate: estimate.total() });
    },
  }, { maxActive: 16, estimate });
  let size = 0;
  for (let d = 0, level = 1; d <= depth; d++, level *= fanout) size += level;
  return { samples, final: estimate.total(), size };
}

describe('TreeEstimate', () => {
  it('is exact once the walk is done', async () => {
    const { final, size } = await walkRegular(5, 4);
    expect(final).toBe(size);
  });

  it('comes within 10% of a regular tree before a fifth of it is read, and never says less than is known', async () => {
    const { samples, size } = await walkRegular(6, 4);
    const early = samples.find((s) => s.visited >= size / 5)!;
    expect(Math.abs(early.estimate - size) / size).toBeLessThan(0.1);
    expect(samples.every((s) => s.estimate >= s.visited)).toBe(true);
  });

  it('counts leaves and lists as the walk reports them', () => {
    const e = new TreeEstimate();
    e.discover(0, 1);
    expect(e.total()).toBe(1);
    e.resolve(0, 4);
    e.discover(1, 4);
    // Nothing is known below depth 1 yet: each unread child counts as itself.
    expect(e.total()).toBe(5);
    e.resolve(1, 3);
    e.discover(2, 3);
    // One child of four had 3 children: the other three are expected to as well.
    expect(e.total()).toBe(1 + 1 + 3 + 3 * 4);
  });
});

describe('ProgressMeter with an estimator', () => {
  it('shows the estimated total with ~ while running and the count done as the total at the end', () => {
    let t = 0;
    const emitted: string[] = [];
    const meter = new ProgressMeter({ label: 'deleteall /x', now: () => t, emit: (s) => emitted.push(formatProgress(s)) });
    let guess = 1000;
    meter.setEstimator(() => guess);
    t = 1000;
    meter.add(100);
    const running = meter.snapshot('running');
    expect(running).toMatchObject({ total: 1000, estimated: true });
    expect(formatProgress(running)).toContain('100/~1,000 nodes');
    guess = 50; // an estimate below what is done never shows
    expect(meter.snapshot('running').total).toBe(100);
    t = 2000;
    meter.add(400);
    expect(meter.end('done')).toMatchObject({ total: 500, done: 500, state: 'done' });
    expect(emitted.at(-1)).not.toContain('~');
  });
});
