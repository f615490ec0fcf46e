// `app NAME [-d]`: one table's partitions (replicas, per-node counts, health).
import { errorCode, findSection, keyValues, parseSections, tabular } from './sections.js';

export interface PartitionRow {
  pidx: number;
  ballot: number;
  replicas: number;
  maxReplicas: number;
  primary: string | null;
  secondaries: string[];
}

export interface AppOutput {
  appName: string | null;
  appId: number | null;
  partitionCount: number | null;
  maxReplicaCount: number | null;
  partitions: PartitionRow[];
  nodes: { node: string; primary: number; secondary: number; total: number }[];
  healthy: Map<string, string>;
  /** `query app X failed, error=ERR_OBJECT_NOT_FOUND` (no such table) and the like. */
  error: string | null;
}

export function parseApp(text: string): AppOutput {
  const sections = parseSections(text);
  const general = keyValues(findSection(sections, 'general'));
  const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
  const partitions = tabular(findSection(sections, 'replicas')).rows.map((r) => {
    const [have, max] = (r['replica_count'] ?? '0/0').split('/');
    const secondaries = (r['secondaries'] ?? '[]').replace(/^\[|\]$/g, '');
    return {
      pidx: Number(r['pidx']),
      ballot: Number(r['ballot']),
      replicas: Number(have),
      maxReplicas: Number(max),
      primary: r['primary'] && r['primary'] !== '-' ? r['primary'] : null,
      secondaries: secondaries ? secondaries.split(',') : [],
    };
  });
  const nodes = tabular(findSection(sections, 'nodes')).rows.map((r) => ({
    node: r['node'] ?? '',
    primary: Number(r['primary']),
    secondary: Number(r['secondary']),
    total: Number(r['total']),
  }));
  return {
    appName: general.get('app_name') ?? null,
    appId: num(general.get('app_id')),
    partitionCount: num(general.get('partition_count')),
    maxReplicaCount: num(general.get('max_replica_count')),
    partitions,
    nodes,
    healthy: keyValues(findSection(sections, 'healthy')),
    error: general.size === 0 ? errorCode(text) : null,
  };
}
