// Holds the current ZooKeeper session of the shell. zkCli's `connect` replaces it and
// `close` ends it; commands ask for the live client through `require()`.
import type { ClientFactory, SessionState, ZkClient } from '../zk/types.js';
import type { EventBus } from './appEvents.js';
import { CliError } from './errors.js';

/** zkCli prints this on stdout and carries on (exit code unchanged) when the session is closed. */
export class NotConnectedError extends CliError {
  constructor() {
    super('Not connected', 0);
    this.name = 'NotConnectedError';
  }
}

export class Connection {
  private current: ZkClient | null = null;
  private unsubscribe: (() => void)[] = [];
  private target: string;

  constructor(
    private readonly factory: ClientFactory,
    private readonly bus: EventBus,
    connectString: string,
    private readonly sessionTimeoutMs = 30000,
    private readonly callTimeoutMs?: number,
  ) {
    this.target = connectString;
  }

  get client(): ZkClient | null {
    return this.current;
  }

  get connectString(): string {
    return this.target;
  }

  /** The state zkCli shows in its prompt. */
  get state(): SessionState | 'NOT_CONNECTED' {
    return this.current ? this.current.state : 'NOT_CONNECTED';
  }

  /** Opens a new session (closing the old one, as zkCli's `connect` does; auth is not carried over). */
  async connect(connectString?: string): Promise<ZkClient> {
    await this.close();
    if (connectString !== undefined) this.target = connectString;
    const client = this.factory({ connectString: this.target, sessionTimeoutMs: this.sessionTimeoutMs, callTimeoutMs: this.callTimeoutMs });
    this.current = client;
    this.unsubscribe = [
      client.onState((state, previous) =>
        this.bus.emit({ type: 'session.state', state, previous, connectString: this.target, sessionId: client.sessionId }),
      ),
      client.onWatch((event) => this.bus.emit({ type: 'watch', event })),
    ];
    // Start connecting now, as zkCli does; whoever needs the session awaits it themselves.
    client.waitConnected(this.sessionTimeoutMs).catch(() => {});
    return client;
  }

  async close(): Promise<void> {
    const client = this.current;
    if (!client) return;
    if (client.state !== 'CLOSED') await client.close();
    // Keep the closed client so the prompt reads CLOSED, as zkCli's does; drop its listeners
    // only once its Closed events have been delivered.
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  /** The live client, or NotConnectedError when the session is closed or its auth failed. */
  require(): ZkClient {
    const c = this.current;
    if (!c || c.state === 'CLOSED' || c.state === 'AUTH_FAILED') throw new NotConnectedError();
    return c;
  }
}
