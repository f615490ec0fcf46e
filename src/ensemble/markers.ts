// "Act on this node next": highlights another component (a checklist) puts on panel rows. Keyed
// by server id or address, so a mark survives the server moving between roles or going down.
import type { NodeMarker, NodeView } from './types.js';

export class MarkerSet {
  private readonly marks = new Map<string, NodeMarker>();

  /** `target`: a server id (number) or a `host:port` key. Returns false when it is already so. */
  set(target: number | string, marker: NodeMarker): boolean {
    const key = MarkerSet.keyOf(target);
    const old = this.marks.get(key);
    if (old && old.label === marker.label && old.owner === marker.owner) return false;
    this.marks.set(key, { ...marker });
    return true;
  }

  /** Clears one target's mark, or every mark of `owner` when no target is given. */
  clear(opts: { target?: number | string; owner?: string } = {}): boolean {
    let changed = false;
    for (const [key, mark] of [...this.marks]) {
      if (opts.target !== undefined && key !== MarkerSet.keyOf(opts.target)) continue;
      if (opts.owner !== undefined && mark.owner !== opts.owner) continue;
      this.marks.delete(key);
      changed = true;
    }
    return changed;
  }

  /** The mark of a row: by id first, then by address. */
  forNode(node: Pick<NodeView, 'id' | 'key'>): NodeMarker | null {
    return (node.id !== null ? this.marks.get(`id:${node.id}`) : undefined) ?? this.marks.get(`key:${node.key}`) ?? null;
  }

  private static keyOf(target: number | string): string {
    return typeof target === 'number' ? `id:${target}` : `key:${target.toLowerCase()}`;
  }
}
