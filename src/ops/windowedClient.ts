// One ensemble's client behind a bounded window: every request a bulk operation makes goes
// through here, so no more than `window` requests are ever in flight to that ensemble, whatever
// the shape of the tree (a node with 100,000 children cannot flood the server or our memory).
// With `batch`, creates, sets and deletes travel in multis (writeBatcher.ts) instead.
import { Limiter } from '../util/limiter.js';
import type { Acl, CreateMode, MultiOp, Stat } from '../zk/types.js';
import { zkErrorFromRc } from '../zk/errors.js';
import type { BulkClient } from './remote/protocol.js';
import { ZkError } from '../zk/types.js';
import { WriteBatcher, type BatchOptions } from './writeBatcher.js';

export class WindowedClient {
  private readonly limiter: Limiter;
  readonly batcher: WriteBatcher | null;

  constructor(
    readonly client: BulkClient,
    readonly window: number,
    batch?: BatchOptions | null,
  ) {
    this.limiter = new Limiter(Math.max(1, window));
    this.batcher = batch ? new WriteBatcher(client, batch) : null;
  }

  get(path: string): Promise<{ data: Buffer | null; stat: Stat }> {
    return this.limiter.run(() => this.client.get(path));
  }

  exists(path: string): Promise<Stat | null> {
    return this.limiter.run(() => this.client.exists(path));
  }

  getChildren(path: string): Promise<{ children: string[]; stat: Stat }> {
    return this.limiter.run(() => this.client.getChildren(path));
  }

  getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }> {
    return this.limiter.run(() => this.client.getAcl(path));
  }

  /**
   * With `acl`, the node is created with it in one op (a multi of one when not batching), so it
   * is never world-open in between.
   */
  async create(path: string, data: Buffer | null, mode: CreateMode = 'persistent', acl?: readonly Acl[]): Promise<string> {
    const op = { op: 'create', path, data, mode, ...(acl ? { acl } : {}) } as const;
    if (this.batcher) return (await this.batcher.submit(op)) ?? path;
    if (!acl) return this.limiter.run(() => this.client.create(path, data, { mode }));
    return (await this.limiter.run(() => this.batcherless(op))) ?? path;
  }

  /** Batched writes do not return the new stat (a multi's setData result is not passed on). */
  async set(path: string, data: Buffer | null): Promise<void> {
    if (this.batcher) {
      await this.batcher.submit({ op: 'set', path, data });
      return;
    }
    await this.limiter.run(() => this.client.set(path, data));
  }

  setAcl(path: string, acl: Acl[]): Promise<void> {
    return this.limiter.run(() => this.client.setAcl(path, acl));
  }

  async delete(path: string): Promise<void> {
    if (this.batcher) {
      await this.batcher.submit({ op: 'delete', path });
      return;
    }
    await this.limiter.run(() => this.client.delete(path));
  }

  private async batcherless(op: MultiOp): Promise<string | undefined> {
    const outcome = await this.client.multi([op]);
    const result = outcome.results[0];
    if (outcome.rc !== 0) throw zkErrorFromRc(result?.rc ?? outcome.rc, op.path);
    return result?.path;
  }
}

export function isZkCode(e: unknown, code: string): boolean {
  return e instanceof ZkError && e.code === code;
}

export function childPath(parent: string, child: string): string {
  return parent === '/' ? `/${child}` : `${parent}/${child}`;
}

/** `/a/b` → [`/a`]; the ancestors a target path needs, top first (never `/`). */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter((p) => p.length > 0);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

/** True when `path` is `root` or lies below it. */
export function isWithin(path: string, root: string): boolean {
  if (root === '/') return true;
  return path === root || path.startsWith(`${root}/`);
}
