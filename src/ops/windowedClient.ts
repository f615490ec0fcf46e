// One ensemble's client behind a bounded window: every request a bulk operation makes goes
// through here, so no more than `window` requests are ever in flight to that ensemble, whatever
// the shape of the tree (a node with 100,000 children cannot flood the server or our memory).
import { Limiter } from '../util/limiter.js';
import type { Acl, CreateMode, Stat } from '../zk/types.js';
import type { BulkClient } from './remote/protocol.js';
import { ZkError } from '../zk/types.js';

export class WindowedClient {
  private readonly limiter: Limiter;

  constructor(
    readonly client: BulkClient,
    readonly window: number,
  ) {
    this.limiter = new Limiter(Math.max(1, window));
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

  create(path: string, data: Buffer | null, mode: CreateMode = 'persistent'): Promise<string> {
    return this.limiter.run(() => this.client.create(path, data, { mode }));
  }

  set(path: string, data: Buffer | null): Promise<Stat> {
    return this.limiter.run(() => this.client.set(path, data));
  }

  setAcl(path: string, acl: Acl[]): Promise<void> {
    return this.limiter.run(() => this.client.setAcl(path, acl));
  }

  delete(path: string): Promise<void> {
    return this.limiter.run(() => this.client.delete(path));
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
