// `cluster_info`: the meta's view of the cluster; P2 reads zookeeper_root and the level here.
import { errorCode, findSection, keyValues, parseSections } from './sections.js';

export interface ClusterInfo {
  /** Every key in the meta's order (v2.5.0: meta_servers … cluster_name). */
  values: Map<string, string>;
  metaServers: string[];
  primaryMetaServer: string | null;
  zookeeperHosts: string | null;
  zookeeperRoot: string | null;
  /** Without the `fl_` prefix: stopped, blind, freezed, steady, lively. */
  metaFunctionLevel: string | null;
  clusterName: string | null;
  error: string | null;
}

export function parseClusterInfo(text: string): ClusterInfo {
  let values: Map<string, string>;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const doc = JSON.parse(trimmed) as Record<string, Record<string, string>>;
      values = new Map(Object.entries(doc['cluster_info'] ?? {}));
    } catch {
      values = new Map();
    }
  } else {
    values = keyValues(findSection(parseSections(text), 'cluster_info'));
  }
  const get = (k: string): string | null => (values.get(k) ?? '') || null;
  return {
    values,
    metaServers: (get('meta_servers') ?? '').split(',').filter((s) => s.length > 0),
    primaryMetaServer: get('primary_meta_server'),
    zookeeperHosts: get('zookeeper_hosts'),
    zookeeperRoot: get('zookeeper_root'),
    metaFunctionLevel: get('meta_function_level'),
    clusterName: get('cluster_name'),
    error: values.size === 0 ? errorCode(text) : null,
  };
}
