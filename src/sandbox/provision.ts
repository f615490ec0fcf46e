// Lays a new sandbox out on disk — directory, ports, per-node files, state file — without
// starting anything. On failure it undoes its own work.
import { SandboxError } from './errors.js';
import { checkZooKeeperInstalled, HOST, nodeDir, serverSpec, writeLog4jConfig, writeNodeFiles } from './nodeFiles.js';
import { allocatePorts, releasePorts } from './ports.js';
import { prepareDir, removeSandboxFiles } from './sandboxDir.js';
import { writeState } from './stateFile.js';
import { superDigest } from './superDigest.js';
import type { SandboxNode, SandboxOptions, SandboxState } from './types.js';
import { ensureBuild } from './zkBuilds.js';
import { hasDynamicConfig, membershipFor, resolveVersions, type ZkVersion } from './zkVersions.js';

export const DEFAULT_SUPER_USER = 'super';
// Not a word that appears in output: once `addauth` registers it as a secret, every occurrence
// is masked (the product's own name was, when this was 'zkpilot').
export const DEFAULT_SUPER_PASSWORD = 'rehearsal-only-7f3c';

function wholeNumber(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new SandboxError(`${name} must be a whole number ≥ ${min}, got ${value}`);
  }
  return value;
}

/**
 * Members get ids 1..n and spares the ids after them; each node takes 3 consecutive ports, and
 * with `adminPorts` each 3.5+ node one more after all of those (3.4 has no AdminServer).
 */
function layoutNodes(dir: string, members: number, spares: number, ports: number[], versions: ZkVersion[], adminPorts: number[]): SandboxNode[] {
  const admin = [...adminPorts];
  return Array.from({ length: members + spares }, (_, i): SandboxNode => {
    const [clientPort, quorumPort, electionPort] = ports.slice(3 * i, 3 * i + 3) as [number, number, number];
    const address = { host: HOST, clientPort, quorumPort, electionPort };
    const id = i + 1;
    const adminPort = admin.length > 0 && hasDynamicConfig(versions[i]!) ? admin.shift() : undefined;
    return {
      id,
      kind: id <= members ? 'member' : 'spare',
      ...address,
      dir: nodeDir(dir, id),
      pid: null,
      status: 'stopped',
      serverSpec: serverSpec(address),
      zkVersion: versions[i]!,
      ...(adminPort !== undefined ? { adminPort } : {}),
    };
  });
}

export async function provisionSandbox(opts: SandboxOptions): Promise<SandboxState> {
  const memberCount = wholeNumber(opts.nodes ?? 3, 'nodes', 1);
  const spareCount = wholeNumber(opts.spares ?? 0, 'spares', 0);
  const versions = resolveVersions(opts.zkVersions, memberCount + spareCount);
  if (opts.membership !== undefined && opts.membership !== 'dynamic' && opts.membership !== 'static') {
    throw new SandboxError(`membership must be dynamic or static, got ${String(opts.membership)}`);
  }
  const membership = membershipFor(versions, opts.membership);
  checkZooKeeperInstalled();
  // Before any directory or port is taken: a build that cannot be fetched leaves nothing behind.
  for (const version of new Set(versions)) await ensureBuild(version, { progress: opts.progress });
  const { dir, ownsDir } = await prepareDir(opts.dir);
  let ports: number[] = [];
  try {
    const adminCount = opts.adminServer ? versions.filter(hasDynamicConfig).length : 0;
    ports = await allocatePorts(3 * (memberCount + spareCount) + adminCount, dir);
    const nodes = layoutNodes(dir, memberCount, spareCount, ports.slice(0, 3 * (memberCount + spareCount)), versions, ports.slice(3 * (memberCount + spareCount)));
    const members = nodes.filter((n) => n.kind === 'member');
    await writeLog4jConfig(dir);
    for (const node of nodes) {
      // A spare knows the members plus itself as participant: the members ignore it until
      // `reconfig -add` (dynamic) or until their own zoo.cfg lists it (static), and no two spares
      // share a config, so spares can never form a quorum of their own (zk-operations.md §5
      // "Adding servers").
      await writeNodeFiles(node, node.kind === 'member' ? members : [...members, node], {
        membership,
        version: node.zkVersion,
        sessionTimeoutMs: opts.sessionTimeoutMs,
        extraConfig: opts.extraConfig,
        nodeConfig: opts.nodeConfig?.[node.id],
      });
    }
    const superUser = opts.superUser ?? DEFAULT_SUPER_USER;
    const superPassword = opts.superPassword ?? DEFAULT_SUPER_PASSWORD;
    const state: SandboxState = {
      version: 1,
      dir,
      ownsDir,
      createdAt: new Date().toISOString(),
      superUser,
      superPassword,
      superDigest: superDigest(superUser, superPassword),
      membership,
      ...(opts.heapMb !== undefined ? { heapMb: opts.heapMb } : {}),
      nodes,
    };
    await writeState(state);
    return state;
  } catch (err) {
    await releasePorts(ports, dir);
    await removeSandboxFiles(dir, ownsDir, Array.from({ length: memberCount + spareCount }, (_, i) => i + 1));
    throw err;
  }
}
