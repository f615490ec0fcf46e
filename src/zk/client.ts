// The promise client every command uses: one logical session over the native binding, which
// re-creates an expired (or auth-failed) session and re-applies addAuth credentials.

import { CallRunner, connectionLoss, operationTimeout } from './calls.js';
import { createFlags, fromNativeAcl, fromNativeMulti, isOpenAclUnsafe, isSequentialMode, isTtlMode, MAX_TTL_MS, toNativeAcl, toNativeMultiOps, toStat } from './convert.js';
import { CreateAclError, RC, zkErrorFromRc } from './errors.js';
import { loadNativeZk, type NativeZkConstructor } from './native.js';
import { validatePath } from './paths.js';
import { flushQueuedAuth, ManagedSession } from './session.js';
import {
  ZkError,
  type Acl,
  type AuthEntry,
  type CreateMode,
  type MultiOp,
  type MultiOutcome,
  type SessionState,
  type Stat,
  type StateListener,
  type WatchListener,
  type ZkClient,
  type ZkClientOptions,
} from './types.js';

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
const DEFAULT_CALL_TIMEOUT_MS = 15_000;

function badArguments(path: string | null): ZkError {
  return new ZkError('BadArguments', RC.BADARGUMENTS, path);
}

export class SessionClient implements ZkClient {
  readonly connectString: string;
  private readonly callTimeoutMs: number;
  private readonly session: ManagedSession;
  private readonly calls: CallRunner;

  constructor(opts: ZkClientOptions, NativeCtor: NativeZkConstructor) {
    this.connectString = opts.connectString;
    this.callTimeoutMs = opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    // opts.canBeReadOnly cannot be honoured: the binding always passes flags=0 to zookeeper_init.
    this.session = new ManagedSession(opts.connectString, opts.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS, NativeCtor);
    this.calls = new CallRunner(this.session, this.callTimeoutMs);
  }

  get state(): SessionState {
    return this.session.state;
  }

  get sessionId(): string | null {
    return this.session.sessionId;
  }

  get sessionTimeoutMs(): number {
    return this.session.sessionTimeoutMs;
  }

  get auths(): readonly AuthEntry[] {
    return this.session.authEntries.map((entry) => ({ ...entry }));
  }

  onState(listener: StateListener): () => void {
    return this.session.onState(listener);
  }

  onWatch(listener: WatchListener): () => void {
    return this.session.onWatch(listener);
  }

  waitConnected(timeoutMs: number = this.session.requestedTimeoutMs): Promise<void> {
    if (this.session.isClosed) return Promise.reject(connectionLoss(null));
    this.session.start();
    return this.session.whenConnected(timeoutMs, () => connectionLoss(null));
  }

  async close(): Promise<void> {
    if (this.session.isClosed) return;
    this.calls.failAll();
    this.session.close(() => connectionLoss(null));
  }

  async get(path: string, opts: { watch?: boolean } = {}): Promise<{ data: Buffer | null; stat: Stat }> {
    validatePath(path);
    return this.calls.run(path, (native, done) =>
      native.a_get(path, opts.watch === true, (rc, _e, stat, data) =>
        done(rc, () => ({ data: data ?? null, stat: toStat(stat!) })),
      ),
    );
  }

  async exists(path: string, opts: { watch?: boolean } = {}): Promise<Stat | null> {
    validatePath(path);
    return this.calls.run(path, (native, done) =>
      native.a_exists(path, opts.watch === true, (rc, _e, stat) =>
        // NoNode is an answer here (and still leaves an exists watch when watch=true).
        done(rc === RC.NONODE ? RC.OK : rc, () => (stat ? toStat(stat) : null)),
      ),
    );
  }

  async getChildren(path: string, opts: { watch?: boolean } = {}): Promise<{ children: string[]; stat: Stat }> {
    validatePath(path);
    return this.calls.run(path, (native, done) =>
      native.a_get_children2(path, opts.watch === true, (rc, _e, children, stat) =>
        done(rc, () => ({ children: children ?? [], stat: toStat(stat!) })),
      ),
    );
  }

  /**
   * `data: null` stores null data, as Java does (zkCli's `create /x`; `get` prints `null`): the
   * binding passes JS null through as a NULL buffer (patches/zookeeper+7.3.0.patch).
   * With `acl`, the node is created with it in one op. Only a TTL node with an ACL (the C
   * client's multi has no TTL create) is created world-open and then setAcl'd; if that fails the
   * node is deleted again and CreateAclError reports the outcome.
   */
  async create(
    path: string,
    data: Buffer | null,
    opts: { mode?: CreateMode; ttlMs?: number; acl?: Acl[] } = {},
  ): Promise<string> {
    const mode = opts.mode ?? 'persistent';
    const flags = createFlags(mode);
    if (flags === undefined) throw badArguments(path);
    validatePath(path, isSequentialMode(mode));
    const ttl = opts.ttlMs;
    if (isTtlMode(mode)) {
      if (ttl === undefined || !Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TTL_MS) throw badArguments(path);
    } else if (ttl !== undefined) {
      throw badArguments(path);
    }
    // Java's client refuses an empty ACL list before sending anything.
    if (opts.acl !== undefined && opts.acl.length === 0) throw new ZkError('InvalidACL', RC.INVALIDACL, path);

    const buffer = data;
    if (opts.acl !== undefined && !isOpenAclUnsafe(opts.acl) && ttl === undefined) {
      // The ACL travels in the create itself (a multi of one): as Java's create, never world-open.
      const outcome = await this.multi([{ op: 'create', path, data, mode, acl: opts.acl }]);
      const result = outcome.results[0];
      if (outcome.rc !== RC.OK) throw zkErrorFromRc(result?.rc ?? outcome.rc, path);
      return result?.path ?? path;
    }
    const created = await this.calls.run<string>(path, (native, done) => {
      const cb = (rc: number, _e: string, createdPath: string): void => done(rc, () => createdPath);
      return ttl !== undefined
        ? native.a_createTtl(path, buffer, flags, ttl, cb)
        : native.a_create(path, buffer, flags, cb);
    });
    if (opts.acl === undefined || isOpenAclUnsafe(opts.acl)) return created;
    try {
      await this.setAcl(created, opts.acl);
    } catch (error) {
      const failure = error instanceof ZkError ? error : connectionLoss(path);
      let rolledBack = false;
      try {
        await this.delete(created);
        rolledBack = true;
      } catch {
        // left in place: CreateAclError.rolledBack=false tells the caller it is world-open
      }
      throw new CreateAclError(failure.code, failure.rc, path, created, rolledBack);
    }
    return created;
  }

  /** One transaction; see MultiOutcome for what a failed one reports. */
  async multi(ops: readonly MultiOp[]): Promise<MultiOutcome> {
    for (const o of ops) validatePath(o.path, o.op === 'create' && isSequentialMode(o.mode ?? 'persistent'));
    if (ops.length === 0) return { rc: RC.OK, results: [] };
    const native = toNativeMultiOps(ops);
    // Resolved whatever the outcome: a failed multi's per-op codes are the answer, not an error.
    return this.calls.run<MultiOutcome>(ops[0]!.path, (handle, done) =>
      handle.a_multi(native, (rc, _e, results) => done(RC.OK, () => fromNativeMulti(rc, results, ops.length))),
    );
  }

  /** `data: null` stores null data (see create). */
  async set(path: string, data: Buffer | null, version = -1): Promise<Stat> {
    validatePath(path);
    return this.calls.run(path, (native, done) =>
      native.a_set(path, data, version, (rc, _e, stat) => done(rc, () => toStat(stat!))),
    );
  }

  async delete(path: string, version = -1): Promise<void> {
    validatePath(path);
    return this.calls.run(path, (native, done) => native.a_delete_(path, version, (rc) => done(rc, () => undefined)));
  }

  /**
   * Safe to call directly only with the patched binding: unpatched, a failed getAcl freed a NULL
   * ACL vector and crashed the process (patches/zookeeper+7.3.0.patch, rebuilt at install).
   */
  async getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }> {
    validatePath(path);
    return this.calls.run(path, (native, done) =>
      native.a_get_acl(path, (rc, _e, acl, stat) => done(rc, () => ({ acl: fromNativeAcl(acl ?? []), stat: toStat(stat!) }))),
    );
  }

  async setAcl(path: string, acl: Acl[], version = -1): Promise<void> {
    validatePath(path);
    if (acl.length === 0) throw new ZkError('InvalidACL', RC.INVALIDACL, path);
    const nativeAcl = toNativeAcl(acl);
    return this.calls.run(path, (native, done) =>
      native.a_set_acl(path, version, nativeAcl, (rc) => done(rc, () => undefined)),
    );
  }

  async sync(path: string): Promise<void> {
    validatePath(path);
    return this.calls.run(path, (native, done) => native.a_sync(path, (rc) => done(rc, () => undefined)));
  }

  async getConfig(opts: { watch?: boolean } = {}): Promise<{ data: Buffer | null; stat: Stat }> {
    return this.calls.run(null, (native, done) =>
      native.a_getconfig(opts.watch === true, (rc, _e, stat, data) =>
        done(rc, () => ({ data: data ?? null, stat: toStat(stat!) })),
      ),
    );
  }

  async reconfig(req: {
    joining?: string | null;
    leaving?: string | null;
    members?: string | null;
    version?: number;
  }): Promise<{ data: Buffer | null; stat: Stat }> {
    return this.calls.run(null, (native, done) =>
      native.a_reconfig(req.joining ?? null, req.leaving ?? null, req.members ?? null, req.version ?? -1, (rc, _e, stat, data) =>
        done(rc, () => ({ data: data ?? null, stat: toStat(stat!) })),
      ),
    );
  }

  /**
   * Waits for a connected session, then sends the credential. Only credentials the server
   * accepted are kept (in memory) and re-applied to re-created sessions. An unknown scheme or a
   * rejected credential makes the server close the session: AUTH_FAILED, then a new session.
   */
  async addAuth(scheme: string, auth: string): Promise<void> {
    if (this.session.isClosed) throw connectionLoss(null);
    this.session.start();
    await this.session.whenConnected(this.callTimeoutMs, () => operationTimeout(null));
    await this.calls.run(null, (native, done) => {
      const rc = native.add_auth(scheme, auth, (cbRc) => done(cbRc, () => undefined));
      if (rc === RC.OK) flushQueuedAuth(native);
      return rc;
    });
    this.session.rememberAuth({ scheme, auth });
  }
}

/** Creates the client; nothing connects until `waitConnected()` or the first call. */
export function createZkClient(opts: ZkClientOptions): ZkClient {
  return new SessionClient(opts, loadNativeZk());
}
