// `ls [-a] [-d] [-o file]`: the tables, with health per AVAILABLE table under -d.
import { errorCode, findSection, keyValues, parseSections, tabular } from './sections.js';

export interface AppRow {
  appId: number;
  status: string; // AVAILABLE, CREATING, DROPPING, DROPPED, RECALLING
  appName: string;
  appType: string;
  partitionCount: number;
  replicaCount: number;
  isStateful: boolean;
  createTime: string;
  dropTime: string;
  dropExpire: string;
  envsCount: number;
}

export interface AppHealthRow {
  appId: number;
  appName: string;
  partitionCount: number;
  fullyHealthy: number;
  unhealthy: number;
  writeUnhealthy: number;
  readUnhealthy: number;
}

export interface LsOutput {
  apps: AppRow[];
  health: AppHealthRow[];
  summary: Map<string, string>;
  /** `list apps failed, error=ERR_UNDER_RECOVERY` and the like. */
  error: string | null;
}

export function parseLs(text: string): LsOutput {
  const sections = parseSections(text);
  const apps = tabular(findSection(sections, 'general_info')).rows.map((r) => ({
    appId: Number(r['app_id']),
    status: r['status'] ?? '',
    appName: r['app_name'] ?? '',
    appType: r['app_type'] ?? '',
    partitionCount: Number(r['partition_count']),
    replicaCount: Number(r['replica_count']),
    isStateful: r['is_stateful'] === 'true',
    createTime: r['create_time'] ?? '-',
    dropTime: r['drop_time'] ?? '-',
    dropExpire: r['drop_expire'] ?? '-',
    envsCount: Number(r['envs_count'] ?? 0),
  }));
  const health = tabular(findSection(sections, 'healthy_info')).rows.map((r) => ({
    appId: Number(r['app_id']),
    appName: r['app_name'] ?? '',
    partitionCount: Number(r['partition_count']),
    fullyHealthy: Number(r['fully_healthy']),
    unhealthy: Number(r['unhealthy']),
    writeUnhealthy: Number(r['write_unhealthy']),
    readUnhealthy: Number(r['read_unhealthy']),
  }));
  const summary = keyValues(findSection(sections, 'summary'));
  return { apps, health, summary, error: apps.length === 0 && summary.size === 0 ? errorCode(text) : null };
}

export interface AppListDifference {
  missing: string[]; // in the snapshot, not now
  extra: string[];
  changed: string[]; // same name, different id or partition count
}

/** After a recovery or migration: the same tables (name, id, partition count) as the `ls -o` snapshot. */
export function compareAppLists(before: readonly AppRow[], after: readonly AppRow[]): AppListDifference {
  const key = (a: AppRow): string => `${a.appId}/${a.partitionCount}`;
  const now = new Map(after.map((a) => [a.appName, a]));
  const out: AppListDifference = { missing: [], extra: [], changed: [] };
  for (const a of before) {
    const b = now.get(a.appName);
    if (!b) out.missing.push(a.appName);
    else if (key(a) !== key(b)) out.changed.push(a.appName);
    now.delete(a.appName);
  }
  out.extra.push(...now.keys());
  return out;
}
