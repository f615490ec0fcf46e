// The ensemble's event stream: what changed, when, in words an operator reads in a timeline and
// in fields a checklist or a recording can rely on. One stream feeds the panel's timeline, the
// `events` command, the app's event bus (checklist engine, session recorder).
import type { CommittedConfig, NodeRole } from './types.js';

export type EventSeverity = 'info' | 'ok' | 'warn' | 'error';

/** A server as events name it: id when known, always the address. */
export interface NodeRef {
  id: number | null;
  key: string;
}

export interface ConfigDiff {
  /** `server.N=...` lines. */
  added: string[];
  removed: string[];
  /** Same id, different address or role: `server.N=old -> new`. */
  changed: string[];
}

export type EnsembleEventBody =
  /** First complete poll round: what the ensemble looked like when the console started watching. */
  | { kind: 'ensemble.observed'; leader: NodeRef | null; votersUp: number; votersTotal: number; configVersion: string | null; standalone?: NodeRef }
  | { kind: 'leader.elected'; node: NodeRef; epoch: number | null; previous: NodeRef | null }
  | { kind: 'leader.lost'; node: NodeRef; nowRole: NodeRole }
  /**
   * Leader lost → new leader seen. `minMs`: from the first round without the old leader to the
   * first with the new one; `maxMs`: from the last round that saw the old leader leading.
   */
  | { kind: 'election.gap'; from: NodeRef; to: NodeRef; minMs: number; maxMs: number }
  | { kind: 'role.changed'; node: NodeRef; from: NodeRole; to: NodeRole }
  | { kind: 'node.down'; node: NodeRef; role: NodeRole; detail: string | null }
  | { kind: 'node.hung'; node: NodeRef; timeoutMs: number }
  | { kind: 'node.up'; node: NodeRef; role: NodeRole; afterMs: number }
  | { kind: 'config.changed'; from: string | null; to: string | null; diff: ConfigDiff; source: CommittedConfig['source'] }
  | { kind: 'epoch.changed'; from: number | null; to: number }
  /** The console's own ZooKeeper session (the operator's shell), as zkCli's watcher reports it. */
  | { kind: 'session.state'; state: string; previous: string; connectString: string }
  /** A note or mark an operator added (here, or from another tmux pane): shown among the events. */
  | { kind: 'annotation'; what: 'note' | 'mark'; text: string; author: string };

export type EnsembleEventKind = EnsembleEventBody['kind'];

export type EnsembleEvent = EnsembleEventBody & {
  /** Increasing number within one model. */
  seq: number;
  ts: number;
  severity: EventSeverity;
  /** One line for the timeline and the `events` command. */
  text: string;
};
