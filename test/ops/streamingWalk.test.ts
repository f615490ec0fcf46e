// The walk behind every bulk operation: bounded concurrency and frontier (a huge tree is never
// in memory), parents before children, post-order finish, clean stop on abort and on error.
import { describe, expect, it } from 'vitest';
import { walkTree } from '../../src/ops/streamingWalk.js';

interface N {
  id: string;
  depth: number;
}

/** A synthetic tree: `fanout` children per node down to `depth`, children made only when visited. */
function tree(fanout: number, depth: number) {
  let live = 0;
  let maxLive = 0;
  let active = 0;
  let maxActive = 0;
  const visited: string[] = [];
  const finished: string[] = [];
  const make = (id: string, d: number): N => {
    live += 1;
    maxLive = Math.max(maxLive, live);
    return { id, depth: d };
  };
  return {
    root: make('r', 0),
    stats: () => ({ maxLive, maxActive, visited, finished }),
    hooks: {
      async visit(node: N, expose: (c: N[]) => void) {
        active += 1;
        maxActive = Math.max(maxActive, active);
        visited.push(node.id);
        await new Promise((r) => setImmediate(r));
        if (node.depth < depth) expose(Array.from({ length: fanout }, (_, i) => make(`${node.id}.${i}`, node.depth + 1)));
        active -= 1;
      },
      async finish(node: N) {
        finished.push(node.id);
        live -= 1;
      },
    },
  };
}

describe('walkTree', () => {
  it('visits every node once, parents before children, and finishes children before parents', async () => {
    const t = tree(3, 3);
    const out = await walkTree([t.root], t.hooks, { maxActive: 4 });
    const { visited, finished } = t.stats();
    expect(out.cancelled).toBe(false);
    expect(visited).toHaveLength(1 + 3 + 9 + 27);
    expect(new Set(visited).size).toBe(visited.length);
    for (const id of visited) {
      const parent = id.slice(0, id.lastIndexOf('.'));
      if (id.includes('.')) {
        expect(visited.indexOf(parent)).toBeLessThan(visited.indexOf(id));
        expect(finished.indexOf(parent)).toBeGreaterThan(finished.indexOf(id));
      }
    }
    expect(finished[finished.length - 1]).toBe('r');
  });

  it('keeps at most maxActive nodes in progress and a bounded frontier on a 100,000-node tree', async () => {
    const t = tree(100, 2);
    const wide = tree(46, 3); // 1 + 46 + 46² + 46³ = 99,453 nodes
    await walkTree([wide.root], wide.hooks, { maxActive: 64 });
    const s = wide.stats();
    expect(s.visited).toHaveLength(1 + 46 + 46 ** 2 + 46 ** 3);
    expect(s.maxActive).toBeLessThanOrEqual(64);
    // Nodes alive at once (made, not finished): the frontier, O(window × fan-out × depth),
    // whatever the size of the tree — here under 10% of its 99,453 nodes.
    expect(s.maxLive).toBeLessThanOrEqual(64 * 46 * 3);
    expect(s.maxLive).toBeLessThan(s.visited.length / 10);
    await walkTree([t.root], t.hooks, { maxActive: 8 });
    expect(t.stats().maxActive).toBeLessThanOrEqual(8);
  });

  it('stops starting nodes on abort, lets running ones end, and says it was cancelled', async () => {
    const controller = new AbortController();
    let visits = 0;
    const out = await walkTree<N>([{ id: 'r', depth: 0 }], {
      async visit(node, expose) {
        visits += 1;
        if (visits === 20) controller.abort();
        await new Promise((r) => setImmediate(r));
        if (node.depth < 3) expose(Array.from({ length: 5 }, (_, i) => ({ id: `${node.id}.${i}`, depth: node.depth + 1 })));
      },
      async finish() {},
    }, { maxActive: 4, signal: controller.signal });
    expect(out.cancelled).toBe(true);
    expect(visits).toBeLessThan(20 + 4);
  });

  it('rejects with the first error after the nodes in progress settle', async () => {
    let settled = 0;
    await expect(
      walkTree<N>([{ id: 'r', depth: 0 }], {
        async visit(node, expose) {
          if (node.depth === 0) return expose(Array.from({ length: 10 }, (_, i) => ({ id: `r.${i}`, depth: 1 })));
          await new Promise((r) => setImmediate(r));
          settled += 1;
          if (node.id === 'r.3') throw new Error('boom');
        },
      }, { maxActive: 4 }),
    ).rejects.toThrow('boom');
    expect(settled).toBeLessThan(10);
  });
});
