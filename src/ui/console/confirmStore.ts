// The y/N prompt over the input line (Shell's `ask`): questions queue up, the first one shows,
// the default is No — also for every question still waiting when the console goes away.
import { Store } from '../../util/store.js';
import { sanitizeOutput } from '../../util/scrollback.js';

interface Pending {
  question: string;
  resolve: (yes: boolean) => void;
}

export class ConfirmStore extends Store<{ confirm: { question: string } | null }> {
  private readonly queue: Pending[] = [];
  private disposed = false;

  constructor() {
    super({ confirm: null });
  }

  ask = (question: string): Promise<boolean> => {
    if (this.disposed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.queue.push({ question: sanitizeOutput(question), resolve });
      if (!this.getSnapshot().confirm) this.set({ confirm: { question: this.queue[0]!.question } });
    });
  };

  /** Answers the question shown; returns it (null when none was waiting) for the scrollback. */
  answer(yes: boolean): string | null {
    const pending = this.queue.shift();
    if (!pending) return null;
    const next = this.queue[0];
    this.set({ confirm: next ? { question: next.question } : null });
    pending.resolve(yes);
    return pending.question;
  }

  override close(): void {
    this.disposed = true;
    // Nobody is left to answer: destructive commands still waiting get the safe answer.
    for (const c of this.queue.splice(0)) c.resolve(false);
    super.close();
  }
}
