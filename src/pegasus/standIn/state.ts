// The stand-in cluster's state file (cluster.json): what the real cluster keeps in its meta
// servers' config files (config.ini: cluster_root, hosts_list, recover_from_replica_server), in
// the leader meta's memory (function level, recovery mode) and on its replica servers (which
// partitions each holds: what `recover` collects). Apps and partitions themselves live in the
// real ZooKeeper tree under cluster_root, as in a real cluster.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Level = 'stopped' | 'blind' | 'freezed' | 'steady' | 'lively';

/** A table as the replica servers know it (app_info fields plus each partition's replica holders). */
export interface ReplicaApp {
  appId: number;
  appName: string;
  partitionCount: number;
  maxReplicaCount: number;
  envs: Record<string, string>;
  createSecond: number;
  status: 'AVAILABLE' | 'DROPPED';
  dropSecond?: number;
  expireSecond?: number;
  /** partitions[pidx] = [primary, ...secondaries] (addresses). */
  partitions: string[][];
}

export interface MetaConfig {
  /** [zookeeper] hosts_list. */
  hostsList: string;
  /** [meta_server] cluster_root. */
  clusterRoot: string;
  /** [meta_server] distributed_lock_service_parameters. */
  lockRoot: string;
  /** [meta_server] recover_from_replica_server. */
  recoverFromReplicaServer: boolean;
  /** [meta_server] meta_function_level_on_start. */
  functionLevelOnStart: Level;
}

export interface ClusterState {
  version: 1;
  clusterName: string;
  metaServers: string[];
  /** Which meta servers run; the first running one is the leader. */
  metaRunning: boolean[];
  replicaServers: { address: string; alive: boolean }[];
  meta: MetaConfig;
  /** The leader's runtime state: function level, and whether it waits for `recover`. */
  level: Level;
  recovering: boolean;
  /** Why the last meta start failed (the real meta coredumps), shown by the sandbox. */
  lastMetaFailure: string | null;
  /** [pegasus.clusters] of the shell's config: other clusters for copy_data. */
  clusters: Record<string, string>;
  replicaData: ReplicaApp[];
}

export const STATE_FILE = 'cluster.json';

export function stateFile(dir: string): string {
  return path.join(dir, STATE_FILE);
}

export function readState(dir: string): ClusterState {
  return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as ClusterState;
}

/** Atomic: a shell reading concurrently sees the old state or the new one, never half of it. */
export function writeState(dir: string, state: ClusterState): void {
  const file = stateFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

export function updateState(dir: string, change: (state: ClusterState) => void): ClusterState {
  const state = readState(dir);
  change(state);
  writeState(dir, state);
  return state;
}

/** The running meta with the lowest index (the lock holder), or null when all are stopped. */
export function leader(state: ClusterState): string | null {
  const i = state.metaRunning.findIndex((running) => running);
  return i < 0 ? null : state.metaServers[i]!;
}
