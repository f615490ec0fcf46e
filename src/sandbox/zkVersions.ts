// The ZooKeeper builds the sandbox runs: Debian's own, one per release line operators meet.
// 3.8.0 is bookworm's `zookeeper` package, installed on the machine; 3.4.13 (bullseye) and 3.9.3
// (trixie) are `libzookeeper-java` packages fetched on first use (zkBuilds.ts). All three run on
// Java 17 with bookworm's library jars from /usr/share/java.
import { SandboxError } from './errors.js';
import type { SandboxNode } from './types.js';

export const ZK_VERSIONS = ['3.4.13', '3.8.0', '3.9.3'] as const;
export type ZkVersion = (typeof ZK_VERSIONS)[number];
export const DEFAULT_ZK_VERSION: ZkVersion = '3.8.0';

export interface ZkBuildSpec {
  version: ZkVersion;
  /** The Debian suite whose package carries this version. */
  suite: 'bullseye' | 'bookworm' | 'trixie';
  /** Debian's package version starts with this (`3.9.3-1+deb13u1`). */
  debianPrefix: string;
  /** Installed with the machine's `zookeeper` package: never fetched. */
  system: boolean;
  /**
   * 3.5+: dynamic reconfiguration, `reconfigEnabled`, `standaloneEnabled`, `dynamicConfigFile`,
   * `4lw.commands.whitelist`, the admin server, and the client address in the server lines.
   * 3.4 has none of them: static membership, `clientPort` in zoo.cfg, every 4lw allowed.
   */
  dynamic: boolean;
  /**
   * The build's own jars (in its java dir), in classpath order. 3.9.3's jute must come before
   * its zookeeper jar: that jar's manifest Class-Path names /usr/share/java/zookeeper-jute.jar,
   * bookworm's 3.8 jute, and with it first every session dies with
   * `NoSuchMethodError: ConnectRequest.setReadOnly`.
   */
  ownJars: string[];
  /** Jars from /usr/share/java after the build's own (3.4's manifest names no slf4j-api). */
  systemJars: string[];
}

// slf4j binding + log4j: without them ZooKeeper logs nothing (slf4j NOP) and server.log is empty.
const LOGGING = ['slf4j-log4j12.jar', 'log4j-1.2.jar'];

export const ZK_BUILDS: Record<ZkVersion, ZkBuildSpec> = {
  '3.4.13': {
    version: '3.4.13', suite: 'bullseye', debianPrefix: '3.4.13-', system: false, dynamic: false,
    ownJars: ['zookeeper-3.4.13.jar'], systemJars: ['slf4j-api.jar', ...LOGGING],
  },
  '3.8.0': {
    version: '3.8.0', suite: 'bookworm', debianPrefix: '3.8.0-', system: true, dynamic: true,
    ownJars: ['zookeeper.jar'], systemJars: LOGGING,
  },
  '3.9.3': {
    version: '3.9.3', suite: 'trixie', debianPrefix: '3.9.3-', system: false, dynamic: true,
    ownJars: ['zookeeper-jute-3.9.3.jar', 'zookeeper-3.9.3.jar'], systemJars: LOGGING,
  },
};

export function isZkVersion(value: string): value is ZkVersion {
  return (ZK_VERSIONS as readonly string[]).includes(value);
}

export function unsupportedVersion(value: string): string {
  return `ZooKeeper ${value} is not available in the sandbox (supported: ${ZK_VERSIONS.join(', ')})`;
}

export function checkZkVersion(value: string): ZkVersion {
  if (!isZkVersion(value)) throw new SandboxError(unsupportedVersion(value));
  return value;
}

/** The version a node runs; state files written before versions existed mean 3.8.0. */
export function nodeVersion(node: Pick<SandboxNode, 'zkVersion'>): ZkVersion {
  return node.zkVersion ?? DEFAULT_ZK_VERSION;
}

export function hasDynamicConfig(version: ZkVersion): boolean {
  return ZK_BUILDS[version].dynamic;
}

/**
 * One version per server: none means all 3.8.0, one means all of that one, otherwise exactly one
 * per server (members first, then spares).
 */
export function resolveVersions(given: readonly string[] | undefined, servers: number): ZkVersion[] {
  const list = (given ?? []).map(checkZkVersion);
  if (list.length === 0) return Array.from({ length: servers }, () => DEFAULT_ZK_VERSION);
  if (list.length === 1) return Array.from({ length: servers }, () => list[0]!);
  if (list.length !== servers) {
    throw new SandboxError(`${list.length} ZooKeeper versions given for ${servers} servers: give one, or one per server (members first, then spares)`);
  }
  return list;
}

/** Static unless asked otherwise when a 3.4 server is in; dynamic with one is refused. */
export function membershipFor(versions: readonly ZkVersion[], asked: 'dynamic' | 'static' | undefined): 'dynamic' | 'static' {
  const legacy = versions.find((v) => !hasDynamicConfig(v));
  if (legacy === undefined) return asked ?? 'dynamic';
  if (asked === 'dynamic') {
    throw new SandboxError(`ZooKeeper ${legacy} has no dynamic reconfiguration (no reconfigEnabled): run it with static membership`);
  }
  return 'static';
}
