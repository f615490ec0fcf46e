// A node's membership as an operator edits it by hand with static configs (reconfigEnabled=false):
// the `server.N=` lines of its zoo.cfg, and cleaning a data dir for a server brought in on a
// new host (RUNBOOKS Z3: version-2 and zookeeper_server.pid go, myid is written).
//
// Observed on Debian's 3.8.0 with reconfigEnabled=false and the lines in zoo.cfg (no
// dynamicConfigFile): ZooKeeper leaves zoo.cfg untouched (no .bak, no zoo.cfg.dynamic.N,
// ZOOKEEPER-2819), `conf` and `/zookeeper/config` on each server show that server's own file with
// `version=0` (so getConfig answers differ by server while a membership change is rolled out), a
// spare started with the members plus itself follows the leader as a non-voting follower (the
// leader's mntr counts it in zk_synced_non_voting_followers) and can be restarted at will (its
// file is never rewritten, unlike trap 4), and a restarted member whose file lists one more
// server keeps following the old leader; once the leader restarts, the election runs on the new
// lists. A server whose list lacks the current leader ignores it ("Ignoring notification for
// non-cluster member sid N") and stays not serving.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SandboxError } from './errors.js';
import { dataDirPath, serverLineFor, zooCfgPath } from './nodeFiles.js';
import { DEFAULT_ZK_VERSION, type ZkVersion } from './zkVersions.js';

const SERVER_LINE = /^server\.(\d+)=\S+$/;

/** Refuses what ZooKeeper would refuse at start: a malformed line, an id given twice. */
export function checkServerLines(lines: readonly string[]): void {
  if (lines.length === 0) throw new SandboxError('no server lines given');
  const ids = new Set<number>();
  for (const line of lines) {
    const m = SERVER_LINE.exec(line);
    if (!m) throw new SandboxError(`not a server line: ${line} (server.N=host:quorumPort:electionPort:participant;host:clientPort)`);
    const id = Number(m[1]);
    if (ids.has(id)) throw new SandboxError(`server.${id} is given twice`);
    ids.add(id);
  }
}

/** The `server.N=` lines of a node's zoo.cfg, in file order. */
export async function readServerLines(nodeDir: string): Promise<string[]> {
  const text = await fs.readFile(zooCfgPath(nodeDir), 'utf8');
  return text.split('\n').filter((l) => SERVER_LINE.test(l.trim())).map((l) => l.trim());
}

/**
 * Replaces every `server.N=` line of a node's zoo.cfg by `lines` (sorted by id), atomically, in
 * the form the node's `version` reads (3.4: without the `;host:clientPort` part).
 */
export async function writeServerLines(nodeDir: string, given: readonly string[], version: ZkVersion = DEFAULT_ZK_VERSION): Promise<void> {
  checkServerLines(given);
  const lines = given.map((l) => serverLineFor(l, version));
  const file = zooCfgPath(nodeDir);
  const kept = (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '' && !SERVER_LINE.test(l.trim()));
  const byId = [...lines].sort((a, b) => Number(SERVER_LINE.exec(a)![1]) - Number(SERVER_LINE.exec(b)![1]));
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${[...kept, ...byId].join('\n')}\n`);
  await fs.rename(tmp, file);
}

/** Removes what a previous life left in the data dir and writes myid: a fresh server. */
export async function cleanDataDir(nodeDir: string, myid: number): Promise<void> {
  const dataDir = dataDirPath(nodeDir);
  await fs.rm(path.join(dataDir, 'version-2'), { recursive: true, force: true });
  await fs.rm(path.join(dataDir, 'zookeeper_server.pid'), { force: true });
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(path.join(dataDir, 'myid'), `${myid}\n`);
}
