// The shell pane's output: the scrollback ring, the scroll position and the pane's size (scroll
// keys move by its rows). Appends are batched: output can come in bursts of thousands of lines.
import type { Stream, Tone } from '../../shell/output.js';
import { Store } from '../../util/store.js';
import { Scrollback, sanitizeOutput, type ViewWindow } from '../../util/scrollback.js';
import type { OutputState } from './types.js';

const OUTPUT_FLUSH_MS = 16;

export class OutputStore extends Store<OutputState> {
  readonly scrollback: Scrollback;
  private viewport = { width: 80, height: 20 };
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(maxLines: number) {
    super({ scroll: { anchor: null, clearMark: 0 }, outputVersion: 0 });
    this.scrollback = new Scrollback(maxLines);
  }

  get pageRows(): number {
    return this.viewport.height;
  }

  /** Appends output (several lines allowed). Sanitised here, so nothing downstream sees raw bytes. */
  append(stream: Stream, text: string, tone: Tone = 'plain'): void {
    for (const line of text.split('\n')) this.scrollback.push(sanitizeOutput(line), tone, stream);
    // Render at most once per frame.
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.set((s) => ({ outputVersion: s.outputVersion + 1 }));
    }, OUTPUT_FLUSH_MS);
  }

  /** The rows the shell pane shows for its size and the current scroll position. */
  window(width: number, height: number): ViewWindow {
    const { anchor, clearMark } = this.getSnapshot().scroll;
    return this.scrollback.window(width, height, anchor, clearMark);
  }

  /** The shell pane reports its size so that scroll keys move by its rows. */
  setViewport(width: number, height: number): void {
    this.viewport = { width: Math.max(1, width), height: Math.max(1, height) };
  }

  scrollLines(delta: number): void {
    const { width, height } = this.viewport;
    const { scroll } = this.getSnapshot();
    const anchor = this.scrollback.move(scroll.anchor, delta, width, height);
    // After Ctrl-L, going up with too little output to scroll simply shows the cleared lines again.
    const clearMark = anchor === null && delta < 0 ? 0 : scroll.clearMark;
    this.set({ scroll: { anchor, clearMark } });
  }

  scrollPage(direction: -1 | 1): void {
    this.scrollLines(direction * Math.max(1, this.viewport.height - 2));
  }

  scrollToTop(): void {
    this.scrollLines(-Number.MAX_SAFE_INTEGER);
  }

  scrollToBottom(): void {
    const { scroll } = this.getSnapshot();
    if (scroll.anchor) this.set({ scroll: { ...scroll, anchor: null } });
  }

  /** Ctrl-L: the view starts empty again; the lines are kept (PgUp shows them, recordings are untouched). */
  clearView(): void {
    this.set({ scroll: { anchor: null, clearMark: this.scrollback.nextSeq } });
  }

  override close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    super.close();
  }
}
