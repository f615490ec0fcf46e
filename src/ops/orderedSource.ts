// A ZooKeeper subtree as a stream of nodes in sorted depth-first order (a node, then each child's
// subtree, children by name): what a backup file holds, and what a tree is merged with when it is
// compared with one. Copy's walk (walkTree) hands nodes over in whatever order their reads finish,
// which is right for writing into ZooKeeper but would make two backups of one tree differ in
// order, and a file could then only be compared with another by holding one of them in memory.
//
// Nodes are read exactly as copy reads them (readSourceNode: ephemerals skipped, /zookeeper never
// listed). Reads run ahead of the consumer through a window per level (a wide level costs a round
// trip per window, not per node); memory is the children lists on the way down plus the reads
// ahead, never the tree. The consumer pulls (for await), so a slow file write slows the reads.
import type { BulkClient } from './remote/protocol.js';
import { childRel, highestSequence, readSourceNode, type SourceRead, type TreeNode } from './sourceNode.js';
import { ReadAhead } from '../util/readAhead.js';
import { childPath, WindowedClient } from './windowedClient.js';

export interface SourceStats {
  ephemeralsSkipped: number;
  /** Deleted while we walked (the root too, if it went before its read). */
  vanished: number;
}

export interface OrderedOptions {
  /** Requests in flight, and reads ahead per level. */
  window: number;
  /** Read ACLs (default); false yields `acl: null`. */
  acls: boolean;
  /** Filled in as the walk goes. */
  stats: SourceStats;
  /** Fed with the tree's shape as it is read (a progress total without a second walk). */
  estimate?: EstimateSink;
}

/** What a walk tells a TreeEstimate (treeEstimate.ts). */
export interface EstimateSink {
  discover(depth: number, count: number): void;
  resolve(depth: number, children: number): void;
}

type Settled = { ok: true; value: SourceRead | null } | { ok: false; error: unknown };

/** A node whose read has started; its children's reads may start before the walk reaches it. */
interface Loading {
  path: string;
  read: Promise<Settled>;
  /** Sorted child names and their reads, once started (by the walk, or ahead of it). */
  kids: { names: string[]; reads: ReadAhead<Loading> } | null;
}

interface Frame {
  /** Of the children. */
  depth: number;
  rel: string;
  children: ReadAhead<Loading>;
}

export async function* readTreeOrdered(client: BulkClient, root: string, opts: OrderedOptions): AsyncGenerator<TreeNode> {
  // A session worker walks the tree itself and streams it (remote/workerWalk.ts).
  if (client.walkOrdered) {
    yield* client.walkOrdered(root, opts);
    return;
  }
  const zk = new WindowedClient(client, opts.window);
  const window = Math.max(1, opts.window);
  // Settled at once: a read ahead that fails after the consumer stopped must not go unhandled.
  const load = (path: string): Loading => ({
    path,
    kids: null,
    read: readSourceNode(zk, path, opts.acls).then(
      (value): Settled => ({ ok: true, value }),
      (error: unknown): Settled => ({ ok: false, error }),
    ),
  });
  const kidsOf = (node: Loading, read: SourceRead | null): NonNullable<Loading['kids']> => {
    if (node.kids === null) {
      const names = read === null || read.ephemeral ? [] : read.children.sort();
      node.kids = { names, reads: new ReadAhead(names, window, (name) => load(childPath(node.path, name))) };
    }
    return node.kids;
  };
  // The next sibling's children start loading as soon as its own read is in: on a wide tree of
  // small groups the walk would otherwise wait a round trip with nothing in flight at every group.
  const readAheadOfNext = (frame: Frame): void => {
    const next = frame.children.peek();
    if (next === undefined || next.kids !== null) return;
    void next.read.then((got) => {
      if (got.ok) kidsOf(next, got.value).reads.prime();
    });
  };
  const stack: Frame[] = [];
  const estimate = opts.estimate;
  estimate?.discover(0, 1);
  let current: { depth: number; rel: string; node: Loading } | null = { depth: 0, rel: '', node: load(root) };
  while (current !== null) {
    const got = await current.node.read;
    if (!got.ok) throw got.error;
    const read = got.value;
    const { names, reads } = kidsOf(current.node, read);
    estimate?.resolve(current.depth, names.length);
    estimate?.discover(current.depth + 1, names.length);
    if (read === null) opts.stats.vanished += 1;
    else if (read.ephemeral) opts.stats.ephemeralsSkipped += 1;
    else {
      yield { rel: current.rel, data: read.data, acl: read.acl, stat: read.stat, hasChildren: names.length > 0, maxSeq: highestSequence(names) };
      if (names.length > 0) stack.push({ depth: current.depth + 1, rel: current.rel, children: reads });
    }
    current = null;
    while (current === null && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.children.done) {
        stack.pop();
        continue;
      }
      const { name, read: node } = top.children.take();
      readAheadOfNext(top);
      current = { depth: top.depth, rel: childRel(top.rel, name), node };
    }
  }
}
