// Who carries out a node action: the sandbox's own methods on a local rehearsal ensemble, or a
// profile's command templates (`ssh {host} sudo systemctl restart zookeeper`) elsewhere.
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';

export interface NodeActionIo {
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal;
}

export interface NodeActionProvider {
  /** `sandbox` or `profile NAME`, shown beside the action. */
  readonly name: string;
  /** What will run, for the confirmation and the record (e.g. the expanded command line). */
  describe(action: NodeAction, id: number): string | null;
  /** Runs it, streaming output; resolves with the exit code. */
  run(action: NodeAction, id: number, io: NodeActionIo): Promise<number>;
}

export const NODE_ACTIONS_SERVICE = 'nodeActions';
