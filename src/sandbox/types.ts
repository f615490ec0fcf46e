// Contract of the sandbox launcher (src/sandbox): real ZooKeeper ensembles on 127.0.0.1 for
// rehearsal, demos and tests. The implementation lives beside this file.
import type { ZkVersion } from './zkVersions.js';

export type SandboxNodeKind = 'member' | 'spare';
/**
 * dynamic: reconfigEnabled=true, membership in a dynamic file ZooKeeper rewrites (`reconfig`).
 * static: reconfigEnabled=false, `server.N=` lines in each node's zoo.cfg, changed by editing the
 * file and restarting (RUNBOOKS Z2/Z3).
 */
export type SandboxMembership = 'dynamic' | 'static';
export type SandboxNodeStatus = 'running' | 'stopped' | 'paused';

export interface SandboxNode {
  id: number; // myid
  kind: SandboxNodeKind; // spare = joins as non-voting follower, ready for `reconfig -add` (or, static, Z2/Z3)
  host: string; // always 127.0.0.1
  clientPort: number;
  quorumPort: number;
  electionPort: number;
  dir: string; // node directory: zoo.cfg, zoo.cfg.dynamic*, data/myid, data/version-2, server.log
  pid: number | null;
  status: SandboxNodeStatus;
  /** The `server.N=` value to give `reconfig -add` (host:quorum:election:participant;host:client). */
  serverSpec: string;
  /** The ZooKeeper build it runs (3.4.13, 3.8.0, 3.9.3); absent in older state files: 3.8.0. */
  zkVersion?: ZkVersion;
  /** Its AdminServer's port on 127.0.0.1 (a 3.5+ node of a sandbox started with `adminServer`); absent: no AdminServer. */
  adminPort?: number;
}

export interface SandboxOptions {
  nodes?: number; // members, default 3
  spares?: number; // default 0
  membership?: SandboxMembership; // default dynamic; static when a 3.4 server is in (3.4 has no reconfig)
  /**
   * ZooKeeper versions (3.4.13, 3.8.0, 3.9.3): one for every server, or one per server (members
   * first, then spares) for a mixed ensemble. Default 3.8.0, the machine's own; the others are
   * fetched from Debian's registry on first use (zkBuilds.ts).
   */
  zkVersions?: string[];
  /** Told what is being downloaded (one line each), when a build is fetched. */
  progress?: (line: string) => void;
  dir?: string; // default: a fresh temp dir (removed on down)
  superUser?: string; // default "super"
  superPassword?: string; // default "zkpilot"
  /** Caps every session's timeout at this (server-side maxSessionTimeout), for quick expiry tests. */
  sessionTimeoutMs?: number;
  /** Each server's Java heap in MB (default 128, light for CI and laptops; a rehearsal on a big tree needs more). */
  heapMb?: number;
  /**
   * Each 3.5+ node's AdminServer (HTTP, `/commands/…`) on 127.0.0.1 and a free port of its own.
   * Default off: left on, every node would try ZooKeeper's default :8080 (trap 9).
   */
  adminServer?: boolean;
  /** Extra zoo.cfg lines for every node, e.g. ["4lw.commands.whitelist=srvr"]. */
  extraConfig?: string[];
  /** Per-node extra zoo.cfg lines, keyed by id. */
  nodeConfig?: Record<number, string[]>;
  /** Wait for a leader before returning (default true). */
  waitForLeader?: boolean;
  startTimeoutMs?: number; // default 60000
  /**
   * SIGKILL the JVMs (and remove an owned dir) when this process exits or gets SIGINT/SIGTERM/SIGHUP.
   * Default true (tests, TUI); `zkpilot sandbox up` passes false so the ensemble outlives it.
   */
  killOnExit?: boolean;
}

export interface SandboxState {
  version: 1;
  dir: string;
  ownsDir: boolean;
  createdAt: string;
  superUser: string;
  superPassword: string;
  superDigest: string; // "super:<base64 sha1>"
  /** Absent in files written before static membership existed: dynamic. */
  membership?: SandboxMembership;
  /** Each server's Java heap in MB; absent: the default (128). */
  heapMb?: number;
  nodes: SandboxNode[];
}
