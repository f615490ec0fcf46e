// Restore: nodes from a backup (sorted depth-first, parents first) written into ZooKeeper by the
// same target writer as copy (treeWriter.ts), so a restore resumes, keeps existing nodes with
// --no-overwrite, carries sequence counters and applies restrictive ACLs after their subtrees
// exactly as copy does (a copy is this writer fed by a tree walk). Nodes are taken as fast as
// writes go: at most `maxActive` writes (and post-order closes) in progress, holding at most
// MAX_ACTIVE_BYTES of data. That is far more than the window: writes wait in the batcher to fill
// multis, and children wait for their parent's multi to commit, while the source reads on. A
// subtree is complete on the source side when the next path leaves it; its close (counter, ACL)
// runs once its own write and every child's close are done.
import type { BulkClient } from './remote/protocol.js';
import type { TreeNode } from './sourceNode.js';
import { ZkTreeWriter, type TargetNode, type WriterOptions } from './treeWriter.js';
import type { CopyResult } from './copyTree.js';

export interface RestoreOptions extends WriterOptions {
  /** Restore the backup's ACLs (default); false creates everything world:anyone:cdrwa. */
  acls: boolean;
  signal?: AbortSignal;
  onNode?: () => void;
}

interface Open {
  target: TargetNode;
  parent: Open | null;
  /** Own write, the file still inside the subtree, and each child whose subtree is not closed. */
  pending: number;
  written: boolean;
}

/** Writes in progress per request of the window (see above). */
const ACTIVE_PER_WINDOW = 16;
/** Data held by writes in progress (one write always runs, whatever its size). */
const MAX_ACTIVE_BYTES = 16 * 1024 * 1024;

export async function restoreTree(nodes: AsyncIterable<TreeNode>, target: BulkClient, dstRoot: string, opts: RestoreOptions): Promise<CopyResult> {
  return new TreeRestore(target, opts).run(nodes, dstRoot);
}

class TreeRestore {
  private readonly writer: ZkTreeWriter;
  private readonly maxActive: number;
  private active = 0;
  /** Closes first: they finish subtrees and free the nodes the file has moved past. */
  private readonly closeWaiters: (() => void)[] = [];
  private readonly writeWaiters: (() => void)[] = [];
  /** Writes and closes started or waiting for a slot. */
  private outstanding = 0;
  private idle: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  /** Written, not closed: a restrictive ACL may still be pending on them. */
  private readonly unclosed = new Set<Open>();
  private activeBytes = 0;
  private bytesWaiter: (() => void) | null = null;

  constructor(
    target: BulkClient,
    private readonly opts: RestoreOptions,
  ) {
    this.writer = new ZkTreeWriter(target, opts);
    this.maxActive = Math.max(1, opts.window * ACTIVE_PER_WINDOW);
  }

  private get stopping(): boolean {
    return this.failure !== null || this.opts.signal?.aborted === true;
  }

  async run(nodes: AsyncIterable<TreeNode>, dstRoot: string): Promise<CopyResult> {
    const stack: Open[] = [];
    try {
      for await (const node of nodes) {
        if (this.stopping) break;
        const depth = node.rel === '' ? 0 : node.rel.split('/').length;
        while (stack.length > depth) this.release(stack.pop()!);
        const parent = stack[stack.length - 1] ?? null;
        const name = node.rel.slice(node.rel.lastIndexOf('/') + 1);
        const entry: Open = { target: parent ? this.writer.child(parent.target, name) : this.writer.root(dstRoot), parent, pending: 2, written: false };
        if (parent) parent.pending += 1;
        stack.push(entry);
        const bytes = node.data?.length ?? 0;
        await this.room(bytes);
        if (this.stopping) break;
        this.activeBytes += bytes;
        this.outstanding += 1;
        await this.slot(this.writeWaiters);
        if (this.stopping) {
          this.freeBytes(bytes);
          this.done();
          break;
        }
        this.startWrite(entry, node, bytes);
      }
    } catch (e) {
      this.fail(e);
    }
    while (stack.length > 0) this.release(stack.pop()!);
    await this.drained();
    if (this.stopping) {
      // As copy does on a stop: what was written keeps its ACL, nothing is left more open than the source.
      for (const entry of this.unclosed) await this.writer.abandon(entry.target);
    }
    if (this.failure !== null) throw this.failure.error;
    const cancelled = this.opts.signal?.aborted === true;
    return { counts: this.writer.counts, cancelled, counterWarnings: this.writer.counterWarnings };
  }

  private startWrite(entry: Open, node: TreeNode, bytes: number): void {
    const acl = this.opts.acls ? node.acl : null;
    this.writer.write(entry.target, { ...node, acl }).then(
      () => {
        this.freeBytes(bytes);
        entry.written = true;
        this.unclosed.add(entry);
        this.writer.counts.scanned += 1;
        this.opts.onNode?.();
        // Released before the slot is given back: a close it starts must count before `drained` can settle.
        this.release(entry);
        this.done();
      },
      (error: unknown) => {
        this.freeBytes(bytes);
        this.fail(error);
        this.done();
      },
    );
  }

  /** Waits until the data of writes in progress leaves room for `bytes` more (or a stop). */
  private async room(bytes: number): Promise<void> {
    while (!this.stopping && this.activeBytes > 0 && this.activeBytes + bytes > MAX_ACTIVE_BYTES) {
      await new Promise<void>((resolve) => (this.bytesWaiter = resolve));
    }
  }

  private freeBytes(bytes: number): void {
    this.activeBytes -= bytes;
    const waiter = this.bytesWaiter;
    this.bytesWaiter = null;
    waiter?.();
  }

  /** One pending part of the entry is over; a complete subtree gets its close. */
  private release(entry: Open): void {
    entry.pending -= 1;
    if (entry.pending > 0 || !entry.written || this.stopping) return;
    this.outstanding += 1;
    void this.slot(this.closeWaiters).then(() => {
      if (this.stopping) {
        this.done();
        return;
      }
      this.writer.close(entry.target).then(
        () => {
          this.unclosed.delete(entry);
          if (entry.parent) this.release(entry.parent);
          this.done();
        },
        (error: unknown) => {
          this.fail(error);
          this.done();
        },
      );
    });
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  private async slot(queue: (() => void)[]): Promise<void> {
    if (this.active < this.maxActive) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => queue.push(resolve));
  }

  /** A write or close is over: its slot goes to a waiting close first, then to a write. */
  private done(): void {
    this.outstanding -= 1;
    const next = this.closeWaiters.shift() ?? this.writeWaiters.shift();
    if (next) next();
    else this.active -= 1;
    if (this.outstanding === 0) this.idle?.();
  }

  private drained(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.idle = resolve;
    });
  }
}
