// The ZooKeeper layout a Pegasus meta server keeps (reference §6): `<cluster_root>/apps` (data
// `unlock`), `apps/<id>` (compact JSON app_info), `apps/<id>/<pidx>` (partition_configuration),
// `bulk_load`, and the leader lock `<lock_root>/dsn.meta.server.leader/LOCKNODE<seq>`
// (ephemeral sequential, data host:port). JSON in the v2.5.0 field order, bools as 1/0.
import { ZkError, type ZkClient } from '../../zk/types.js';
import type { ReplicaApp } from './state.js';

export interface AppInfo {
  status: string; // app_status::AS_AVAILABLE
  app_type: string;
  app_name: string;
  app_id: number;
  partition_count: number;
  envs: Record<string, string>;
  is_stateful: number | boolean;
  max_replica_count: number;
  expire_second: number;
  create_second: number;
  drop_second: number;
  duplicating?: number | boolean;
  init_partition_count?: number;
  is_bulk_loading?: number | boolean;
}

export interface PartitionConfig {
  pid: string; // "app.pidx"
  ballot: number;
  max_replica_count: number;
  primary: string; // "invalid address" when none
  secondaries: string[];
  last_drops: string[];
  last_committed_decree: number;
  partition_flags: number;
}

export const NO_ADDRESS = 'invalid address';

export function appInfoJson(app: ReplicaApp): string {
  const info: AppInfo = {
    status: `app_status::AS_${app.status}`,
    app_type: 'pegasus',
    app_name: app.appName,
    app_id: app.appId,
    partition_count: app.partitionCount,
    envs: app.envs,
    is_stateful: 1,
    max_replica_count: app.maxReplicaCount,
    expire_second: app.expireSecond ?? 0,
    create_second: app.createSecond,
    drop_second: app.dropSecond ?? 0,
    duplicating: 0,
    init_partition_count: app.partitionCount,
    is_bulk_loading: 0,
  };
  return JSON.stringify(info);
}

export function partitionJson(app: ReplicaApp, pidx: number, holders: readonly string[], ballot = 3): string {
  const config: PartitionConfig = {
    pid: `${app.appId}.${pidx}`,
    ballot,
    max_replica_count: app.maxReplicaCount,
    primary: holders[0] ?? NO_ADDRESS,
    secondaries: holders.slice(1),
    last_drops: [],
    last_committed_decree: 0,
    partition_flags: app.status === 'DROPPED' ? 1 : 0,
  };
  return JSON.stringify(config);
}

async function createIfMissing(zk: ZkClient, path: string, data: string): Promise<void> {
  try {
    await zk.create(path, Buffer.from(data));
  } catch (e) {
    if (!(e instanceof ZkError && e.code === 'NodeExists')) throw e;
  }
}

/** `/a/b/c` and each ancestor, created empty ("each slice at a time", remote_storage_initialize). */
export async function ensurePath(zk: ZkClient, path: string): Promise<void> {
  const parts = path.split('/').filter((p) => p.length > 0);
  for (let i = 1; i <= parts.length; i++) await createIfMissing(zk, `/${parts.slice(0, i).join('/')}`, '');
}

/** Writes the apps and partitions as a meta server would (recover uses it with the collected holders). */
export async function writeApps(zk: ZkClient, clusterRoot: string, apps: readonly ReplicaApp[], ballot = 3): Promise<void> {
  await ensurePath(zk, clusterRoot);
  await createIfMissing(zk, `${clusterRoot}/apps`, 'unlock');
  for (const app of apps) {
    await zk.create(`${clusterRoot}/apps/${app.appId}`, Buffer.from(appInfoJson(app)));
    await Promise.all(app.partitions.map((holders, pidx) => zk.create(`${clusterRoot}/apps/${app.appId}/${pidx}`, Buffer.from(partitionJson(app, pidx, holders, ballot)))));
  }
}

/** The whole §6 seed: apps, partitions, bulk_load and the lock directory (not the lock itself). */
export async function seedTree(zk: ZkClient, clusterRoot: string, lockRoot: string, apps: readonly ReplicaApp[]): Promise<void> {
  await writeApps(zk, clusterRoot, apps);
  await createIfMissing(zk, `${clusterRoot}/bulk_load`, '');
  await ensurePath(zk, `${lockRoot}/dsn.meta.server.leader`);
}

/** The leader's lock node, held by `zk`'s session (ephemeral): gone when that session ends. */
export async function takeLeaderLock(zk: ZkClient, lockRoot: string, meta: string): Promise<string> {
  await ensurePath(zk, `${lockRoot}/dsn.meta.server.leader`);
  return zk.create(`${lockRoot}/dsn.meta.server.leader/LOCKNODE`, Buffer.from(meta), { mode: 'ephemeral_sequential' });
}

export interface StoredApp {
  info: AppInfo;
  partitions: PartitionConfig[];
}

/** Reads `<root>/apps` back (null when the node is missing: a new, empty ZooKeeper). */
export async function readApps(zk: ZkClient, clusterRoot: string): Promise<StoredApp[] | null> {
  let ids: string[];
  try {
    ids = (await zk.getChildren(`${clusterRoot}/apps`)).children;
  } catch (e) {
    if (e instanceof ZkError && e.code === 'NoNode') return null;
    throw e;
  }
  const apps = await Promise.all(
    ids.filter((id) => /^\d+$/.test(id)).map(async (id) => {
      const base = `${clusterRoot}/apps/${id}`;
      const info = JSON.parse((await zk.get(base)).data?.toString('utf8') ?? '{}') as AppInfo;
      const kids = (await zk.getChildren(base)).children.filter((k) => /^\d+$/.test(k));
      const partitions = await Promise.all(kids.map(async (k) => JSON.parse((await zk.get(`${base}/${k}`)).data?.toString('utf8') ?? '{}') as PartitionConfig));
      partitions.sort((a, b) => pidxOf(a) - pidxOf(b));
      return { info, partitions };
    }),
  );
  return apps.sort((a, b) => a.info.app_id - b.info.app_id);
}

export function pidxOf(p: PartitionConfig): number {
  return Number(p.pid.split('.')[1]);
}

/** `app_status::AS_AVAILABLE` → `AVAILABLE`. */
export function statusName(info: AppInfo): string {
  return info.status.replace(/^.*AS_/, '');
}
