// Restore: nodes from a backup (sorted depth-first, parents first) written into ZooKeeper by the
// same target writer as copy (treeWriter.ts), so a restore resumes, keeps existing nodes with
// --no-overwrite, carries sequence counters and applies restrictive ACLs after their subtrees
// exactly as copy does. The file is read as fast as the window lets writes go: at most
// `maxActive` writes (and post-order closes) in progress, each holding one node's data. A
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

  constructor(
    target: BulkClient,
    private readonly opts: RestoreOptions,
  ) {
    this.writer = new ZkTreeWriter(target, opts);
    this.maxActive = Math.max(1, opts.window * 2);
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
        this.outstanding += 1;
        await this.slot(this.writeWaiters);
        if (this.stopping) {
          this.done();
          break;
        }
        this.startWrite(entry, node);
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

  private startWrite(entry: Open, node: TreeNode): void {
    const acl = this.opts.acls ? node.acl : null;
    this.writer.write(entry.target, { ...node, acl }).then(
      () => {
        entry.written = true;
        this.unclosed.add(entry);
        this.writer.counts.scanned += 1;
        this.opts.onNode?.();
        // Released before the slot is given back: a close it starts must count before `drained` can settle.
        this.release(entry);
        this.done();
      },
      (error: unknown) => {
        this.fail(error);
        this.done();
      },
    );
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
