// `node upgrade ID VERSION`: what changes on disk when a node moves to another ZooKeeper build.
// The data dir stays as it is (that is the point); the node's zoo.cfg changes only when the
// config format does: 3.4 → 3.5+ gains what 3.5+ needs (the 4lw whitelist, reconfigEnabled=false,
// standaloneEnabled=false, no admin server). Not `snapshot.trust.empty=true`: a rehearsal must
// meet what a real upgrade meets, and a 3.4 data dir with logs but no snapshot makes 3.5+ refuse to
// start ("No snapshot found, but there are log entries", ZOOKEEPER-3056) — Z1 checks for it first.
// 3.8 ↔ 3.9 read the same files, ZooKeeper's own rewritten dynamic config included.
import { promises as fs } from 'node:fs';
import { SandboxError } from './errors.js';
import { zooCfgPath } from './nodeFiles.js';
import { checkZkVersion, hasDynamicConfig, type ZkVersion } from './zkVersions.js';
import type { SandboxMembership } from './types.js';

const FROM_34_LINES = [
  '4lw.commands.whitelist=*',
  'reconfigEnabled=false',
  'standaloneEnabled=false',
  'admin.enableServer=false',
];

/** The target version, or one line why the sandbox will not move this node there. */
export function checkUpgrade(id: number, from: ZkVersion, to: string, membership: SandboxMembership): ZkVersion {
  const version = checkZkVersion(to);
  if (version === from) throw new SandboxError(`node ${id} already runs ZooKeeper ${version}`);
  if (!hasDynamicConfig(version)) {
    if (membership === 'dynamic') {
      throw new SandboxError(`ZooKeeper ${version} has no dynamic reconfiguration (no reconfigEnabled): this sandbox's membership is dynamic`);
    }
    if (hasDynamicConfig(from)) {
      throw new SandboxError(`node ${id} runs ZooKeeper ${from}: the sandbox does not take a node back to ${version} (it cannot read a 3.5+ configuration)`);
    }
  }
  return version;
}

/** Rewrites the node's zoo.cfg for `to` when the format changes (3.4 → 3.5+). */
export async function adaptZooCfg(nodeDir: string, from: ZkVersion, to: ZkVersion): Promise<void> {
  if (hasDynamicConfig(from) || !hasDynamicConfig(to)) return;
  const file = zooCfgPath(nodeDir);
  const lines = (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const keys = new Set(lines.map((l) => l.split('=')[0]!.trim()));
  const added = FROM_34_LINES.filter((l) => !keys.has(l.split('=')[0]!));
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${[...added, ...lines].join('\n')}\n`);
  await fs.rename(tmp, file);
}
