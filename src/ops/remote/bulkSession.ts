// The parent side of a session worker (bulkWorker.ts): a BulkClient whose calls run in that
// worker, batched per event-loop turn. A worker that dies fails its pending calls with
// ConnectionLoss; the bulk operation stops and can be resumed.
import type { ChildProcess } from 'node:child_process';
import { nodeChildProcess } from '../../util/lazyBuiltins.js';
import { existsSync } from 'node:fs';
import { buildFile } from '../../util/projectRoot.js';
import { zkErrorFromRc, RC } from '../../zk/errors.js';
import type { Acl, AuthEntry, CreateMode, MultiOp, MultiOutcome, Stat } from '../../zk/types.js';
import type { OrderedOptions } from '../orderedSource.js';
import type { TreeNode } from '../sourceNode.js';
import { ownBuffer, type BulkClient, type Op, type Reply, type Request, type WalkControl, type WalkEvent, type WorkerEvent } from './protocol.js';

export interface BulkSessionOptions {
  connectString: string;
  auths?: readonly AuthEntry[];
  sessionTimeoutMs?: number;
  callTimeoutMs?: number;
}

/** build/ops/remote/bulkWorker.js (also when this module runs from src/ under the tests). */
export function workerEntry(): string {
  return buildFile('ops/remote/bulkWorker.js');
}

export class BulkSession implements BulkClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; path: string }>();
  private outbox: Request[] = [];
  private flushQueued = false;
  private dead: Error | null = null;
  /** Walks in progress in the worker: where their batches go. */
  private readonly walks = new Map<number, (e: WalkEvent) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (e: WorkerEvent) => {
      if (e.t === 'replies') for (const r of e.replies) this.settle(r);
      else if (e.t === 'walkNodes' || e.t === 'walkEnd' || e.t === 'walkError') this.walks.get(e.id)?.(e);
    });
    child.on('exit', () => this.fail(zkErrorFromRc(RC.CONNECTIONLOSS, null)));
  }

  /** Starts the worker and waits until its session is connected (and authenticated). */
  static async open(opts: BulkSessionOptions): Promise<BulkSession> {
    const entry = workerEntry();
    if (!existsSync(entry)) throw new Error(`${entry} is missing (npm run build)`);
    const child = nodeChildProcess().fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const session = new BulkSession(child);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (e: WorkerEvent): void => {
        if (e.t === 'ready') done(null);
        else if (e.t === 'fatal') done(new Error(e.message));
      };
      const onExit = (): void => done(new Error('the session worker exited while connecting'));
      const done = (error: Error | null): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else resolve();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ connectString: opts.connectString, sessionTimeoutMs: opts.sessionTimeoutMs ?? 30_000, callTimeoutMs: opts.callTimeoutMs ?? 15_000, auths: [...(opts.auths ?? [])] });
    });
    return session;
  }

  async get(path: string): Promise<{ data: Buffer | null; stat: Stat }> {
    const got = await this.request<{ data: Uint8Array | null; stat: Stat }>({ op: 'get', path });
    // Callers compare with Buffer#equals.
    return { data: ownBuffer(got.data), stat: got.stat };
  }
  exists(path: string): Promise<Stat | null> {
    return this.request({ op: 'exists', path });
  }
  getChildren(path: string): Promise<{ children: string[]; stat: Stat }> {
    return this.request({ op: 'getChildren', path });
  }
  getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }> {
    return this.request({ op: 'getAcl', path });
  }
  create(path: string, data: Buffer | null, opts: { mode?: CreateMode } = {}): Promise<string> {
    return this.request({ op: 'create', path, data, mode: opts.mode ?? 'persistent' });
  }
  set(path: string, data: Buffer | null): Promise<Stat> {
    return this.request({ op: 'set', path, data });
  }
  setAcl(path: string, acl: Acl[]): Promise<void> {
    return this.request({ op: 'setAcl', path, acl });
  }
  delete(path: string): Promise<void> {
    return this.request({ op: 'delete', path });
  }
  multi(ops: readonly MultiOp[]): Promise<MultiOutcome> {
    return this.request({ op: 'multi', path: ops[0]?.path ?? '/', ops: [...ops] });
  }
  sync(path: string): Promise<void> {
    return this.request({ op: 'sync', path });
  }

  /**
   * The worker walks the subtree itself (workerWalk.ts) and streams it here in batches; each
   * batch consumed is acknowledged, which lets the worker read further ahead.
   */
  async *walkOrdered(root: string, opts: OrderedOptions): AsyncGenerator<TreeNode> {
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    const queue: WalkEvent[] = [];
    let wake: (() => void) | null = null;
    this.walks.set(id, (e) => {
      queue.push(e);
      wake?.();
    });
    let ended = false;
    try {
      this.control({ t: 'walk', id, root, window: opts.window, acls: opts.acls });
      for (;;) {
        const e = queue.shift();
        if (e === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        if (e.t === 'walkEnd') {
          ended = true;
          return;
        }
        if (e.t === 'walkError') {
          ended = true;
          throw e.rc === null ? new Error(e.message) : zkErrorFromRc(e.rc, e.path);
        }
        opts.stats.vanished = e.vanished;
        opts.stats.ephemeralsSkipped = e.ephemeralsSkipped;
        const estimate = opts.estimate;
        if (estimate) {
          for (let i = 0; i < e.estimate.length; i += 3) {
            if (e.estimate[i] === 0) estimate.discover(e.estimate[i + 1]!, e.estimate[i + 2]!);
            else estimate.resolve(e.estimate[i + 1]!, e.estimate[i + 2]!);
          }
        }
        for (const node of e.nodes) yield { ...node, data: ownBuffer(node.data) };
        this.control({ t: 'walkCredit', id, nodes: e.nodes.length, bytes: e.bytes });
      }
    } finally {
      this.walks.delete(id);
      if (!ended && !this.dead) this.control({ t: 'walkStop', id });
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.child.send('close');
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
  }

  private request<T>(op: Op): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, path: op.path });
      this.outbox.push({ ...op, id } as Request);
      if (this.flushQueued) return;
      this.flushQueued = true;
      queueMicrotask(() => {
        this.flushQueued = false;
        const batch = this.outbox;
        this.outbox = [];
        try {
          this.child.send(batch);
        } catch {
          this.fail(zkErrorFromRc(RC.CONNECTIONLOSS, null));
        }
      });
    });
  }

  private control(c: WalkControl): void {
    try {
      this.child.send(c);
    } catch {
      this.fail(zkErrorFromRc(RC.CONNECTIONLOSS, null));
    }
  }

  private settle(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if ('ok' in r) p.resolve(r.ok);
    else p.reject(zkErrorFromRc(r.rc, r.path));
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(zkErrorFromRc(RC.CONNECTIONLOSS, p.path));
    }
    for (const [id, deliver] of this.walks) deliver({ t: 'walkError', id, rc: RC.CONNECTIONLOSS, path: null, message: error.message });
  }
}
