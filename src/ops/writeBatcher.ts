// Coalesces a bulk operation's writes (create, setData, delete) into ZooKeeper multis. The server
// turns a multi into one transaction — one proposal, one commit, one log append — so a batch of
// hundreds of writes costs it about what one write does (measured: 6.9x the rate of pipelined
// single creates). Callers still submit and await one write at a time and get that write's own
// answer: a failed multi commits nothing, so its ops are sent again one by one, and each caller
// hears its own NodeExists, NoNode or NotEmpty — resume, --no-overwrite and "vanished" keep their
// meaning. Batches are sized by serialized bytes, under the server's jute.maxbuffer: a request
// larger than that makes the server drop the connection ("Packet len out of range").
import { RC, zkErrorFromRc } from '../zk/errors.js';
import type { MultiOp, MultiOutcome } from '../zk/types.js';

export interface BatchOptions {
  /** Serialized bytes per multi at most (the server's jute.maxbuffer, less headroom). */
  maxBytes: number;
  /** Ops per multi at most. */
  maxOps?: number;
  /** Multis of several ops in flight at once: each is one proposal, so a few keep the pipeline full. */
  maxBatchesInFlight?: number;
  /** Single-op multis in flight at once (retries, and batches shrunk by failures). */
  maxSolosInFlight?: number;
  /**
   * Once writes stream (after the first few multis), a short batch with nothing in flight waits
   * up to this long for more ops: a copy's writes arrive as its reads return, and the server's
   * cost is per multi. 0: it goes at once.
   */
  lingerMs?: number;
}

/** Multis sent before a short batch may linger: a small copy finishes without waiting. */
const MULTIS_BEFORE_LINGER = 4;

/** jute.maxbuffer's default is 0xfffff bytes; the headroom covers the request and proposal headers. */
export const DEFAULT_MAX_BATCH_BYTES = 0xfffff - 64 * 1024;
const DEFAULT_MAX_OPS = 1000;

export interface MultiClient {
  multi(ops: readonly MultiOp[]): Promise<MultiOutcome>;
}

interface Pending {
  op: MultiOp;
  bytes: number;
  /** Sent in a multi of its own: a retry after its batch failed. */
  solo: boolean;
  /** performance.now() at submit: how long a short batch has lingered. */
  queuedAt: number;
  resolve(path: string | undefined): void;
  reject(error: Error): void;
}

export interface BatchStats {
  multis: number;
  ops: number;
  /** Multis that did not commit, and so were retried op by op. */
  failedBatches: number;
}

export class WriteBatcher {
  private readonly queue: Pending[] = [];
  /** Ops per multi now: halved when a batch fails (a resume meets existing nodes in a row), doubled when one commits. */
  private cap: number;
  private batchesInFlight = 0;
  private solosInFlight = 0;
  private flushQueued = false;
  private lingerTimer: NodeJS.Timeout | null = null;
  readonly stats: BatchStats = { multis: 0, ops: 0, failedBatches: 0 };
  private readonly maxOps: number;
  private readonly maxBatches: number;
  private readonly maxSolos: number;

  constructor(
    private readonly client: MultiClient,
    private readonly opts: BatchOptions,
  ) {
    this.maxOps = Math.max(1, opts.maxOps ?? DEFAULT_MAX_OPS);
    this.maxBatches = Math.max(1, opts.maxBatchesInFlight ?? 4);
    this.maxSolos = Math.max(1, opts.maxSolosInFlight ?? 256);
    this.cap = this.maxOps;
  }

  /** Resolves with the created path for a create (undefined for the others), or rejects with that op's own error. */
  submit(op: MultiOp): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, bytes: serializedBytes(op), solo: false, queuedAt: performance.now(), resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Submits made in one event-loop turn travel together. */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const alone = head.solo || this.cap === 1 || head.bytes >= this.opts.maxBytes;
      if (alone ? this.solosInFlight >= this.maxSolos : this.batchesInFlight >= this.maxBatches) return;
      // While a multi is in flight, a short batch waits for it (or until it fills), and with
      // nothing in flight it may linger a little: the server's cost is per multi (a proposal, a
      // log append and a commit on every server), so a copy whose writes trickle in as its reads
      // return sends fewer, fuller multis instead of many small ones.
      if (!alone && !this.fullBatchQueued() && (this.batchesInFlight > 0 || this.linger(head))) return;
      const batch = alone ? [this.queue.shift()!] : this.takeBatch();
      this.send(batch, alone);
    }
  }

  /** True while the head of a short batch should wait for more (a timer flushes it then). */
  private linger(head: Pending): boolean {
    const lingerMs = this.opts.lingerMs ?? 0;
    if (lingerMs <= 0 || this.stats.multis < MULTIS_BEFORE_LINGER) return false;
    const wait = head.queuedAt + lingerMs - performance.now();
    if (wait <= 0) return false;
    this.lingerTimer ??= setTimeout(() => {
      this.lingerTimer = null;
      this.flush();
    }, Math.ceil(wait));
    return true;
  }

  /** Enough is queued for a multi of `cap` ops or of maxBytes. */
  private fullBatchQueued(): boolean {
    if (this.queue.length >= this.cap) return true;
    let bytes = MULTI_OVERHEAD;
    for (const p of this.queue) {
      bytes += p.bytes;
      if (bytes > this.opts.maxBytes) return true;
    }
    return false;
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let bytes = MULTI_OVERHEAD;
    while (this.queue.length > 0 && batch.length < this.cap) {
      const next = this.queue[0]!;
      if (next.solo || (batch.length > 0 && bytes + next.bytes > this.opts.maxBytes)) break;
      bytes += next.bytes;
      batch.push(this.queue.shift()!);
    }
    return batch;
  }

  private send(batch: Pending[], alone: boolean): void {
    if (alone) this.solosInFlight += 1;
    else this.batchesInFlight += 1;
    this.stats.multis += 1;
    this.stats.ops += batch.length;
    const done = (): void => {
      if (alone) this.solosInFlight -= 1;
      else this.batchesInFlight -= 1;
      this.flush();
    };
    this.client.multi(batch.map((p) => p.op)).then(
      (outcome) => {
        this.settle(batch, outcome);
        done();
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const p of batch) p.reject(failure);
        done();
      },
    );
  }

  private settle(batch: Pending[], outcome: MultiOutcome): void {
    if (outcome.rc === RC.OK) {
      batch.forEach((p, i) => p.resolve(outcome.results[i]?.path));
      if (batch.length > 1) this.cap = Math.min(this.maxOps, this.cap * 2);
      return;
    }
    // Nothing committed. An op with a code of its own has its answer; the others were rolled
    // back (0) or never judged (RuntimeInconsistency) and go again, each in a multi of its own.
    const retries: Pending[] = [];
    let answered = 0;
    batch.forEach((p, i) => {
      const rc = outcome.results[i]?.rc ?? outcome.rc;
      if (rc === RC.OK || rc === RC.RUNTIMEINCONSISTENCY) {
        retries.push(p);
        return;
      }
      answered += 1;
      p.reject(zkErrorFromRc(rc, p.op.path));
    });
    if (answered === 0) {
      // No op owns the failure: give every caller the multi's code rather than loop.
      for (const p of retries) p.reject(zkErrorFromRc(outcome.rc, p.op.path));
      return;
    }
    if (batch.length > 1) {
      this.stats.failedBatches += 1;
      this.cap = Math.max(1, Math.floor(this.cap / 2));
    }
    for (const p of retries) p.solo = true;
    this.queue.unshift(...retries);
  }
}

/** A multi's own framing: request header and the closing multi header. */
const MULTI_OVERHEAD = 8 + 9;

/**
 * The op's size in the multi request (jute: 4-byte lengths before strings and buffers, a
 * 9-byte multi header per op); paths and ids count in UTF-8 bytes.
 */
export function serializedBytes(op: MultiOp): number {
  const path = 4 + Buffer.byteLength(op.path);
  const data = op.op === 'create' || op.op === 'set' ? 4 + (op.data?.length ?? 0) : 0;
  let acl = 0;
  if (op.op === 'create') {
    acl = 4 + (op.acl ?? OPEN_ACL).reduce((n, a) => n + 4 + 4 + Buffer.byteLength(a.scheme) + 4 + Buffer.byteLength(a.id), 0);
  }
  // create: flags; set/delete/check: version.
  return 9 + path + data + acl + 4;
}

const OPEN_ACL = [{ scheme: 'world', id: 'anyone', perms: 31 }];
