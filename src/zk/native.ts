// Typed view of the `zookeeper` npm binding (7.3, CommonJS, callback API over the C client).
// Only what client.ts uses is declared; see node_modules/zookeeper/src/node-zk.cpp.

import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Stat } from './types.js';

export interface NativeStat {
  czxid: number;
  mzxid: number;
  pzxid: number;
  ctime: Date;
  mtime: Date;
  version: number;
  cversion: number;
  aversion: number;
  ephemeralOwner: string; // %llx of the owner id
  dataLength: number;
  numChildren: number;
}

/** The binding names the ACL id `auth`; a_set_acl expects `perms` (the JS layer renames it). */
export interface NativeAcl {
  perms: number;
  scheme: string;
  auth: string;
}

type VoidCb = (rc: number, error: string) => void;
/** One op's answer in a multiRead: data and stat for a getData, children for a getChildren. */
export interface NativeReadResult {
  err: number;
  data?: Buffer | null;
  stat?: Stat | null;
  children?: string[];
}

type StatCb = (rc: number, error: string, stat: NativeStat | null) => void;
type DataCb = (rc: number, error: string, stat: NativeStat | null, data: Buffer | null) => void;
type PathCb = (rc: number, error: string, path: string) => void;
type ChildrenCb = (rc: number, error: string, children: string[] | null, stat: NativeStat | null) => void;
type AclCb = (rc: number, error: string, acl: NativeAcl[] | null, stat: NativeStat | null) => void;

/**
 * Every a_* method returns the C return code synchronously: non-zero means the request was not
 * queued and its callback will never run.
 *
 * Events: `connect` (session established or re-established), `connecting` (a connected session
 * lost its connection), `close` with the code passed to realClose (0 = close() called,
 * -112 = session expired, -113 = auth failed; after it the handle is dead), and for watches
 * set with watch=true: `created`, `deleted`, `changed`, `child`, `notwatching` with the path
 * as the second listener argument.
 */
export interface NativeZk extends EventEmitter {
  init(config: Record<string, unknown>): this;
  close(): unknown;
  /** data null = null data (patched binding). */
  a_create(path: string, data: Buffer | null, flags: number, cb: PathCb): number;
  a_createTtl(path: string, data: Buffer | null, flags: number, ttl: number, cb: PathCb): number;
  a_exists(path: string, watch: boolean, cb: StatCb): number;
  a_get(path: string, watch: boolean, cb: DataCb): number;
  a_get_children2(path: string, watch: boolean, cb: ChildrenCb): number;
  a_set(path: string, data: Buffer | null, version: number, cb: StatCb): number;
  a_delete_(path: string, version: number, cb: VoidCb): number;
  /** Needs the patched binding: unpatched, a failing getAcl segfaults the process. */
  a_get_acl(path: string, cb: AclCb): number;
  a_set_acl(path: string, version: number, acl: NativeAcl[], cb: VoidCb): number;
  add_auth(scheme: string, auth: string, cb: VoidCb): number;
  a_sync(path: string, cb: PathCb): number;
  a_getconfig(watch: boolean, cb: DataCb): number;
  a_reconfig(
    joining: string | null,
    leaving: string | null,
    members: string | null,
    version: number,
    cb: DataCb,
  ): number;
  /**
   * zoo_amulti (patched binding): ops of type 1 create, 2 delete, 5 setData, 13 check; ACL
   * entries use `perm`, as the addon reads them. Results: `err` per op, `path` for a create.
   */
  a_multi(ops: NativeMultiOp[], cb: (rc: number, error: string, results: { err: number; path?: string }[] | null) => void): number;
  /**
   * multiRead (patched binding; ZooKeeper 3.6+ servers only, an older one answers Unimplemented
   * and drops the connection): types[i] 4 getData or 8 getChildren of paths[i]. One result per
   * op, each with its own `err`; a getData's stat is already in zkpilot's Stat shape.
   */
  a_multi_read(types: readonly number[], paths: readonly string[], cb: (rc: number, error: string, results: NativeReadResult[]) => void): number;
  /**
   * TCP_CORK on the session's socket (patched binding): cork(true) holds the requests made
   * meanwhile, cork(false) sends them together.
   */
  cork(on: boolean): number;
  /** Sends what the client has queued, e.g. an add_auth packet (patched binding). */
  flush(): number;
  /** zoo_state(): 3 connected, 1 connecting, 2 associating, -112 expired, -113 auth failed, 0 closed. */
  readonly state: number;
  /** Session id, lower-case hex without 0x ("0" before the first connect). */
  readonly client_id: string;
  /** 16-byte session password as upper-case hex. */
  readonly client_password: string;
  /** Negotiated session timeout (ms), -1 once closed. */
  readonly timeout: number;
}

export interface NativeMultiOp {
  type: number;
  path: string;
  data?: Buffer | null;
  flags?: number;
  acl?: { perm: number; scheme: string; auth: string }[];
  version?: number;
}

export type NativeZkConstructor = new (config: Record<string, unknown>) => NativeZk;

export const NATIVE_STATE = {
  CLOSED: 0,
  CONNECTING: 1,
  ASSOCIATING: 2,
  CONNECTED: 3,
  EXPIRED: -112,
  AUTH_FAILED: -113,
} as const;

/** Create-mode flags of the C client (ZOO_PERSISTENT ... ZOO_PERSISTENT_SEQUENTIAL_WITH_TTL). */
export const CREATE_FLAGS = {
  persistent: 0,
  ephemeral: 1,
  persistent_sequential: 2,
  ephemeral_sequential: 3,
  container: 4,
  persistent_with_ttl: 5,
  persistent_sequential_with_ttl: 6,
} as const;

/** The addon's own class: what the npm package's JavaScript wrapper (lib/zookeeper.js) wraps. */
interface RawNativeZk {
  emit: (event: string, a1?: unknown, a2?: unknown, a3?: unknown) => boolean;
  init(config: Record<string, unknown>): void;
  close(): unknown;
  a_create(path: string, data: Buffer | null, flags: number, cb: PathCb): number;
  a_create_ttl(path: string, data: Buffer | null, flags: number, ttl: number, cb: PathCb): number;
  a_set_acl(path: string, version: number, acl: { perm: number; scheme: string; auth: string }[], cb: VoidCb): number;
  [method: string]: unknown;
}

let cached: NativeZkConstructor | null = null;

/**
 * The binding, loaded on first use (pure helpers of this directory work without the native
 * build). It is the addon's class behind a thin handle of our own rather than the package's
 * wrapper: that wrapper loads the `async` library at require time and formats every call's
 * arguments with util.inspect for a logger nobody set, both costs on every start and call.
 * The handle does what the wrapper does and no more: events re-emitted with the handle in
 * place of the addon object, config merged at init, ACL `perms` renamed `perm` for the addon.
 */
export function loadNativeZk(): NativeZkConstructor {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const gypBuild = require('node-gyp-build') as (dir: string) => { ZooKeeper: new () => RawNativeZk };
  const Raw = gypBuild(path.dirname(require.resolve('zookeeper/package.json'))).ZooKeeper;
  // The addon emits through `this.emit`: an own property the handle sets, as the wrapper does.
  class NativeHandle extends EventEmitter {
    readonly native = new Raw();

    constructor(private readonly config: Record<string, unknown>) {
      super();
      this.native.emit = (event, a1, a2, a3) => this.emit(event, event === 'connect' || event === 'close' ? this : a1, a2, a3);
    }

    init(config: Record<string, unknown>): this {
      this.native.init({ ...config, ...this.config });
      return this;
    }

    close(): unknown {
      return this.native.close();
    }

    a_createTtl(p: string, data: Buffer | null, flags: number, ttl: number, cb: PathCb): number {
      return this.native.a_create_ttl(p, data, flags, ttl, cb);
    }

    a_set_acl(p: string, version: number, acl: NativeAcl[], cb: VoidCb): number {
      return this.native.a_set_acl(p, version, acl.map(({ perms, ...rest }) => ({ perm: perms, ...rest })), cb);
    }

    get state(): number {
      return this.native.state as number;
    }

    get client_id(): string {
      return this.native.client_id as string;
    }

    get client_password(): string {
      return this.native.client_password as string;
    }

    get timeout(): number {
      return this.native.timeout as number;
    }
  }
  // The calls go straight to the addon (same arguments, same callbacks).
  for (const name of ['a_create', 'a_exists', 'a_get', 'a_get_children2', 'a_set', 'a_delete_', 'a_get_acl', 'add_auth', 'a_sync', 'a_getconfig', 'a_reconfig', 'a_multi', 'a_multi_read', 'cork', 'flush'] as const) {
    Object.defineProperty(NativeHandle.prototype, name, {
      value(this: NativeHandle, ...args: unknown[]) {
        return (this.native[name] as (...a: unknown[]) => number).apply(this.native, args);
      },
    });
  }
  cached = NativeHandle as unknown as NativeZkConstructor;
  return cached;
}
