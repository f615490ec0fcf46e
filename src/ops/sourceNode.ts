// One node as a tree copy carries it from a source (a ZooKeeper tree or a backup file) to a target
// (a ZooKeeper tree or a backup file), and the one way a ZooKeeper source node is read: every
// reader (copy's walk, the ordered walk behind backups and file verifies) skips the same nodes.
import type { Acl, Stat } from '../zk/types.js';
import { isZkCode, type WindowedClient } from './windowedClient.js';

export interface TreeNode {
  /** Path below the source root: '' for the root itself, `a/b` below it. */
  rel: string;
  data: Buffer | null;
  /** null when ACLs were not read (--no-acl). */
  acl: Acl[] | null;
  stat: Stat;
  /** Children were listed on the source (ephemeral ones included): the node is closed after them. */
  hasChildren: boolean;
  /** Highest sequential suffix among the children listed on the source (ephemerals too), -1 when none. */
  maxSeq: number;
}

export interface SourceRead {
  data: Buffer | null;
  acl: Acl[] | null;
  stat: Stat;
  ephemeral: boolean;
  children: string[];
}

/** Data, ACL and children of a source node; null when it vanished meanwhile. */
export async function readSourceNode(src: WindowedClient, path: string, acls: boolean): Promise<SourceRead | null> {
  try {
    const [got, acl] = await Promise.all([src.get(path), acls ? src.getAcl(path) : Promise.resolve(null)]);
    const ephemeral = got.stat.ephemeralOwner !== '0';
    let children: string[] = [];
    if (!ephemeral && got.stat.numChildren > 0) {
      children = (await src.getChildren(path)).children;
      // ZooKeeper's own subtree is the server's business, never data to copy.
      if (path === '/') children = children.filter((c) => c !== 'zookeeper');
    }
    return { data: got.data, acl: acl?.acl ?? null, ephemeral, children, stat: got.stat };
  } catch (e) {
    if (isZkCode(e, 'NoNode')) return null;
    throw e;
  }
}

/** Java's sequential suffix: %010d. */
const SEQUENTIAL_NAME = /\d{10}$/;

export function highestSequence(names: readonly string[]): number {
  let max = -1;
  for (const name of names) {
    const m = SEQUENTIAL_NAME.exec(name);
    if (m) max = Math.max(max, Number(m[0]));
  }
  return max;
}

/**
 * The next sequential suffix: children ever created. cversion counts creates and deletes,
 * numChildren creates minus deletes, so creates = (cversion + numChildren) / 2.
 */
export function nextSequence(stat: Stat): number {
  return Math.floor((stat.cversion + stat.numChildren) / 2);
}

/** `root` + `a/b` → `/root/a/b` (the root itself for ''). */
export function joinRel(root: string, rel: string): string {
  if (rel === '') return root;
  return root === '/' ? `/${rel}` : `${root}/${rel}`;
}

/** `a/b` + `c` → `a/b/c`. */
export function childRel(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/**
 * The order of a sorted depth-first walk (a node, then each child's subtree, children by name):
 * the order of every backup file and of the walk that reads a tree to compare with one, so two
 * such streams can be merged with nothing held but the current node of each.
 */
export function compareRel(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  const left = a.split('/');
  const right = b.split('/');
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}
