// Node actions on a sandbox ensemble: its own stop/start methods (the JVMs are ours).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '../../sandbox/ensemble.js';
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import type { NodeActionIo, NodeActionProvider } from './provider.js';

export class SandboxNodeActions implements NodeActionProvider {
  readonly name = 'sandbox';

  constructor(private readonly sandbox: Sandbox) {}

  describe(action: NodeAction, id: number): string | null {
    if (!this.sandbox.nodes.some((n) => n.id === id)) return null;
    return action === 'wipe' ? `sandbox: rm -rf ${path.join(this.sandbox.node(id).dir, 'data', 'version-2')}` : `sandbox: ${action} node ${id}`;
  }

  async run(action: NodeAction, id: number, io: NodeActionIo): Promise<number> {
    const sb = this.sandbox;
    try {
      switch (action) {
        case 'stop':
          await sb.stopNode(id);
          io.out(`node ${id} stopped`);
          return 0;
        case 'start':
          // Listening is enough: whether it serves and catches up is the checklist's check.
          await sb.startNode(id, { waitFor: 'listening', timeoutMs: 20_000 });
          io.out(`node ${id} started (pid ${sb.node(id).pid})`);
          return 0;
        case 'restart':
          await sb.stopNode(id);
          await sb.startNode(id, { waitFor: 'listening', timeoutMs: 20_000 });
          io.out(`node ${id} restarted (pid ${sb.node(id).pid})`);
          return 0;
        case 'status': {
          await sb.refresh();
          const n = sb.node(id);
          io.out(`node ${id}: ${n.status}${n.pid !== null ? ` (pid ${n.pid})` : ''}, srvr: ${await sb.probe(id)}`);
          return n.status === 'running' ? 0 : 3;
        }
        case 'wipe':
          await rm(path.join(sb.node(id).dir, 'data', 'version-2'), { recursive: true, force: true });
          io.out(`node ${id}: version-2 removed`);
          return 0;
      }
    } catch (e) {
      io.err(e instanceof Error ? e.message : String(e));
      return 1;
    }
  }
}
