// What a console built, undone in reverse: the last service built is the first disposed, so
// nothing is torn down while a later service still uses it. One failing step does not stop the
// rest (a session that will not close must not leave a poller running).

export type Disposer = () => void | Promise<void>;

export class DisposalStack {
  private readonly steps: Disposer[] = [];
  private done: Promise<void> | null = null;

  /** Registers the undo of what was just built. */
  defer(step: Disposer): void {
    if (this.done) throw new Error('defer after dispose');
    this.steps.push(step);
  }

  /** Runs every step once, newest first; later calls wait for the same run. */
  dispose(): Promise<void> {
    this.done ??= (async () => {
      let first: unknown = null;
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step();
        } catch (e) {
          first ??= e;
        }
      }
      if (first !== null) throw first;
    })();
    return this.done;
  }
}
