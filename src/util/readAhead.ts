// One node's children consumed in name order while up to `window` of their reads run ahead of
// the one being consumed: a wide level costs a round trip per window, not per child. Shared by
// the sorted depth-first walks (tree/find/grep/du, and a tree read for a backup or a comparison).

export class ReadAhead<R> {
  private next = 0;
  private loaded = 0;
  private readonly ahead = new Map<number, R>();

  constructor(
    readonly names: readonly string[],
    private readonly window: number,
    private readonly load: (name: string) => R,
  ) {}

  get done(): boolean {
    return this.next >= this.names.length;
  }

  /** The next child's read, if it has started. */
  peek(): R | undefined {
    return this.ahead.get(this.next);
  }

  /** Starts the first reads before the first take (a walk that will soon enter this node). */
  prime(): void {
    this.fill(this.next + this.window);
  }

  /** The next child: its index and name, and its read (started now if it was not already). */
  take(): { index: number; name: string; read: R } {
    const index = this.next++;
    this.fill(index + this.window);
    const read = this.ahead.get(index)!;
    this.ahead.delete(index);
    return { index, name: this.names[index]!, read };
  }

  private fill(upTo: number): void {
    while (this.loaded < this.names.length && this.loaded < upTo) {
      this.ahead.set(this.loaded, this.load(this.names[this.loaded]!));
      this.loaded += 1;
    }
  }
}
