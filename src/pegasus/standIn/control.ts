// Setting up and steering a stand-in Pegasus cluster: what tests, `zkpilot sandbox --pegasus` and
// the P1/P2 rehearsals do to it from outside the shell — create it (state file + ZooKeeper tree),
// stop and start meta servers (with the real meta's start-up rules: recovery mode, the
// "apps found but recover_from_replica_server = true" crash), edit the meta config, kill replicas.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildFile } from '../../util/projectRoot.js';
import { createZkClient } from '../../zk/client.js';
import type { ZkClient } from '../../zk/types.js';
import { readApps, seedTree, ensurePath, takeLeaderLock } from './layout.js';
import { leader, readState, updateState, writeState, type ClusterState, type MetaConfig, type ReplicaApp } from './state.js';

export interface StandInClusterOptions {
  dir: string;
  /** The meta servers' [zookeeper] hosts_list. */
  zkConnect: string;
  clusterName?: string;
  /** Default `/pegasus/<cluster>`. */
  clusterRoot?: string;
  /** Default `<clusterRoot>/lock`. */
  lockRoot?: string;
  metaCount?: number;
  replicaCount?: number;
  /** Replica servers to report UNALIVE from the start. */
  unalive?: string[];
  apps?: ReplicaApp[];
  /** Other clusters of the shell config ([pegasus.clusters]), for copy_data. */
  clusters?: Record<string, string>;
}

/** The §6 sample: `stat` (4 partitions) and `temp` (8 partitions, one env), 3 replicas each. */
export function defaultApps(replicas: readonly string[], createSecond = 1713164318): ReplicaApp[] {
  const place = (count: number): string[][] => Array.from({ length: count }, (_, p) => [0, 1, 2].map((k) => replicas[(p + k) % replicas.length]!));
  return [
    { appId: 1, appName: 'stat', partitionCount: 4, maxReplicaCount: 3, envs: {}, createSecond, status: 'AVAILABLE', partitions: place(4) },
    { appId: 2, appName: 'temp', partitionCount: 8, maxReplicaCount: 3, envs: { 'rocksdb.usage_scenario': 'normal' }, createSecond: createSecond + 60, status: 'AVAILABLE', partitions: place(8) },
  ];
}

/**
 * Writes cluster.json and seeds the ZooKeeper tree through `zk`, whose session also holds the
 * leader's ephemeral lock node (the "meta server" lives as long as that session).
 */
export async function createStandInCluster(zk: ZkClient, opts: StandInClusterOptions): Promise<ClusterState> {
  const clusterName = opts.clusterName ?? 'onebox';
  const clusterRoot = opts.clusterRoot ?? `/pegasus/${clusterName}`;
  const metaServers = Array.from({ length: opts.metaCount ?? 3 }, (_, i) => `127.0.0.1:${34601 + i}`);
  const replicas = Array.from({ length: opts.replicaCount ?? 3 }, (_, i) => `127.0.0.1:${34801 + i}`);
  const unalive = new Set(opts.unalive ?? []);
  const meta: MetaConfig = { hostsList: opts.zkConnect, clusterRoot, lockRoot: opts.lockRoot ?? `${clusterRoot}/lock`, recoverFromReplicaServer: false, functionLevelOnStart: 'steady' };
  const state: ClusterState = {
    version: 1,
    clusterName,
    metaServers,
    metaRunning: metaServers.map(() => true),
    replicaServers: replicas.map((address) => ({ address, alive: !unalive.has(address) })),
    meta,
    level: 'steady',
    recovering: false,
    lastMetaFailure: null,
    clusters: opts.clusters ?? {},
    replicaData: opts.apps ?? defaultApps(replicas),
  };
  mkdirSync(opts.dir, { recursive: true });
  await seedTree(zk, meta.clusterRoot, meta.lockRoot, state.replicaData);
  await takeLeaderLock(zk, meta.lockRoot, metaServers[0]!);
  writeState(opts.dir, state);
  return state;
}

/** Where the compiled stand-in lives (build/pegasus/standIn/main.js), also when run from src/ by tests. */
export function standInEntry(): string {
  return buildFile('pegasus/standIn/main.js');
}

/** The command line a profile's `pegasus.command` should hold for this stand-in cluster. */
export function standInArgv(dir: string, metaList?: string): string[] {
  const state = readState(dir);
  return [process.execPath, standInEntry(), 'shell', '--cluster', metaList ?? state.metaServers.join(','), '--state', path.resolve(dir)];
}

/** Every meta server down (P1 step 3, P2 step 1 for the standbys: pass the indexes). */
export function stopMetas(dir: string, which?: number[]): ClusterState {
  return updateState(dir, (s) => {
    s.metaRunning = s.metaRunning.map((running, i) => (which === undefined || which.includes(i) ? false : running));
    if (leader(s) === null) s.recovering = false;
  });
}

export type MetaStart = { ok: true; recovering: boolean } | { ok: false; failure: string };

/**
 * Starts meta `index` as the real one would read its config: with recover_from_replica_server
 * and an empty tree it waits for `recover`; with the flag and tables present it dies (the
 * CHECK in server_state::initialize_data_structure). The new leader starts at the configured level.
 */
export async function startMeta(dir: string, index: number, lockHolder?: ZkClient): Promise<MetaStart> {
  const before = readState(dir);
  const zk = lockHolder ?? createZkClient({ connectString: before.meta.hostsList });
  try {
    const apps = await readApps(zk, before.meta.clusterRoot);
    if (before.meta.recoverFromReplicaServer && apps !== null && apps.length > 0) {
      const failure = 'find apps from remote storage, but [meta_server].recover_from_replica_server = true';
      updateState(dir, (s) => {
        s.lastMetaFailure = failure;
      });
      return { ok: false, failure };
    }
    const recovering = before.meta.recoverFromReplicaServer && (apps === null || apps.length === 0);
    if (!recovering && apps === null) {
      await ensurePath(zk, before.meta.clusterRoot);
      await zk.create(`${before.meta.clusterRoot}/apps`, Buffer.from('unlock')).catch(() => {});
    }
    const becomesLeader = leader(before) === null;
    if (becomesLeader && lockHolder) await takeLeaderLock(zk, before.meta.lockRoot, before.metaServers[index]!);
    updateState(dir, (s) => {
      s.metaRunning[index] = true;
      s.lastMetaFailure = null;
      if (becomesLeader) {
        s.recovering = recovering;
        s.level = s.meta.functionLevelOnStart;
      }
    });
    return { ok: true, recovering };
  } finally {
    if (!lockHolder) await zk.close();
  }
}

/** Edits the meta servers' config (hosts_list, cluster_root, recover_from_replica_server…). */
export function setMetaConfig(dir: string, patch: Partial<MetaConfig>): ClusterState {
  return updateState(dir, (s) => {
    s.meta = { ...s.meta, ...patch };
  });
}

export function setReplicaAlive(dir: string, address: string, alive: boolean): ClusterState {
  return updateState(dir, (s) => {
    const r = s.replicaServers.find((x) => x.address === address);
    if (!r) throw new Error(`no replica server ${address}`);
    r.alive = alive;
  });
}
