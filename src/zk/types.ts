// Shared shapes of the ZooKeeper access layer. This directory imports nothing else of ours.

/** Client session state as zkpilot reports it (prompt, header, events). */
export type SessionState =
  | 'CONNECTING' // never connected yet, or re-connecting after a disconnect
  | 'CONNECTED'
  | 'DISCONNECTED' // connection lost, session may still be alive (Curator: SUSPENDED)
  | 'EXPIRED' // server expired the session; the wrapper re-creates it
  | 'AUTH_FAILED'
  | 'CLOSED'; // closed by us (`close`, `quit`)

/** Znode stat, as the native client reports it (zxids fit in a double: epoch < 2^21). */
export interface Stat {
  czxid: number;
  mzxid: number;
  pzxid: number;
  ctime: number; // ms since epoch
  mtime: number;
  version: number; // dataVersion
  cversion: number;
  aversion: number; // aclVersion
  ephemeralOwner: string; // hex session id without 0x, "0" when persistent
  dataLength: number;
  numChildren: number;
}

export interface Acl {
  scheme: string;
  id: string;
  perms: number; // bit set of PERM
}

export const PERM = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 } as const;

export type CreateMode =
  | 'persistent'
  | 'ephemeral'
  | 'persistent_sequential'
  | 'ephemeral_sequential'
  | 'container'
  | 'persistent_with_ttl'
  | 'persistent_sequential_with_ttl';

export type WatchEventType =
  | 'None'
  | 'NodeCreated'
  | 'NodeDeleted'
  | 'NodeDataChanged'
  | 'NodeChildrenChanged';

/** Java's Watcher.Event.KeeperState names, as zkCli prints them. */
export type KeeperState = 'SyncConnected' | 'Disconnected' | 'Expired' | 'AuthFailed' | 'Closed';

export interface WatchEvent {
  type: WatchEventType;
  state: KeeperState;
  path: string | null;
}

/**
 * KeeperException code names as Java spells them (`KeeperErrorCode = <name>`):
 * NoNode, NodeExists, NotEmpty, BadVersion, NoAuth, InvalidACL, BadArguments,
 * ConnectionLoss, OperationTimeout, SessionExpired, Unimplemented, ReconfigInProgress,
 * NewConfigNoQuorum, ReconfigDisabled ("Reconfig is disabled"), NoChildrenForEphemerals, ...
 */
export type ZkErrorCode = string;

/**
 * What Java prints after `KeeperErrorCode = ` where it differs from the code name
 * (KeeperException.getCodeMessage). Every other code prints as its name.
 */
export const ZK_ERROR_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  NotEmpty: 'Directory not empty',
  SessionExpired: 'Session expired',
  InvalidCallback: 'Invalid callback',
  SessionMoved: 'Session moved',
  NotReadOnly: 'Not a read-only call',
  EphemeralOnLocalSession: 'Ephemeral node on local session',
  NoWatcher: 'No such watcher',
  RequestTimeout: 'Unknown error REQUESTTIMEOUT',
  ReconfigDisabled: 'Reconfig is disabled',
  SessionClosedRequireAuth: 'Session closed because client failed to authenticate',
  QuotaExceeded: 'Quota has exceeded',
  Throttled: 'Op throttled due to high load',
};

export class ZkError extends Error {
  /** `message` is Java's KeeperException.getMessage() text, e.g. `KeeperErrorCode = NoNode for /app`. */
  constructor(
    readonly code: ZkErrorCode,
    readonly rc: number,
    readonly path: string | null,
  ) {
    const shown = ZK_ERROR_DISPLAY_NAMES[code] ?? code;
    super(path === null ? `KeeperErrorCode = ${shown}` : `KeeperErrorCode = ${shown} for ${path}`);
    this.name = 'ZkError';
  }
}

export interface AuthEntry {
  scheme: string;
  /** The credential as given to addauth. Never log or print it: redact to `user:***`. */
  auth: string;
}

export interface ZkClientOptions {
  connectString: string; // host:port[,host:port...][/chroot]
  sessionTimeoutMs?: number; // default 30000 (zkCli's default)
  /** Per-call deadline, default 15000: an unanswered call rejects with ZkError OperationTimeout. */
  callTimeoutMs?: number;
  /** Accepted but not honoured: the npm binding always opens sessions with flags=0 (no read-only). */
  canBeReadOnly?: boolean;
}

/** Makes a session client; tests and benchmarks pass their own, everything else createZkClient. */
export type ClientFactory = (opts: ZkClientOptions) => ZkClient;

export type StateListener = (state: SessionState, previous: SessionState) => void;
export type WatchListener = (event: WatchEvent) => void;

/**
 * The promise API every command uses. One instance = one logical session: it re-creates an
 * expired session (re-applying auth) and emits state changes; `close()` ends it for good.
 */
export interface ZkClient {
  readonly connectString: string;
  readonly state: SessionState;
  /** Hex session id without 0x, or null before the first connect. */
  readonly sessionId: string | null;
  readonly sessionTimeoutMs: number;
  /** Auth added with addAuth (re-applied on re-created sessions). */
  readonly auths: readonly AuthEntry[];

  onState(listener: StateListener): () => void;
  /** Every watch event and session event (for zkCli's WATCHER:: printing). */
  onWatch(listener: WatchListener): () => void;

  /** Starts connecting; resolves once CONNECTED, rejects (ZkError ConnectionLoss) after timeoutMs. */
  waitConnected(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;

  /** data is null only for nodes created with null data by another client (see create). */
  get(path: string, opts?: { watch?: boolean }): Promise<{ data: Buffer | null; stat: Stat }>;
  /** null when the node does not exist (with watch, an exists watch is still left). */
  exists(path: string, opts?: { watch?: boolean }): Promise<Stat | null>;
  /** Children in the server's order (unsorted; zkCli sorts for display). */
  getChildren(path: string, opts?: { watch?: boolean }): Promise<{ children: string[]; stat: Stat }>;
  /**
   * Returns the actual path created (sequential suffix included). `data: null` is stored as
   * EMPTY data (the binding cannot send a null buffer). With `acl` the node is created with
   * it in one op (with a TTL too: create + setAcl, a failed setAcl deletes it, CreateAclError). Invalid paths reject with
   * InvalidPathError (Java's message), bad mode/TTL combinations with ZkError BadArguments.
   */
  create(
    path: string,
    data: Buffer | null,
    opts?: { mode?: CreateMode; ttlMs?: number; acl?: Acl[] },
  ): Promise<string>;
  set(path: string, data: Buffer | null, version?: number): Promise<Stat>;
  delete(path: string, version?: number): Promise<void>;
  getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }>;
  setAcl(path: string, acl: Acl[], version?: number): Promise<void>;
  sync(path: string): Promise<void>;
  getConfig(opts?: { watch?: boolean }): Promise<{ data: Buffer | null; stat: Stat }>;
  reconfig(req: {
    joining?: string | null;
    leaving?: string | null;
    members?: string | null;
    version?: number; // -1 = unconditional
  }): Promise<{ data: Buffer | null; stat: Stat }>;
  addAuth(scheme: string, auth: string): Promise<void>;
  /** One transaction of several writes (see MultiOp); resolves whether or not it committed. */
  multi(ops: readonly MultiOp[]): Promise<MultiOutcome>;
}

/** One write of a multi; a create may carry its ACL (one op, never world-open in between). */
export type MultiOp =
  | { op: 'create'; path: string; data: Buffer | null; mode?: CreateMode; acl?: readonly Acl[] }
  | { op: 'set'; path: string; data: Buffer | null; version?: number }
  | { op: 'delete'; path: string; version?: number }
  | { op: 'check'; path: string; version: number };

/**
 * rc 0: every op committed (a create's `path` is the node created). Otherwise nothing
 * committed: the op that failed carries its own code, the ops before it 0 and those after it
 * RuntimeInconsistency (they were never judged); a lost connection gives every op its code.
 */
export interface MultiOutcome {
  rc: number;
  results: { rc: number; path?: string }[];
}
