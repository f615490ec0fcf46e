// Messages between a bulk operation and its session worker (bulkWorker.ts), and how their data is
// read back. Requests and replies travel in batches: one IPC message per event-loop turn, not one
// per znode.
import type { Acl, AuthEntry, CreateMode, MultiOp, MultiOutcome, Stat } from '../../zk/types.js';
import type { OrderedOptions } from '../orderedSource.js';
import type { TreeNode } from '../sourceNode.js';

/** The subset of the promise client a bulk operation uses; ZkClient itself satisfies it. */
export interface BulkClient {
  get(path: string): Promise<{ data: Buffer | null; stat: Stat }>;
  exists(path: string): Promise<Stat | null>;
  getChildren(path: string): Promise<{ children: string[]; stat: Stat }>;
  getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }>;
  create(path: string, data: Buffer | null, opts?: { mode?: CreateMode }): Promise<string>;
  /** One transaction of writes: what the bulk writers batch creates, sets and deletes into. */
  multi(ops: readonly MultiOp[]): Promise<MultiOutcome>;
  set(path: string, data: Buffer | null): Promise<Stat>;
  setAcl(path: string, acl: Acl[]): Promise<void>;
  delete(path: string): Promise<void>;
  /** Brings the session's server up to the leader, so reads after it see every earlier write. */
  sync(path: string): Promise<void>;
  /** A subtree in sorted depth-first order, read where the session lives (a session worker walks it itself). */
  walkOrdered?(root: string, opts: OrderedOptions): AsyncGenerator<TreeNode>;
}

export type Op =
  | { op: 'get' | 'exists' | 'getChildren' | 'getAcl' | 'delete' | 'sync'; path: string }
  | { op: 'create'; path: string; data: Buffer | null; mode: CreateMode }
  | { op: 'set'; path: string; data: Buffer | null }
  | { op: 'setAcl'; path: string; acl: Acl[] }
  | { op: 'multi'; path: string; ops: MultiOp[] };

export type Request = Op & { id: number };

export type Reply = { id: number; ok: unknown } | { id: number; rc: number; path: string | null };

export type WorkerInit = { connectString: string; sessionTimeoutMs: number; callTimeoutMs: number; auths: AuthEntry[] };

/**
 * A walk run by the worker (workerWalk.ts): it streams the nodes in batches and stays at most a
 * bounded number of nodes and bytes ahead of what the parent has consumed (`walkCredit`).
 */
export type WalkControl =
  | { t: 'walk'; id: number; root: string; window: number; acls: boolean }
  | { t: 'walkCredit'; id: number; nodes: number; bytes: number }
  | { t: 'walkStop'; id: number };

/**
 * What the walk learnt since the last batch: its estimate calls as flat triples (0 discover /
 * 1 resolve, depth, count) and its counts so far.
 */
export type WalkBatch = { t: 'walkNodes'; id: number; nodes: TreeNode[]; bytes: number; estimate: number[]; vanished: number; ephemeralsSkipped: number };

export type WalkEvent = WalkBatch | { t: 'walkEnd'; id: number } | { t: 'walkError'; id: number; rc: number | null; path: string | null; message: string };

export type WorkerEvent = { t: 'ready' } | { t: 'fatal'; message: string } | { t: 'replies'; replies: Reply[] } | WalkEvent;

/**
 * Structured clone delivers a Buffer as a plain Uint8Array: a Buffer over the same bytes again.
 * For data passed straight on (to the native client, which copies it).
 */
export function asBuffer(data: Uint8Array | null): Buffer | null {
  return data === null ? null : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * A Buffer with its own copy of the bytes, for data that outlives the message it came in: Node
 * deserializes an IPC message's Uint8Arrays as views into the whole buffer the message was read
 * into, so one node kept for a while (a write lagging its read, a backup line in gzip) kept every
 * node of its batch alive with it. A backup with its heap capped at 48 MB spent most of its time in
 * the garbage collector over that memory.
 */
export function ownBuffer(data: Uint8Array | null): Buffer | null {
  return data === null ? null : Buffer.from(data);
}
