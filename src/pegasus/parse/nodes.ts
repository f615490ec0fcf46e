// `nodes [-d] [-o file]` (and its -j form): replica servers with status and replica counts.
// With -o the file holds everything, a [parameters] table included (its out_file line differs
// between two snapshots: compare rows, never whole files — the trap of pegasus_migrate_zookeeper.sh).
import { errorCode, findSection, keyValues, parseSections, tabular } from './sections.js';

export type NodeStatus = 'ALIVE' | 'UNALIVE';

export interface NodeRow {
  address: string;
  status: NodeStatus;
  /** Present with -d. */
  replicaCount?: number;
  primaryCount?: number;
  secondaryCount?: number;
}

export interface NodesOutput {
  nodes: NodeRow[];
  summary: { total: number; alive: number; unalive: number } | null;
  /** [parameters] (status, out_file) when -s or -o was given. */
  parameters: Map<string, string>;
  /** `list nodes failed, error=ERR_…`. */
  error: string | null;
}

const ADDRESS = /^\S+:\d+$/;

export function parseNodes(text: string): NodesOutput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return parseNodesJson(trimmed);
  const sections = parseSections(text);
  const details = tabular(findSection(sections, 'details'));
  const nodes: NodeRow[] = [];
  for (const row of details.rows) {
    const status = row['status'];
    if (!ADDRESS.test(row['address'] ?? '') || (status !== 'ALIVE' && status !== 'UNALIVE')) continue;
    nodes.push(withCounts({ address: row['address']!, status }, row));
  }
  const summary = keyValues(findSection(sections, 'summary'));
  return {
    nodes,
    summary: summaryOf(summary),
    parameters: keyValues(findSection(sections, 'parameters')),
    error: nodes.length === 0 && summary.size === 0 ? errorCode(text) : null,
  };
}

function withCounts(node: NodeRow, row: Record<string, string>): NodeRow {
  const num = (k: string): number | undefined => (row[k] !== undefined && row[k] !== '' ? Number(row[k]) : undefined);
  const replicaCount = num('replica_count');
  if (replicaCount === undefined) return node;
  return { ...node, replicaCount, primaryCount: num('primary_count'), secondaryCount: num('secondary_count') };
}

function summaryOf(kv: Map<string, string>): NodesOutput['summary'] {
  if (!kv.has('total_node_count')) return null;
  return { total: Number(kv.get('total_node_count')), alive: Number(kv.get('alive_node_count')), unalive: Number(kv.get('unalive_node_count')) };
}

/** `nodes -d -j`: {"details": {"addr": {"address":…, "status":…}}, "summary": {…}}. */
function parseNodesJson(text: string): NodesOutput {
  let doc: Record<string, Record<string, unknown>>;
  try {
    doc = JSON.parse(text) as Record<string, Record<string, unknown>>;
  } catch {
    return { nodes: [], summary: null, parameters: new Map(), error: errorCode(text) };
  }
  const nodes: NodeRow[] = [];
  for (const value of Object.values(doc['details'] ?? {})) {
    const row = value as Record<string, string>;
    if (row['status'] !== 'ALIVE' && row['status'] !== 'UNALIVE') continue;
    nodes.push(withCounts({ address: row['address']!, status: row['status'] }, row));
  }
  nodes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const summary = new Map(Object.entries((doc['summary'] ?? {}) as Record<string, string>));
  const parameters = new Map(Object.entries((doc['parameters'] ?? {}) as Record<string, string>));
  return { nodes, summary: summaryOf(summary), parameters, error: null };
}

/** The node rows as `address status replica_count` lines: what "equal to the snapshot" means. */
export function nodeRowsKey(nodes: readonly NodeRow[]): string {
  return nodes.map((n) => `${n.address} ${n.status} ${n.replicaCount ?? ''}`.trimEnd()).join('\n');
}
