// Shapes of the live ensemble model: what one poll of one server says, how a server is classified,
// the ensemble's health, and the snapshot the panel, the commands and the checklists read.
// This directory imports only src/zk: no shell, no UI.
import type { ServerSpec } from '../zk/dynamicConfig.js';
import type { FourLetterResult, Zxid } from '../zk/fourLetter.js';

/**
 * What a server is right now, as an operator needs to read it (zk-operations.md §4):
 * - `non-voting`: says `Mode: follower` but its id is not a participant of the committed config
 *   (a joiner before `reconfig -add`, or a removed server still running — RUNBOOKS trap 1);
 * - `not-serving`: answers `This ZooKeeper instance is not currently serving requests`
 *   (electing, syncing, no quorum);
 * - `down`: connection refused; `no-answer`: connected (or not) but no reply within the timeout —
 *   a SIGSTOPped or wedged JVM still completes the TCP handshake, only the timeout catches it;
 * - `unreachable`: any other socket error (no route, DNS);
 * - `4lw-disabled`: `srvr` is not in `4lw.commands.whitelist`;
 * - `unknown`: not polled yet.
 */
export type NodeRole =
  | 'leader'
  | 'follower'
  | 'observer'
  | 'non-voting'
  | 'standalone'
  | 'read-only'
  | 'not-serving'
  | 'down'
  | 'no-answer'
  | 'unreachable'
  | '4lw-disabled'
  | 'unknown';

/** Roles of a server that answers client requests. */
export const SERVING_ROLES: ReadonlySet<NodeRole> = new Set(['leader', 'follower', 'observer', 'non-voting', 'standalone', 'read-only']);
/** Roles that mean the process is gone or wedged. */
export const DEAD_ROLES: ReadonlySet<NodeRole> = new Set(['down', 'no-answer', 'unreachable']);

/** Why a server is in the view. */
export type TargetSource = 'config' | 'connect' | 'extra' | 'former';

/** One server to poll: an address plus what the committed config says about it. */
export interface PollTarget {
  /** `host:port` (lower case), the identity of a row. */
  key: string;
  host: string;
  port: number;
  sources: TargetSource[];
  /** Its line in the committed config, when it is a member. */
  spec: ServerSpec | null;
}

export type FourLetterWordName = 'srvr' | 'mntr' | 'conf';

/** One poll round's replies from one server. mntr/conf are absent when not asked this round. */
export interface NodeSample {
  /** When the replies were complete (ms since epoch). */
  at: number;
  /** How long the slowest of the words took. */
  elapsedMs: number;
  srvr: FourLetterResult;
  mntr?: FourLetterResult;
  conf?: FourLetterResult;
}

/** Whether a word answered, was refused by the whitelist, or is not known yet. */
export type WordAllowance = 'yes' | 'no' | 'unknown';

/**
 * How far a server is behind the leader. Only meaningful within one epoch: right after an
 * election followers still report the old epoch's zxid until the next write (RUNBOOKS trap 5),
 * which is `not-comparable`, not a lag.
 */
export type Lag =
  | { kind: 'leader' }
  | { kind: 'txns'; behind: number }
  | { kind: 'not-comparable'; reason: string }
  | { kind: 'behind-epoch'; epochs: number };

export interface Latency {
  min: number;
  avg: number;
  max: number;
}

export interface NodeMarker {
  /** Short text shown beside the row, e.g. "next: restart". */
  label: string;
  /** Who set it (a checklist id), so owners clear only their own marks. */
  owner: string;
}

/** One row of the panel. */
export interface NodeView {
  key: string;
  host: string;
  port: number;
  /** Server id: from the committed config, else from the server's own `conf`. */
  id: number | null;
  sources: TargetSource[];
  /** Participant or observer in the committed config; null when not a member. */
  configRole: 'participant' | 'observer' | null;
  /** A participant of the committed config: the only servers that count as voters. */
  voter: boolean;
  role: NodeRole;
  /** Since when (ms) the role is what it is. */
  roleSince: number;
  /** Human detail: the error, why a word is missing, the mntr peer state. */
  detail: string | null;
  zxid: Zxid | null;
  lag: Lag | null;
  /** Short server version (`3.8.0`), null when unknown. */
  version: string | null;
  /** Config version this server holds (from `conf`), hex without 0x. */
  configVersion: string | null;
  /** configVersion equals the committed one; null when either is unknown. */
  configOk: boolean | null;
  /**
   * The servers this server's own `conf` lists: its view of the membership. With static configs
   * (reconfigEnabled=false) that is its zoo.cfg, which may differ from the leader's while a
   * membership change is rolled out. Null when `conf` is unknown.
   */
  membership?: ServerSpec[] | null;
  /**
   * The server's own line as its `conf` gives it (serverId, quorumPort, electionPort, peerType,
   * clientPort on the polled host): what `reconfig -add` needs for a joiner, whose conf lists the
   * leader's membership, not itself. Null when `conf` is unknown.
   */
  ownSpec?: ServerSpec | null;
  latency: Latency | null;
  outstanding: number | null;
  znodes: number | null;
  connections: number | null;
  /** mntr `zk_peer_state`, e.g. `following - broadcast`. */
  peerState: string | null;
  allowed: Record<FourLetterWordName, WordAllowance>;
  /** Completion time and duration of the last poll, null before the first. */
  polledAt: number | null;
  elapsedMs: number | null;
  marker: NodeMarker | null;
}

/** The membership everyone is measured against. */
export interface CommittedConfig {
  version: string | null;
  servers: ServerSpec[];
  /**
   * `session`: getConfig over a ZooKeeper session (watched); `conf`: the leader's `conf` 4lw;
   * `static`: a server whose `conf` lists no membership (3.4): see `origin`.
   */
  source: 'session' | 'conf' | 'static';
  /** Where a static membership came from, in words (`the connect string's servers`, `node config`). */
  origin?: string;
  /** When it was read (ms). */
  at: number;
}

export interface EnsembleHealth {
  votersTotal: number;
  votersUp: number;
  /** Voters whose state cannot be read (4lw disabled, not polled yet). */
  votersUnknown: number;
  /** Majority of the voters: how many must be up for the ensemble to serve. */
  quorumSize: number;
  /** A voter reports `Mode: leader` (a leader only keeps leading with a synced quorum), or a standalone server serves. */
  quorumServing: boolean;
  /**
   * The address of a server running standalone (`Mode: standalone`, no leader in view): one
   * server, no quorum to lose — healthy, not "no leader". Null for an ensemble.
   */
  standaloneKey: string | null;
  leaderId: number | null;
  leaderKey: string | null;
  /** More than one server says leader (two ensembles sharing a view, or a split): a warning. */
  leaderKeys: string[];
  epoch: number | null;
  /** Leader's mntr: voting followers that finished syncing (synced_followers − non-voting). */
  syncedVotingFollowers: number | null;
  syncedNonVotingFollowers: number | null;
  syncedObservers: number | null;
  /** How many more voters may fail before the quorum is lost (negative: already lost). */
  spareVoters: number;
  configVersion: string | null;
  /** Servers whose `conf` version differs from the committed one. */
  configMismatch: string[];
}

export interface SessionView {
  state: string;
  connectString: string;
}

export interface EnsembleSnapshot {
  /** Completed poll rounds; 0 before the first. */
  round: number;
  at: number;
  pollIntervalMs: number;
  timeoutMs: number;
  nodes: NodeView[];
  committed: CommittedConfig | null;
  health: EnsembleHealth;
  session: SessionView | null;
}
