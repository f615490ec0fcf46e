// A depth-first tree walk that never holds the whole tree: it keeps only the children lists of
// the nodes on the way down (the frontier) and a bounded number of nodes in progress. Bulk
// operations (delete, count) are built on it, so a million-node tree costs
// the memory of its deepest path times the window, not of a million nodes.
//
// Each node goes through `visit`, which may reveal the node's children (`expose`) before it has
// finished with the node itself: delete lists a node's children and exposes them (their reads
// can start at once) before the node is done. A node whose whole subtree is finished gets `finish`
// (post-order): delete removes it there.

import type { TreeEstimate } from './treeEstimate.js';

export interface WalkHooks<N> {
  /** Handles one node; calls `expose(children)` at most once, as soon as they are known. */
  visit(node: N, expose: (children: N[]) => void): Promise<void>;
  /** After the node and every descendant are done (post-order), e.g. delete it. */
  finish?(node: N): Promise<void>;
}

export interface WalkOptions {
  /** Nodes in progress at once (visits and finishes): the memory and concurrency bound. */
  maxActive: number;
  /** Fed with what the walk learns of the tree's shape: a progress total without a second walk. */
  estimate?: TreeEstimate;
  /** Aborted: no new node starts; the ones in progress complete; the walk resolves `cancelled`. */
  signal?: AbortSignal;
}

export interface WalkOutcome {
  cancelled: boolean;
}

/** A node whose subtree is not finished yet: it waits for its own visit and its children. */
interface Entry<N> {
  node: N;
  parent: Entry<N> | null;
  depth: number;
  /** Own visit (1 until it resolves) plus children whose subtree is not finished. */
  pending: number;
}

/** A children list being handed out, newest on top of the stack (that is what makes it depth-first). */
interface Frame<N> {
  parent: Entry<N> | null;
  items: N[];
  next: number;
}

export function walkTree<N>(roots: readonly N[], hooks: WalkHooks<N>, opts: WalkOptions): Promise<WalkOutcome> {
  return new TreeWalk(hooks, opts).run(roots);
}

class TreeWalk<N> {
  private readonly stack: Frame<N>[] = [];
  /** Subtrees done whose `finish` waits for a slot; served before new visits to drain the frontier. */
  private readonly finishing: Entry<N>[] = [];
  private active = 0;
  private failure: { error: unknown } | null = null;
  private settle: ((outcome: WalkOutcome) => void) | null = null;
  private reject: ((error: unknown) => void) | null = null;
  private readonly maxActive: number;

  constructor(
    private readonly hooks: WalkHooks<N>,
    private readonly opts: WalkOptions,
  ) {
    this.maxActive = Math.max(1, Math.floor(opts.maxActive));
  }

  run(roots: readonly N[]): Promise<WalkOutcome> {
    return new Promise<WalkOutcome>((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
      if (roots.length > 0) this.stack.push({ parent: null, items: [...roots], next: 0 });
      this.opts.estimate?.discover(0, roots.length);
      this.opts.signal?.addEventListener('abort', this.onAbort, { once: true });
      this.pump();
    });
  }

  private readonly onAbort = (): void => this.pump();

  private get stopping(): boolean {
    return this.failure !== null || this.opts.signal?.aborted === true;
  }

  /** Starts as much work as the window allows, and settles the walk once nothing is left. */
  private pump(): void {
    while (this.active < this.maxActive && !this.stopping) {
      const done = this.finishing.shift();
      if (done !== undefined) {
        this.startFinish(done);
        continue;
      }
      const next = this.takeNext();
      if (next === null) break;
      this.startVisit(next.node, next.parent);
    }
    if (this.active > 0) return;
    if (this.stopping || (this.stack.length === 0 && this.finishing.length === 0)) this.complete();
  }

  private takeNext(): { node: N; parent: Entry<N> | null } | null {
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1]!;
      if (top.next < top.items.length) {
        const node = top.items[top.next]!;
        // Drop the reference as we go: a long children list is released while it is handed out.
        (top.items as (N | undefined)[])[top.next] = undefined;
        top.next += 1;
        if (top.next === top.items.length) this.stack.pop();
        return { node, parent: top.parent };
      }
      this.stack.pop();
    }
    return null;
  }

  private startVisit(node: N, parent: Entry<N> | null): void {
    const entry: Entry<N> = { node, parent, depth: parent === null ? 0 : parent.depth + 1, pending: 1 };
    this.active += 1;
    let exposed = false;
    const expose = (children: N[]): void => {
      if (exposed) return;
      exposed = true;
      this.opts.estimate?.resolve(entry.depth, children.length);
      this.opts.estimate?.discover(entry.depth + 1, children.length);
      if (children.length === 0) return;
      entry.pending += children.length;
      this.stack.push({ parent: entry, items: children, next: 0 });
      // Children may start now, while this node is still being visited.
      queueMicrotask(() => this.pump());
    };
    let visiting: Promise<void>;
    try {
      visiting = this.hooks.visit(node, expose);
    } catch (error) {
      visiting = Promise.reject(error);
    }
    visiting.then(
      () => {
        this.active -= 1;
        // A visit that listed no children found none (a leaf, a vanished or skipped node).
        if (!exposed) expose([]);
        this.release(entry);
        this.pump();
      },
      (error: unknown) => {
        this.active -= 1;
        this.fail(error);
        this.pump();
      },
    );
  }

  /** One of the entry's pending parts is done; a finished subtree moves on to `finish`. */
  private release(entry: Entry<N>): void {
    entry.pending -= 1;
    if (entry.pending > 0) return;
    if (this.hooks.finish) this.finishing.push(entry);
    else if (entry.parent) this.release(entry.parent);
  }

  private startFinish(entry: Entry<N>): void {
    this.active += 1;
    let finishing: Promise<void>;
    try {
      finishing = this.hooks.finish!(entry.node);
    } catch (error) {
      finishing = Promise.reject(error);
    }
    finishing.then(
      () => {
        this.active -= 1;
        if (entry.parent) this.release(entry.parent);
        this.pump();
      },
      (error: unknown) => {
        this.active -= 1;
        this.fail(error);
        this.pump();
      },
    );
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  private complete(): void {
    const settle = this.settle;
    const reject = this.reject;
    if (settle === null || reject === null) return;
    this.settle = null;
    this.reject = null;
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    // Nodes left unvisited or unfinished: an open subtree's unfinished children are among them.
    const cancelled = this.opts.signal?.aborted === true && (this.stack.length > 0 || this.finishing.length > 0);
    this.finishing.length = 0;
    if (this.failure !== null) reject(this.failure.error);
    else settle({ cancelled });
  }
}
