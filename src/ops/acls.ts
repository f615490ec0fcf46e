// ACL comparison for copy and verify: the same entries in any order are the same ACL.
import { permsToString } from '../zk/acl.js';
import type { Acl } from '../zk/types.js';
import { PERM } from '../zk/types.js';

function key(entry: Acl): string {
  return `${entry.scheme}:${entry.id}:${entry.perms}`;
}

export function sameAcl(a: readonly Acl[], b: readonly Acl[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** world:anyone:cdrwa, what a node gets when created without an ACL. */
export function isOpenAcl(acl: readonly Acl[]): boolean {
  return acl.length === 1 && acl[0]!.scheme === 'world' && acl[0]!.id === 'anyone' && acl[0]!.perms === PERM.ALL;
}

/** `digest:ops:x=:cdrwa,world:anyone:r`, for difference reports (ids are hashes, never secrets). */
export function aclText(acl: readonly Acl[]): string {
  return acl.map((e) => `${e.scheme}:${e.id}:${permsToString(e.perms)}`).join(',');
}

export function sameData(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}
