// The size of a tree being walked, estimated from what the walk has already read, so a progress
// bar gets a total without a second walk of the source. Every node whose children are known
// counts once; every node still waiting counts as the expected size of a subtree at its depth:
// S(d) = 1 + f(d) * S(d + 1), with f(d) the mean number of children seen at depth d (Knuth's
// estimate, refined as the walk goes). It is exact once the walk is done.
export class TreeEstimate {
  /** Nodes known to exist, per depth (roots are depth 0). */
  private readonly discovered: number[] = [];
  /** Nodes whose children are known (listed, or found to be none), per depth. */
  private readonly resolved: number[] = [];
  /** Children those nodes have, per depth. */
  private readonly fanout: number[] = [];

  discover(depth: number, count: number): void {
    this.discovered[depth] = (this.discovered[depth] ?? 0) + count;
  }

  resolve(depth: number, children: number): void {
    this.resolved[depth] = (this.resolved[depth] ?? 0) + 1;
    this.fanout[depth] = (this.fanout[depth] ?? 0) + children;
  }

  /** The expected number of nodes in the whole tree, at least the ones already known. */
  total(): number {
    const depths = this.discovered.length;
    const subtree: number[] = new Array<number>(depths + 1).fill(1);
    for (let d = depths - 1; d >= 0; d--) {
      const seen = this.resolved[d] ?? 0;
      const meanChildren = seen > 0 ? (this.fanout[d] ?? 0) / seen : 0;
      subtree[d] = 1 + meanChildren * subtree[d + 1]!;
    }
    let total = 0;
    for (let d = 0; d < depths; d++) {
      const known = this.discovered[d] ?? 0;
      const done = this.resolved[d] ?? 0;
      total += done + Math.max(0, known - done) * subtree[d]!;
    }
    return Math.round(total);
  }
}
