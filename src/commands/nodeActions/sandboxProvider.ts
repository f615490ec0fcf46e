// Node actions on a sandbox ensemble: its own stop/start methods (the JVMs are ours), `upgrade`
// (the same data on another ZooKeeper build, fetched on first use); with static membership also
// `config` (the hand edit of zoo.cfg's server lines) and `wipe` (a fresh data dir).
import path from 'node:path';
import type { Sandbox } from '../../sandbox/ensemble.js';
import { dataDirPath, zooCfgPath } from '../../sandbox/nodeFiles.js';
import { SandboxError } from '../../sandbox/errors.js';
import { checkUpgrade } from '../../sandbox/upgrade.js';
import { nodeVersion } from '../../sandbox/zkVersions.js';
import { CliError } from '../../shell/errors.js';
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import type { NodeActionArgs, NodeActionIo, NodeActionProvider } from './provider.js';

export class SandboxNodeActions implements NodeActionProvider {
  readonly name = 'sandbox';

  constructor(private readonly sandbox: Sandbox) {}

  describe(action: NodeAction, id: number, args: NodeActionArgs = {}): string | null {
    if (!this.sandbox.nodes.some((n) => n.id === id)) return null;
    const dir = this.sandbox.node(id).dir;
    switch (action) {
      case 'wipe':
        return `sandbox: rm -rf ${path.join(dataDirPath(dir), 'version-2')} ${path.join(dataDirPath(dir), 'zookeeper_server.pid')}; echo ${id} > myid`;
      case 'upgrade': {
        const from = nodeVersion(this.sandbox.node(id));
        // An upgrade the sandbox would refuse is refused before the operator is asked to agree.
        try {
          checkUpgrade(id, from, args.version ?? '', this.sandbox.membership);
        } catch (e) {
          if (e instanceof SandboxError) throw new CliError(`node upgrade ${id}: ${e.message}`);
          throw e;
        }
        return `sandbox: stop node ${id} (ZooKeeper ${from}), start it on ZooKeeper ${args.version} with the same data`;
      }
      case 'config':
        if (this.sandbox.membership !== 'static') return null;
        return `sandbox: write ${(args.members ?? []).map((l) => l.split('=')[0]).join(', ')} into ${zooCfgPath(dir)}`;
      default:
        return `sandbox: ${action} node ${id}`;
    }
  }

  missing(action: NodeAction, id: number): string | null {
    if (!this.sandbox.nodes.some((n) => n.id === id)) return `no node ${id} in this sandbox (ids ${this.sandbox.nodes.map((n) => n.id).join(', ')})`;
    if (action === 'config') return 'this sandbox has dynamic membership: change it with reconfig (sandbox up --membership static for Z2/Z3)';
    return null;
  }

  serverLine(id: number): string | null {
    return this.sandbox.nodes.some((n) => n.id === id) ? this.sandbox.serverLines([id])[0]! : null;
  }

  async run(action: NodeAction, id: number, io: NodeActionIo, args: NodeActionArgs = {}): Promise<number> {
    const sb = this.sandbox;
    try {
      return await this.act(sb, action, id, io, args);
    } catch (e) {
      io.err(e instanceof Error ? e.message : String(e));
      return 1;
    }
  }

  private async act(sb: Sandbox, action: NodeAction, id: number, io: NodeActionIo, args: NodeActionArgs): Promise<number> {
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
      case 'upgrade': {
        const from = nodeVersion(sb.node(id));
        await sb.upgradeNode(id, args.version ?? '', { waitFor: 'listening', timeoutMs: 20_000 });
        io.out(`node ${id} now runs ZooKeeper ${nodeVersion(sb.node(id))} (was ${from}; pid ${sb.node(id).pid}, same data)`);
        return 0;
      }
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
        await sb.cleanNode(id);
        io.out(`node ${id}: version-2 and zookeeper_server.pid removed, myid ${id}`);
        return 0;
      case 'config': {
        const lines = args.members ?? [];
        await sb.writeMembership(id, lines);
        for (const line of lines) io.out(line);
        io.out(`node ${id}: ${zooCfgPath(sb.node(id).dir)} lists these ${lines.length} servers`);
        return 0;
      }
    }
  }
}
