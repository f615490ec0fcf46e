// The streaming delete behind deleteall/rmr for big trees: counts first and asks with the
// exact number, deletes leaves first with progress, stops on Ctrl-C with what is left intact,
// keeps /zookeeper when asked to clear /.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteSubtree } from '../../src/commands/ops/index.js';
import { countTree } from '../../src/ops/countTree.js';
import type { CommandSpec } from '../../src/shell/registry.js';
import type { ProgressInfo } from '../../src/shell/appEvents.js';
import { ShellHarness } from '../commands/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 1 });
let h: ShellHarness;
let answer = true;
const questions: string[] = [];

// How deleteall is meant to call it (its own file belongs to the zkCli command set).
const rmtree: CommandSpec = {
  name: 'rmtree',
  usage: 'path',
  summary: 'test wrapper around deleteSubtree',
  run: async (ctx, parsed) => deleteSubtree(ctx, ctx.conn.require(), parsed.args[1]!, { window: 64, what: 'deleteall' }),
};

async function seed(root: string, groups: number, leaves: number): Promise<number> {
  const zk = h.client;
  await zk.create(root, null);
  await Promise.all(Array.from({ length: groups }, (_, g) => zk.create(`${root}/g${g}`, null)));
  const paths = Array.from({ length: groups * leaves }, (_, i) => `${root}/g${Math.floor(i / leaves)}/n${i % leaves}`);
  let next = 0;
  await Promise.all(Array.from({ length: 200 }, async () => {
    while (next < paths.length) await zk.create(paths[next++]!, Buffer.from('x'));
  }));
  return 1 + groups + groups * leaves;
}

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString, {
    interactive: true,
    assumeYes: false,
    ask: async (q) => {
      questions.push(q);
      return answer;
    },
  });
  h.registry.register(rmtree);
});
afterAll(async () => {
  await h?.close();
});

describe('deleteSubtree', () => {
  it('asks with the exact count and deletes nothing when refused', async () => {
    const total = await seed('/big', 20, 100);
    answer = false;
    const r = await h.run('rmtree /big');
    expect(r.code).toBe(1);
    expect(questions.pop()).toBe(`Delete /big and its ${total - 1} descendant(s), ${total} znodes in all?`);
    expect(r.err.join('\n')).toContain('nothing was deleted');
    expect(await countTree(h.client, '/big', { window: 64 })).toBe(total);
  });

  it('deletes leaves first with progress toward the counted total', async () => {
    answer = true;
    const snaps: ProgressInfo[] = [];
    const off = h.bus.on('progress', (e) => snaps.push(e.progress));
    const r = await h.run('rmtree /big');
    off();
    expect(r.code).toBe(0);
    expect(await h.client.exists('/big')).toBeNull();
    const final = snaps.filter((s) => s.label === 'deleteall /big').pop()!;
    expect(final).toMatchObject({ state: 'done', done: 2021, total: 2021 });
    expect(r.err.join('\n')).toContain('deleteall: deleted 2021 znodes');
  });

  it('stops on Ctrl-C and says how far it got; the rest of the tree stays whole', async () => {
    const total = await seed('/half', 10, 200);
    const controller = new AbortController();
    // Ctrl-C comes with the first delete (a child watch on every group fires), whatever the
    // machine's speed: the window of deletes in flight finishes, the rest of the tree stays.
    await Promise.all(Array.from({ length: 10 }, (_, g) => h.client.getChildren(`/half/g${g}`, { watch: true })));
    const off = h.bus.on('watch', (e) => {
      if (e.event.path?.startsWith('/half/')) controller.abort();
    });
    const mark = h.sink.lines.length;
    const code = await h.shell.execute('rmtree /half', 'tui', controller.signal);
    off();
    expect(code).toBe(1);
    const err = h.since(mark).map((l) => l.text).join('\n');
    const deleted = Number(/deleted (\d+) of (\d+) znodes/.exec(err)![1]);
    expect(deleted).toBeGreaterThan(0);
    const left = await countTree(h.client, '/half', { window: 64 });
    expect(left).toBeGreaterThan(0);
    expect(left).toBe(total - deleted);
    answer = true;
    expect((await h.run('rmtree /half')).code).toBe(0);
  });

  it('answers zkCli’s way for a missing root, and keeps /zookeeper when clearing /', async () => {
    expect((await h.run('rmtree /nope')).err).toContain('Node does not exist: /nope');
    await seed('/a', 2, 3);
    await h.client.create('/b', null);
    const r = await h.run('rmtree /');
    expect(r.code).toBe(0);
    expect(questions.pop()).toMatch(/^Delete everything under \/ \(\d+ znodes, \/zookeeper excepted\)\?$/);
    expect((await h.client.getChildren('/')).children).toEqual(['zookeeper']);
  });

  it('with --yes deletes without counting first: the total is estimated from the walk, exact at the end', async () => {
    const yes = await ShellHarness.open(sandbox().connectString, { interactive: true, assumeYes: true });
    try {
      yes.registry.register(rmtree);
      const total = await seed('/est', 10, 300);
      const snaps: ProgressInfo[] = [];
      const confirms: string[] = [];
      const offProgress = yes.bus.on('progress', (e) => snaps.push(e.progress));
      const offConfirm = yes.bus.on('confirm', (e) => confirms.push(e.question));
      const r = await yes.run('rmtree /est');
      offProgress();
      offConfirm();
      expect(r.code).toBe(0);
      expect(confirms).toEqual(['Delete /est and its whole subtree?']);
      expect(snaps.some((s) => s.label.endsWith('counting'))).toBe(false);
      // Any running snapshot (there may be none on a fast machine) carries an estimate, never below what is done.
      expect(snaps.filter((s) => s.state === 'running' && s.total !== null).every((s) => s.estimated === true && s.total! >= s.done)).toBe(true);
      expect(snaps.at(-1)).toMatchObject({ state: 'done', done: total, total });
      expect(await yes.client.exists('/est')).toBeNull();

      // zkCli's -b: deletes per multi; -b 1 is one request per node, and still deletes it all.
      await seed('/b1', 3, 20);
      expect((await yes.run('deleteall -b 1 /b1')).code).toBe(0);
      expect(await yes.client.exists('/b1')).toBeNull();
      expect((await yes.run('deleteall -b x /b1')).err).toContain('-b argument must be an int value');
    } finally {
      await yes.close();
    }
  });
});
