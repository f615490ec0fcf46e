// One logical ZooKeeper session over successive native handles: connects lazily, reports state
// and session events, and replaces a handle that died (expired / auth failed) with a new
// session carrying the same credentials.

import { normalizeConnectString } from './convert.js';
import { RC } from './errors.js';
import { NATIVE_STATE, type NativeZk, type NativeZkConstructor } from './native.js';
import type {
  AuthEntry,
  SessionState,
  StateListener,
  WatchEvent,
  WatchEventType,
  WatchListener,
  ZkError,
} from './types.js';

const INIT_RETRY_MS = 1_000;
// The binding closes the handle as "expired" after this many consecutive reads that did not
// complete a packet (default 10): a 1 MB getData arrives in more chunks than that.
const RESPONSE_COUNTER_LIMIT = 1_000_000;

const WATCH_EVENTS: ReadonlyArray<[string, WatchEventType]> = [
  ['created', 'NodeCreated'],
  ['deleted', 'NodeDeleted'],
  ['changed', 'NodeDataChanged'],
  ['child', 'NodeChildrenChanged'],
];

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function makeGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

interface Waiter {
  settled: boolean;
  resolve(): void;
  fail(error: Error): void;
}

/**
 * zoo_add_auth only queues its packet, unlike the zoo_a* calls which send at once; without a
 * flush it sits until the next ping (a third of the session timeout). A request sent behind it
 * instead (an exists) made a server that refuses the auth close with that request unread: the
 * connection was reset and the AuthFailed answer lost (ConnectionLoss under load).
 */
export function flushQueuedAuth(native: NativeZk): void {
  native.flush();
}

export class ManagedSession {
  readonly nativeConnect: string;
  private native: NativeZk | null = null;
  private generation = 0;
  private started = false;
  private closed = false;
  private current: SessionState = 'CONNECTING';
  private liveSessionId: string | null = null;
  private negotiatedTimeoutMs: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Set while no usable session exists yet (re-creation gap, auth replay): calls wait on it. */
  private gate: Gate | null = null;

  readonly authEntries: AuthEntry[] = [];
  private readonly stateListeners = new Set<StateListener>();
  private readonly watchListeners = new Set<WatchListener>();
  private readonly connectedWaiters = new Set<Waiter>();

  constructor(
    connectString: string,
    readonly requestedTimeoutMs: number,
    private readonly NativeCtor: NativeZkConstructor,
  ) {
    this.nativeConnect = normalizeConnectString(connectString);
  }

  get state(): SessionState {
    return this.current;
  }

  get sessionId(): string | null {
    return this.liveSessionId;
  }

  get sessionTimeoutMs(): number {
    return this.negotiatedTimeoutMs ?? this.requestedTimeoutMs;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The live handle, or null in the gap between a dead session and its replacement. */
  get handle(): NativeZk | null {
    return this.native;
  }

  /** Resolves when calls may be sent; null when they may be sent now. */
  get ready(): Promise<void> | null {
    return this.gate?.promise ?? null;
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onWatch(listener: WatchListener): () => void {
    this.watchListeners.add(listener);
    return () => this.watchListeners.delete(listener);
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.openNative();
  }

  /** Remembers an accepted credential; false when it was already known. */
  rememberAuth(entry: AuthEntry): boolean {
    if (this.authEntries.some((e) => e.scheme === entry.scheme && e.auth === entry.auth)) return false;
    this.authEntries.push({ ...entry });
    return true;
  }

  whenConnected(timeoutMs: number, onTimeout: () => ZkError): Promise<void> {
    if (this.current === 'CONNECTED' && this.gate === null) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const finish = (then: () => void): void => {
        if (waiter.settled) return;
        waiter.settled = true;
        clearTimeout(timer);
        this.connectedWaiters.delete(waiter);
        then();
      };
      const waiter: Waiter = {
        settled: false,
        resolve: () => finish(resolve),
        fail: (error) => finish(() => reject(error)),
      };
      const timer = setTimeout(() => waiter.fail(onTimeout()), timeoutMs);
      timer.unref();
      this.connectedWaiters.add(waiter);
    });
  }

  /** Ends the session for good: CLOSED + a Closed event, then the handle is closed. */
  close(waiterError: () => Error): void {
    if (this.closed) return;
    this.closed = true;
    this.generation++; // silences the handle's own close event and late callbacks
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const native = this.native;
    this.native = null;
    this.liveSessionId = null;
    for (const waiter of [...this.connectedWaiters]) waiter.fail(waiterError());
    this.releaseGate();
    this.setState('CLOSED');
    this.emitWatch({ type: 'None', state: 'Closed', path: null });
    try {
      native?.close();
    } catch {
      // the handle is gone either way
    }
  }

  private openNative(): void {
    const generation = ++this.generation;
    const native = new this.NativeCtor({
      connect: this.nativeConnect,
      timeout: this.requestedTimeoutMs,
      debug_level: 0, // the C client's logger writes to stdout; 0 silences it
      response_counter_limit: RESPONSE_COUNTER_LIMIT,
    });
    const live = (): boolean => generation === this.generation && !this.closed;
    let connectedBefore = false;
    native.on('connect', () => {
      if (!live()) return;
      const fresh = !connectedBefore;
      connectedBefore = true;
      this.onConnect(native, generation, fresh);
    });
    native.on('connecting', () => {
      if (live()) this.onConnectionLost();
    });
    native.on('close', (_self: unknown, code: unknown) => {
      if (live()) this.onSessionEnded(Number(code));
    });
    for (const [eventName, type] of WATCH_EVENTS) {
      native.on(eventName, (_self: unknown, path: unknown) => {
        if (live()) this.emitWatch({ type, state: 'SyncConnected', path: typeof path === 'string' ? path : null });
      });
    }
    this.native = native;
    if (this.authEntries.length === 0) this.releaseGate();
    native.init({});
    // zookeeper_init failed (unresolvable host, malformed string): calls now fail fast with
    // ConnectionLoss; try again later, DNS may come back.
    if (native.state === NATIVE_STATE.CLOSED) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (generation === this.generation && !this.closed) this.openNative();
      }, INIT_RETRY_MS);
      this.retryTimer.unref();
    }
  }

  private onConnect(native: NativeZk, generation: number, fresh: boolean): void {
    this.liveSessionId = native.client_id;
    const timeout = native.timeout;
    if (timeout > 0) this.negotiatedTimeoutMs = timeout;
    if (fresh && this.gate !== null && this.authEntries.length > 0) {
      void this.replayAuth(native, generation);
    } else {
      this.markConnected();
    }
  }

  // Re-sends every remembered credential on a new session before releasing gated calls, so no
  // command runs unauthenticated. ConnectionLoss is fine (the C client re-sends its auth list on
  // reconnect); an AuthFailed credential is forgotten (the session dies and is re-created).
  private async replayAuth(native: NativeZk, generation: number): Promise<void> {
    const entries = [...this.authEntries];
    const sent = entries.map(
      (entry) =>
        new Promise<number>((resolve) => {
          let rc: number;
          try {
            rc = native.add_auth(entry.scheme, entry.auth, (cbRc) => resolve(cbRc));
          } catch {
            rc = RC.BADARGUMENTS;
          }
          if (rc !== RC.OK) resolve(rc);
        }),
    );
    flushQueuedAuth(native);
    const results = await Promise.all(sent);
    entries.forEach((entry, i) => {
      const at = this.authEntries.indexOf(entry);
      if (results[i] === RC.AUTHFAILED && at >= 0) this.authEntries.splice(at, 1);
    });
    if (generation !== this.generation || this.closed) return;
    if (native.state === NATIVE_STATE.CONNECTED) this.markConnected();
  }

  private markConnected(): void {
    this.releaseGate();
    this.setState('CONNECTED');
    this.emitWatch({ type: 'None', state: 'SyncConnected', path: null });
    for (const waiter of [...this.connectedWaiters]) waiter.resolve();
  }

  private onConnectionLost(): void {
    if (this.current !== 'CONNECTED') return;
    this.setState('DISCONNECTED');
    this.emitWatch({ type: 'None', state: 'Disconnected', path: null });
  }

  // The handle is dead (expired, auth failed, or closed by the binding itself): report it and
  // start a brand-new session, holding calls until it is usable.
  private onSessionEnded(code: number): void {
    const authFailed = code === NATIVE_STATE.AUTH_FAILED;
    this.native = null;
    this.liveSessionId = null;
    this.negotiatedTimeoutMs = null;
    this.gate ??= makeGate();
    this.generation++; // nothing more from the dead handle
    this.setState(authFailed ? 'AUTH_FAILED' : 'EXPIRED');
    this.emitWatch({ type: 'None', state: authFailed ? 'AuthFailed' : 'Expired', path: null });
    // Out of the binding's call stack before creating the next handle.
    setImmediate(() => {
      if (this.closed) return;
      this.setState('CONNECTING');
      this.openNative();
    });
  }

  private releaseGate(): void {
    const gate = this.gate;
    this.gate = null;
    gate?.open();
  }

  private setState(next: SessionState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    for (const listener of [...this.stateListeners]) {
      try {
        listener(next, previous);
      } catch {
        // a listener's failure must not break the session machinery
      }
    }
  }

  private emitWatch(event: WatchEvent): void {
    for (const listener of [...this.watchListeners]) {
      try {
        listener({ ...event });
      } catch {
        // as above
      }
    }
  }
}
