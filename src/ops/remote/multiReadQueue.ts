// getData calls made in one event-loop turn leave together as multiRead requests (ZooKeeper
// 3.6+). A server's cost is per request, not per op: 30,000 getData in multiReads of 100 cost a
// 3.8 server 3 µs each, against ~90 µs each as requests of their own, and they were half of what
// a walk asks. Only a session whose servers all run 3.6+ batches (serverFeatures.ts): an older
// server answers Unimplemented and drops the connection. Should one answer that anyway (a server
// swapped for an older build mid-walk), those reads fail and the queue stops batching.
import { RC, zkErrorFromRc } from '../../zk/errors.js';
import type { NativeReadResult, NativeZk } from '../../zk/native.js';
import type { Stat } from '../../zk/types.js';
import { invoke, readCalls } from './nativeCalls.js';

const GET_DATA = 4;
/** Ops per multiRead at most; fewer once large nodes are seen, see opsPerRequest. */
const MAX_OPS = 128;
/** What one multiRead answer should stay near, so that the server builds no huge reply. */
const ANSWER_BYTES = 1024 * 1024;

export type DataRead = { data: Buffer | null; stat: Stat };

interface Pending {
  path: string;
  resolve: (value: DataRead) => void;
  reject: (error: Error) => void;
}

export class MultiReadQueue {
  private pending: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private batching = true;
  /** The largest data seen lately (it decays by 1% per read): the size a batch is planned for. */
  private largeData = 64 * 1024;

  /** `burst` is called before each request is made (nativeCalls.corkedBurst). */
  constructor(
    private readonly z: NativeZk,
    private readonly burst: () => void = () => {},
  ) {}

  get(path: string): Promise<DataRead> {
    return new Promise<DataRead>((resolve, reject) => {
      this.pending.push({ path, resolve, reject });
      if (this.pending.length >= this.opsPerRequest()) this.flush();
      else this.scheduled ??= setImmediate(() => this.flushAll());
    });
  }

  /** Ops in the next multiRead: as many as fit ANSWER_BYTES at the largest data seen lately. */
  opsPerRequest(): number {
    return this.batching ? Math.max(1, Math.min(MAX_OPS, Math.floor(ANSWER_BYTES / Math.max(1, this.largeData)))) : 1;
  }

  private flushAll(): void {
    this.scheduled = null;
    while (this.pending.length > 0) this.flush();
  }

  private flush(): void {
    const batch = this.pending.splice(0, this.opsPerRequest());
    if (batch.length === 1) return this.getOne(batch[0]!);
    if (batch.length === 0) return;
    const paths = batch.map((p) => p.path);
    let rc: number;
    this.burst();
    try {
      rc = this.z.a_multi_read(paths.map(() => GET_DATA), paths, (_rc, _e, results) => this.settle(batch, results));
    } catch {
      rc = RC.BADARGUMENTS;
    }
    // Not sent (a bad path fails the whole request before it leaves): each read gets its own answer.
    if (rc !== RC.OK) for (const p of batch) this.getOne(p);
  }

  private settle(batch: Pending[], results: NativeReadResult[]): void {
    batch.forEach((p, i) => {
      const r = results[i];
      // The server dropped the connection after it: these reads fail as a connection loss
      // would (the copy can be resumed); later ones go one by one.
      if (r?.err === RC.UNIMPLEMENTED) this.batching = false;
      if (r === undefined || r.err !== RC.OK || r.stat == null) return p.reject(zkErrorFromRc(r?.err ?? RC.MARSHALLINGERROR, p.path));
      this.saw(r.stat.dataLength);
      p.resolve({ data: r.data ?? null, stat: r.stat });
    });
  }

  private getOne(p: Pending): void {
    invoke(
      (done) => {
        this.burst();
        return readCalls.get(this.z, p.path, done);
      },
      (rc, value) => {
        if (rc !== RC.OK) return p.reject(zkErrorFromRc(rc, p.path));
        const read = value as DataRead;
        this.saw(read.stat.dataLength);
        p.resolve(read);
      },
    );
  }

  private saw(bytes: number): void {
    this.largeData = Math.max(bytes, this.largeData * 0.99);
  }
}
