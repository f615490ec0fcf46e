// recover_node_list, derived from a `nodes -d -o nodes.list` snapshot: the addresses of the
// ALIVE rows only. The seed's `grep ALIVE nodes.list | awk '{print $1}'` also matches UNALIVE
// rows (and would put dead nodes in the list, failing the recovery with ERR_TRY_AGAIN); we read
// the status column exactly. The content is shown to the operator before it is written.
import type { NodeRow } from './parse/nodes.js';

export interface RecoverNodeList {
  alive: string[];
  /** UNALIVE rows left out: the operator must know which nodes the recovery will not ask. */
  excluded: string[];
  /** The file as recover -f reads it: one ip:port per line. */
  content: string;
}

export function recoverNodeList(nodes: readonly NodeRow[]): RecoverNodeList {
  const alive = nodes.filter((n) => n.status === 'ALIVE').map((n) => n.address);
  const excluded = nodes.filter((n) => n.status !== 'ALIVE').map((n) => n.address);
  return { alive, excluded, content: alive.map((a) => `${a}\n`).join('') };
}

/** What the seed's `grep ALIVE` would have produced: kept only to say how it differs. */
export function seedGrepAlive(fileText: string): string[] {
  return fileText
    .split('\n')
    .filter((l) => l.includes('ALIVE'))
    .map((l) => l.trim().split(/\s+/)[0]!)
    .filter((a) => a.length > 0);
}
