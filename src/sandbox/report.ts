// Human-readable views of a sandbox: the `sandbox up` summary and the `sandbox status` table.
import type { Sandbox } from './ensemble.js';
import { parseConfMembership } from './fourLetterWord.js';
import { serverLineFor } from './nodeFiles.js';
import type { SandboxNode } from './types.js';
import { DEFAULT_ZK_VERSION, nodeVersion } from './zkVersions.js';
import { counted } from '../util/counted.js';

/** `3.8.0` when every node runs it, else each node's (`3.8.0, 3.9.3, 3.9.3`). */
export function versionSummary(nodes: readonly SandboxNode[]): string {
  const versions = nodes.map(nodeVersion);
  return versions.every((v) => v === versions[0]) ? (versions[0] ?? DEFAULT_ZK_VERSION) : versions.map((v, i) => `${nodes[i]!.id}: ${v}`).join(', ');
}

/** What `sandbox up` (and the bare `zkpilot sandbox` banner) prints once the ensemble is ready. */
export function summaryLines(sandbox: Sandbox, leaderId: number | null): string[] {
  const members = sandbox.members.length;
  const spares = sandbox.spares.length;
  const counts = counted(members, 'member') + (spares > 0 ? `, ${counted(spares, 'spare')}` : '');
  const lines = [
    `Sandbox up: ${counts}${leaderId === null ? '' : `, leader is node ${leaderId}`}`,
    `  connect string : ${sandbox.connectString}`,
    `  zookeeper      : ${versionSummary(sandbox.nodes)}`,
    `  state file     : ${sandbox.stateFile}`,
    // A throwaway password for a loopback-only sandbox, shown once on a line that says so.
    `  super user     : addauth digest ${sandbox.superUser}:${sandbox.superPassword}   (sandbox-only credentials)`,
  ];
  const admins = sandbox.nodes.filter((n) => n.adminPort !== undefined);
  if (admins.length > 0) lines.push(`  admin servers  : ${admins.map((n) => `${n.id}: http://${n.host}:${n.adminPort}/commands`).join(', ')}`);
  if (sandbox.membership === 'static') lines.push(`  membership     : static (reconfigEnabled=false, server lines in each zoo.cfg: runbooks Z2/Z3)`);
  for (const spare of sandbox.spares) {
    const label = `spare ${spare.id}`.padEnd('connect string'.length);
    // Static: nothing to add by command; the line goes into every member's zoo.cfg (Z2).
    const how = sandbox.membership === 'static' ? 'zoo.cfg line ' : 'reconfig -add ';
    // A 3.4 server reads its line without the `;host:clientPort` part.
    const line = sandbox.membership === 'static' ? serverLineFor(`server.${spare.id}=${spare.serverSpec}`, nodeVersion(spare)) : `server.${spare.id}=${spare.serverSpec}`;
    lines.push(`  ${label} : ${how}${line}`);
  }
  return lines;
}

/**
 * The Mode column: srvr's mode, with followers outside their own `conf` membership marked
 * non-voting (a spare before `reconfig -add` or a removed server both say `Mode: follower`).
 */
export async function describeMode(sandbox: Sandbox, node: SandboxNode): Promise<string> {
  if (node.status !== 'running') return '-';
  const probe = await sandbox.probe(node.id);
  if (probe === 'not-serving') return 'not serving';
  if (probe === 'no-answer') return 'no answer';
  if (probe !== 'follower') return probe;
  const conf = await sandbox.fourLetterWord(node.id, 'conf').catch(() => '');
  const membership = parseConfMembership(conf);
  // 3.4's conf has no membership block: nothing to tell.
  if (!membership || membership.memberIds.length === 0) return 'follower';
  return membership.memberIds.includes(membership.serverId) ? 'follower' : 'follower (non-voting)';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
}

export async function statusLines(sandbox: Sandbox): Promise<string[]> {
  const nodes = sandbox.nodes;
  const modes = await Promise.all(nodes.map((node) => describeMode(sandbox, node)));
  const rows = [
    ['ID', 'KIND', 'CLIENT', 'PID', 'STATUS', 'MODE', 'VERSION'],
    ...nodes.map((node, i) => [
      String(node.id),
      node.kind,
      `${node.host}:${node.clientPort}`,
      node.pid === null ? '-' : String(node.pid),
      node.status,
      modes[i]!,
      nodeVersion(node),
    ]),
  ];
  return [`Sandbox in ${sandbox.dir}`, `  connect string : ${sandbox.connectString}`, '', ...table(rows)];
}
