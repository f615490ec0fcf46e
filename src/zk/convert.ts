// Conversions between the binding's shapes and ours (stats, ACLs, create modes, connect strings).

import type { NativeAcl, NativeMultiOp, NativeStat } from './native.js';
import { CREATE_FLAGS } from './native.js';
import { PERM, type Acl, type CreateMode, type MultiOp, type MultiOutcome, type Stat } from './types.js';

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

/** Op codes of the C client's multi (ZOO_CREATE_OP, ZOO_DELETE_OP, ZOO_SETDATA_OP, ZOO_CHECK_OP). */
const MULTI_OP_TYPES = { create: 1, delete: 2, set: 5, check: 13 } as const;

/** Our multi ops in the addon's shape; ACL entries name the permission `perm`, as it reads them. */
export function toNativeMultiOps(ops: readonly MultiOp[]): NativeMultiOp[] {
  return ops.map((o) => {
    const type = MULTI_OP_TYPES[o.op];
    switch (o.op) {
      case 'create':
        return {
          type,
          path: o.path,
          data: o.data,
          flags: createFlags(o.mode ?? 'persistent') ?? 0,
          acl: o.acl?.map((a) => ({ perm: a.perms, scheme: a.scheme, auth: a.id })),
        };
      case 'set':
        return { type, path: o.path, data: o.data, version: o.version ?? -1 };
      case 'delete':
        return { type, path: o.path, version: o.version ?? -1 };
      case 'check':
        return { type, path: o.path, version: o.version };
    }
  });
}

/** The addon's multi completion in our shape (results may be missing when nothing was sent). */
export function fromNativeMulti(rc: number, results: readonly { err: number; path?: string }[] | null, count: number): MultiOutcome {
  const list = results ?? [];
  return {
    rc,
    results: Array.from({ length: count }, (_, i) => {
      const r = list[i];
      if (r === undefined) return { rc: rc === 0 ? -2 : rc };
      return r.path !== undefined && r.err === 0 ? { rc: 0, path: r.path } : { rc: r.err };
    }),
  };
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
