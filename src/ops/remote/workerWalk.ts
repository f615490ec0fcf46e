// A sorted depth-first walk run inside a session worker, streamed to the parent in batches. The
// parent would otherwise send two or three requests per node and parse as many replies, and that
// traffic cost a copy more CPU than the source servers spend answering it; here one message
// carries hundreds of nodes. The worker runs ahead of what the parent has consumed by at most
// MAX_NODES_AHEAD nodes and MAX_BYTES_AHEAD bytes of data: a slow consumer (a target being
// written, a file) slows the reads, and memory stays bounded on both sides.
import { isZkError } from '../../zk/errors.js';
import { readTreeOrdered } from '../orderedSource.js';
import type { TreeNode } from '../sourceNode.js';
import type { BulkClient, WalkControl, WalkEvent } from './protocol.js';

const MAX_NODES_AHEAD = 4096;
const MAX_BYTES_AHEAD = 8 * 1024 * 1024;
/** A batch leaves when it holds this many nodes or bytes, or 1 ms after its first node. */
const BATCH_NODES = 512;
const BATCH_BYTES = 1024 * 1024;

type StartWalk = Extract<WalkControl, { t: 'walk' }>;

export class WorkerWalk {
  private stopped = false;
  private aheadNodes = 0;
  private aheadBytes = 0;
  private creditWaiter: (() => void) | null = null;
  private batch: TreeNode[] = [];
  private batchBytes = 0;
  private estimate: number[] = [];
  private readonly stats = { vanished: 0, ephemeralsSkipped: 0 };
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly start: StartWalk,
    private readonly send: (event: WalkEvent) => void,
  ) {}

  /** Waiting for the consumer to take what was sent (its run-ahead is used up). */
  get waitingForConsumer(): boolean {
    return this.creditWaiter !== null;
  }

  credit(nodes: number, bytes: number): void {
    this.aheadNodes -= nodes;
    this.aheadBytes -= bytes;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  async run(client: BulkClient): Promise<void> {
    const { id, root, window, acls } = this.start;
    const estimate = {
      discover: (depth: number, count: number) => void this.estimate.push(0, depth, count),
      resolve: (depth: number, children: number) => void this.estimate.push(1, depth, children),
    };
    const nodes = readTreeOrdered(client, root, { window, acls, stats: this.stats, estimate });
    try {
      for await (const node of nodes) {
        if (this.stopped) break;
        this.batch.push(node);
        this.batchBytes += node.data?.length ?? 0;
        if (this.batch.length >= BATCH_NODES || this.batchBytes >= BATCH_BYTES) this.flush();
        else this.timer ??= setTimeout(() => this.flush(), 1);
        while (!this.stopped && (this.aheadNodes >= MAX_NODES_AHEAD || this.aheadBytes >= MAX_BYTES_AHEAD)) {
          await new Promise<void>((resolve) => (this.creditWaiter = resolve));
        }
      }
      if (this.stopped) return;
      this.flush();
      this.send({ t: 'walkEnd', id });
    } catch (e) {
      this.flush();
      const zk = isZkError(e) ? e : null;
      this.send({ t: 'walkError', id, rc: zk?.rc ?? null, path: zk?.path ?? null, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private wake(): void {
    const waiter = this.creditWaiter;
    this.creditWaiter = null;
    waiter?.();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0 && this.estimate.length === 0) return;
    const event: WalkEvent = { t: 'walkNodes', id: this.start.id, nodes: this.batch, bytes: this.batchBytes, estimate: this.estimate, ...this.stats };
    this.aheadNodes += this.batch.length;
    this.aheadBytes += this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
    this.estimate = [];
    this.send(event);
  }
}
