// Who carries out a node action: the sandbox's own methods on a local rehearsal ensemble, or a
// profile's command templates (`ssh {host} sudo systemctl restart zookeeper`) elsewhere.
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';

export interface NodeActionIo {
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal;
}

/** What some actions need beyond the server id. */
export interface NodeActionArgs {
  /** `config`: the `server.N=…` lines to write into the node's zoo.cfg (static membership). */
  members?: readonly string[];
  /** `upgrade`: the ZooKeeper version to start the server on (3.9.3). */
  version?: string;
}

export interface NodeActionProvider {
  /** `sandbox` or `profile NAME`, shown beside the action. */
  readonly name: string;
  /** What will run, for the confirmation and the record (e.g. the expanded command line). */
  describe(action: NodeAction, id: number, args?: NodeActionArgs): string | null;
  /** Runs it, streaming output; resolves with the exit code. */
  run(action: NodeAction, id: number, io: NodeActionIo, args?: NodeActionArgs): Promise<number>;
  /** Why there is no such action here, when describe() said null (one line, optional). */
  missing?(action: NodeAction, id: number): string | null;
  /** The `server.N=…` line this provider knows for an id (the sandbox knows all its nodes). */
  serverLine?(id: number): string | null;
}

declare module '../../shell/context.js' {
  interface ShellServices {
    /** Sandbox methods or a profile's templates; absent: `node` says none is configured. */
    nodeActions?: NodeActionProvider;
  }
}
