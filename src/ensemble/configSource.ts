// The committed membership, read with getConfig and a watch, so a reconfig shows up at once.
// It uses a session of its own: a watch on the operator's session would make zkCli's watcher
// print `WATCHER::` blocks the operator never asked for. The session is read-only (getConfig
// needs no auth) and its id is exposed, so checks that count client sessions (`cons` draining
// before removing old servers) can leave it out.
import { parseDynamicConfig } from '../zk/dynamicConfig.js';
import { ZkError, type ClientFactory, type ZkClient } from '../zk/types.js';
import { Emitter } from '../util/store.js';
import type { CommittedConfig } from './types.js';

export const CONFIG_PATH = '/zookeeper/config';
const READ_RETRY_MS = 1000;

/** Where the model gets the committed config from. */
export interface ConfigSource {
  readonly current: CommittedConfig | null;
  /** Hex id of the source's own session, when it has one. */
  readonly sessionId: string | null;
  start(): void;
  /** Reads now; resolves when read or failed, or after timeoutMs (the read then goes on). */
  refresh(timeoutMs: number): Promise<void>;
  onChange(listener: (config: CommittedConfig) => void): () => void;
  /** Reads again now (the model saw a server answer `conf` with a newer version). */
  reread?(): void;
  close(): Promise<void>;
}


/** The hosts of a connect string without its chroot: /zookeeper/config lives at the real root. */
export function withoutChroot(connectString: string): string {
  const slash = connectString.indexOf('/');
  return slash < 0 ? connectString : connectString.slice(0, slash);
}

export class SessionConfigSource implements ConfigSource {
  private client: ZkClient | null = null;
  private config: CommittedConfig | null = null;
  private reading: Promise<void> | null = null;
  private dirty = false;
  private closed = false;
  private readonly changes = new Emitter<CommittedConfig>();
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly factory: ClientFactory,
    readonly connectString: string,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): CommittedConfig | null {
    return this.config;
  }

  get sessionId(): string | null {
    return this.client?.sessionId ?? null;
  }

  start(): void {
    if (this.client || this.closed) return;
    const client = this.factory({ connectString: withoutChroot(this.connectString), sessionTimeoutMs: 30_000 });
    this.client = client;
    this.offs.push(
      client.onWatch((event) => {
        if (event.path === CONFIG_PATH && event.type === 'NodeDataChanged') void this.read();
      }),
      // Every (re)connect: a new session after expiry has no watch left, so read and re-arm.
      client.onState((state) => {
        if (state === 'CONNECTED') void this.read();
      }),
    );
    client.waitConnected().catch(() => {
      // Not connected yet: the poller's `conf` fallback covers the meantime; the client keeps trying.
    });
  }

  async refresh(timeoutMs: number): Promise<void> {
    this.start();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    });
    const client = this.client;
    const read = client
      ? client.waitConnected(timeoutMs).then(() => this.read(), () => undefined)
      : Promise.resolve();
    await Promise.race([read, deadline]);
    clearTimeout(timer);
  }

  onChange(listener: (config: CommittedConfig) => void): () => void {
    return this.changes.on(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const off of this.offs.splice(0)) off();
    this.changes.clear();
    const client = this.client;
    this.client = null;
    await client?.close().catch(() => undefined);
  }

  // One read at a time; a watch firing meanwhile asks for one more read after it.
  private read(): Promise<void> {
    if (this.reading) {
      this.dirty = true;
      return this.reading;
    }
    this.reading = this.readOnce().finally(() => {
      this.reading = null;
      if (this.dirty && !this.closed) {
        this.dirty = false;
        void this.read();
      }
    });
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    const client = this.client;
    if (!client || this.closed || client.state !== 'CONNECTED') return;
    try {
      const { data } = await client.getConfig({ watch: true });
      const parsed = parseDynamicConfig(data?.toString('utf8') ?? '');
      if (this.closed) return;
      const same = this.config !== null && this.config.version === parsed.version && this.config.servers.length === parsed.servers.length;
      this.config = { version: parsed.version, servers: parsed.servers, source: 'session', at: this.now() };
      if (!same) this.changes.emit(this.config);
    } catch (e) {
      // 3.4 has no /zookeeper/config: nothing to wait for on this server (a reconnect, maybe to
      // a newer one, reads again). Membership then comes from the servers themselves.
      if (e instanceof ZkError && e.code === 'NoNode') {
        this.config = null;
        return;
      }
      // Keep the last config. A reconnect reads again; but a read that failed on a connected
      // session (a server between roles right after a reconfig) would leave no watch behind and
      // the config stale for good: try again shortly.
      if (!this.closed && this.client === client && client.state === 'CONNECTED') this.retrySoon();
    }
  }

  private retryTimer: NodeJS.Timeout | null = null;

  private retrySoon(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) void this.read();
    }, READ_RETRY_MS);
    this.retryTimer.unref?.();
  }

  /** Asks again (after a poll saw a server on a newer config than this one). */
  reread(): void {
    if (!this.closed) void this.read();
  }
}
