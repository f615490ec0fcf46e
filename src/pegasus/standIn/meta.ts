// What the stand-in answers in place of the meta server's RPCs: cluster state from cluster.json,
// tables and partitions from the real ZooKeeper tree under cluster_root. Like the real meta, it
// answers ERR_NETWORK_FAILURE when no meta server runs and ERR_UNDER_RECOVERY to everything but
// `recover` while it waits for a recovery.
import { createZkClient } from '../../zk/client.js';
import type { ZkClient } from '../../zk/types.js';
import { NO_ADDRESS, readApps, statusName, type StoredApp } from './layout.js';
import { leader, readState, type ClusterState } from './state.js';

export class MetaError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'MetaError';
  }
}

export interface NodeInfo {
  address: string;
  alive: boolean;
  primaryCount: number;
  secondaryCount: number;
}

export class MetaView {
  private client: ZkClient | null = null;
  private clientFor: string | null = null;

  constructor(readonly stateDir: string) {}

  state(): ClusterState {
    return readState(this.stateDir);
  }

  /** The leader's state, or the RPC error a real shell would get. */
  reachable(opts: { duringRecovery?: boolean } = {}): ClusterState {
    const state = this.state();
    if (leader(state) === null) throw new MetaError('ERR_NETWORK_FAILURE');
    if (state.recovering && !opts.duringRecovery) throw new MetaError('ERR_UNDER_RECOVERY');
    return state;
  }

  /** A session on the meta's ZooKeeper ([zookeeper] hosts_list: it may change between commands). */
  async zk(state: ClusterState): Promise<ZkClient> {
    if (this.client !== null && this.clientFor === state.meta.hostsList) return this.client;
    await this.client?.close().catch(() => {});
    this.client = createZkClient({ connectString: state.meta.hostsList, sessionTimeoutMs: 10_000, callTimeoutMs: 10_000 });
    this.clientFor = state.meta.hostsList;
    try {
      await this.client.waitConnected(10_000);
    } catch {
      throw new MetaError('ERR_TIMEOUT');
    }
    return this.client;
  }

  async apps(state: ClusterState): Promise<StoredApp[]> {
    return (await readApps(await this.zk(state), state.meta.clusterRoot)) ?? [];
  }

  async app(state: ClusterState, name: string): Promise<StoredApp> {
    if (!/^[0-9a-zA-Z.:_]+$/.test(name)) throw new MetaError('ERR_INVALID_PARAMETERS');
    const found = (await this.apps(state)).find((a) => a.info.app_name === name && statusName(a.info) === 'AVAILABLE');
    if (!found) throw new MetaError('ERR_OBJECT_NOT_FOUND');
    return found;
  }

  /** Replica servers sorted by address (std::map order), with counts over AVAILABLE tables. */
  async nodes(state: ClusterState, detailed: boolean): Promise<NodeInfo[]> {
    const byAddress = new Map(state.replicaServers.map((r) => [r.address, { address: r.address, alive: r.alive, primaryCount: 0, secondaryCount: 0 }]));
    if (detailed) {
      for (const app of await this.apps(state)) {
        if (statusName(app.info) !== 'AVAILABLE') continue;
        for (const p of app.partitions) {
          if (p.primary !== NO_ADDRESS) {
            const n = byAddress.get(p.primary);
            if (n) n.primaryCount += 1;
          }
          for (const s of p.secondaries) {
            const n = byAddress.get(s);
            if (n) n.secondaryCount += 1;
          }
        }
      }
    }
    return [...byAddress.values()].sort((a, b) => compareAddress(a.address, b.address));
  }

  /** on_query_cluster_info's keys and values, in the meta's order (v2.5.0). */
  clusterInfo(state: ClusterState): [string, string][] {
    return [
      ['meta_servers', state.metaServers.join(',')],
      ['primary_meta_server', leader(state) ?? ''],
      ['zookeeper_hosts', state.meta.hostsList],
      ['zookeeper_root', state.meta.clusterRoot],
      ['meta_function_level', state.level],
      ['balance_operation_count', 'move_pri=0,copy_pri=0,copy_sec=0,total=0'],
      ['primary_replica_count_stddev', '0.00'],
      ['total_replica_count_stddev', '0.00'],
      ['cluster_name', state.clusterName],
    ];
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => {});
    this.client = null;
  }
}

/** rpc_address order: by IPv4 value, then port (std::map<rpc_address>). */
export function compareAddress(a: string, b: string): number {
  const key = (s: string): number[] => {
    const [host = '', port = '0'] = s.split(':');
    return [...host.split('.').map(Number), Number(port)];
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
