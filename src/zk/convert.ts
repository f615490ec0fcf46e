// Conversions between the binding's shapes and ours (stats, ACLs, create modes, connect strings).

import type { NativeAcl, NativeStat } from './native.js';
import { CREATE_FLAGS } from './native.js';
import { PERM, type Acl, type CreateMode, type Stat } from './types.js';

export function toStat(native: NativeStat): Stat {
  return {
    czxid: native.czxid,
    mzxid: native.mzxid,
    pzxid: native.pzxid,
    ctime: native.ctime instanceof Date ? native.ctime.getTime() : Number(native.ctime),
    mtime: native.mtime instanceof Date ? native.mtime.getTime() : Number(native.mtime),
    version: native.version,
    cversion: native.cversion,
    aversion: native.aversion,
    ephemeralOwner: String(native.ephemeralOwner).toLowerCase(),
    dataLength: native.dataLength,
    numChildren: native.numChildren,
  };
}

export function fromNativeAcl(acl: readonly NativeAcl[]): Acl[] {
  return acl.map((entry) => ({ scheme: entry.scheme, id: entry.auth, perms: entry.perms }));
}

export function toNativeAcl(acl: readonly Acl[]): NativeAcl[] {
  return acl.map((entry) => ({ scheme: entry.scheme, auth: entry.id, perms: entry.perms }));
}

export function isOpenAclUnsafe(acl: readonly Acl[]): boolean {
  return acl.length === 1 && acl[0]!.scheme === 'world' && acl[0]!.id === 'anyone' && acl[0]!.perms === PERM.ALL;
}

export function createFlags(mode: CreateMode): number | undefined {
  return Object.prototype.hasOwnProperty.call(CREATE_FLAGS, mode) ? CREATE_FLAGS[mode] : undefined;
}

export function isSequentialMode(mode: CreateMode): boolean {
  return mode === 'persistent_sequential' || mode === 'ephemeral_sequential' || mode === 'persistent_sequential_with_ttl';
}

export function isTtlMode(mode: CreateMode): boolean {
  return mode === 'persistent_with_ttl' || mode === 'persistent_sequential_with_ttl';
}

/** The binding passes the TTL as a signed 32-bit int, so that is the longest TTL it can send. */
export const MAX_TTL_MS = 2 ** 31 - 1;

/**
 * The C client rejects a host without a port (Java defaults it to 2181): add the default so
 * `-server localhost` works as in zkCli. The chroot suffix is kept as is.
 */
export function normalizeConnectString(connectString: string, defaultPort = 2181): string {
  const slash = connectString.indexOf('/');
  const hosts = slash < 0 ? connectString : connectString.slice(0, slash);
  const chroot = slash < 0 ? '' : connectString.slice(slash);
  const withPorts = hosts
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '')
    .map((host) => {
      if (host.startsWith('[')) return /\]:\d+$/.test(host) ? host : `${host}:${defaultPort}`;
      const colons = host.split(':').length - 1;
      return colons === 0 ? `${host}:${defaultPort}` : host;
    });
  return withPorts.join(',') + chroot;
}
