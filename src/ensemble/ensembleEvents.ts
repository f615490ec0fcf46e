// Derives events from two consecutive snapshots: leader elected / lost (and the election gap
// between them), role changes, servers going down, hanging or coming back, config version
// changes with the membership diff, epoch changes.
import { formatServerSpec, type ServerSpec } from '../zk/dynamicConfig.js';
import type { ConfigDiff, EnsembleEventBody, NodeRef } from './eventTypes.js';
import { DEAD_ROLES, type EnsembleSnapshot, type NodeView } from './types.js';

export function nodeRef(node: Pick<NodeView, 'id' | 'key'>): NodeRef {
  return { id: node.id, key: node.key };
}

export function diffMembership(from: readonly ServerSpec[], to: readonly ServerSpec[]): ConfigDiff {
  const before = new Map(from.map((s) => [s.id, formatServerSpec(s)]));
  const after = new Map(to.map((s) => [s.id, formatServerSpec(s)]));
  const diff: ConfigDiff = { added: [], removed: [], changed: [] };
  for (const [id, line] of after) {
    const old = before.get(id);
    if (old === undefined) diff.added.push(line);
    else if (old !== line) diff.changed.push(`${old} -> ${line.slice(line.indexOf('=') + 1)}`);
  }
  for (const [id, line] of before) if (!after.has(id)) diff.removed.push(line);
  return diff;
}

interface PendingLoss {
  node: NodeRef;
  /** Completion time of the last round that saw it leading. */
  lastSeenAt: number;
  /** Completion time of the first round without it. */
  missingAt: number;
}

/** Keeps what spans several rounds (a lost leader waiting for a successor, the last epoch). */
export class EventDeriver {
  private pendingLoss: PendingLoss | null = null;
  private lastEpoch: number | null = null;

  derive(prev: EnsembleSnapshot | null, next: EnsembleSnapshot): EnsembleEventBody[] {
    if (prev === null || prev.round === 0) {
      if (next.round === 0) return [];
      this.lastEpoch = next.health.epoch;
      const leader = next.nodes.find((n) => n.key === next.health.leaderKey);
      const standalone = next.nodes.find((n) => n.key === next.health.standaloneKey);
      return [{
        kind: 'ensemble.observed',
        leader: leader ? nodeRef(leader) : null,
        votersUp: next.health.votersUp,
        votersTotal: next.health.votersTotal,
        configVersion: next.health.configVersion,
        ...(standalone ? { standalone: nodeRef(standalone) } : {}),
      }];
    }
    return [...this.configEvents(prev, next), ...this.leaderEvents(prev, next), ...this.nodeEvents(prev, next), ...this.epochEvents(next)];
  }

  private configEvents(prev: EnsembleSnapshot, next: EnsembleSnapshot): EnsembleEventBody[] {
    const a = prev.committed;
    const b = next.committed;
    if (!a || !b || a.version === b.version) return [];
    return [{ kind: 'config.changed', from: a.version, to: b.version, diff: diffMembership(a.servers, b.servers), source: b.source }];
  }

  private leaderEvents(prev: EnsembleSnapshot, next: EnsembleSnapshot): EnsembleEventBody[] {
    const out: EnsembleEventBody[] = [];
    const before = prev.health.leaderKey;
    const after = next.health.leaderKey;
    if (before === after) return out;
    if (before !== null) {
      const old = prev.nodes.find((n) => n.key === before)!;
      const now = next.nodes.find((n) => n.key === before);
      out.push({ kind: 'leader.lost', node: nodeRef(old), nowRole: now?.role ?? 'unknown' });
      this.pendingLoss = { node: nodeRef(old), lastSeenAt: prev.at, missingAt: next.at };
    }
    if (after !== null) {
      const leader = next.nodes.find((n) => n.key === after)!;
      const loss = this.pendingLoss;
      out.push({ kind: 'leader.elected', node: nodeRef(leader), epoch: next.health.epoch, previous: loss?.node ?? null });
      if (loss) {
        out.push({ kind: 'election.gap', from: loss.node, to: nodeRef(leader), minMs: next.at - loss.missingAt, maxMs: next.at - loss.lastSeenAt });
        this.pendingLoss = null;
      }
    }
    return out;
  }

  private nodeEvents(prev: EnsembleSnapshot, next: EnsembleSnapshot): EnsembleEventBody[] {
    const out: EnsembleEventBody[] = [];
    const before = new Map(prev.nodes.map((n) => [n.key, n]));
    for (const node of next.nodes) {
      const old = before.get(node.key);
      const from = old?.role ?? 'unknown';
      const to = node.role;
      if (from === to || to === 'unknown') continue;
      const ref = nodeRef(node);
      const wasDead = DEAD_ROLES.has(from);
      const isDead = DEAD_ROLES.has(to);
      if (isDead && !wasDead) {
        if (to === 'no-answer') out.push({ kind: 'node.hung', node: ref, timeoutMs: next.timeoutMs });
        else out.push({ kind: 'node.down', node: ref, role: to, detail: node.detail });
      } else if (wasDead && !isDead) {
        out.push({ kind: 'node.up', node: ref, role: to, afterMs: Math.max(0, (node.polledAt ?? next.at) - old!.roleSince) });
      } else if (from === 'unknown') {
        // A server that just came into view: its first role is not a change.
        continue;
      } else if (from !== 'leader' && to !== 'leader') {
        // Leader transitions are told by leader.lost / leader.elected.
        out.push({ kind: 'role.changed', node: ref, from, to });
      }
    }
    return out;
  }

  private epochEvents(next: EnsembleSnapshot): EnsembleEventBody[] {
    const epoch = next.health.epoch;
    if (epoch === null) return [];
    const from = this.lastEpoch;
    this.lastEpoch = epoch;
    return from !== null && from !== epoch ? [{ kind: 'epoch.changed', from, to: epoch }] : [];
  }
}
