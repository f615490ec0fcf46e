// The completion popup: asks the completer (asynchronously: znode paths come from ZooKeeper),
// drops answers that arrive after the line moved on, and holds the candidates and the selection.
import type { CompletionResult, Completer } from '../../shell/completion.js';
import { Store } from '../../util/store.js';
import type { CompletionPopup } from './types.js';

export class CompletionStore extends Store<{ popup: CompletionPopup | null }> {
  private ticket = 0;

  constructor(private readonly completer: Completer | undefined) {
    super({ popup: null });
  }

  /** The completer's answer, or null when there is no completer, it failed, or the answer is stale. */
  async query(text: string, cursor: number, stillCurrent: () => boolean): Promise<CompletionResult | null> {
    if (!this.completer) return null;
    const ticket = ++this.ticket;
    let result: CompletionResult;
    try {
      result = await this.completer.complete(text, cursor);
    } catch {
      return null; // completion is a convenience: a failure offers nothing
    }
    return ticket === this.ticket && stillCurrent() ? result : null;
  }

  show(popup: CompletionPopup): void {
    this.set({ popup });
  }

  move(delta: number): void {
    const p = this.getSnapshot().popup;
    if (!p) return;
    const n = p.candidates.length;
    this.set({ popup: { ...p, selected: (((p.selected + delta) % n) + n) % n } });
  }

  hide(): void {
    this.set({ popup: null });
  }

  /** Esc: closes the popup and drops an answer still on its way. */
  dismiss(): void {
    this.ticket += 1;
    this.hide();
  }
}

export function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
