// What sits over or beside the shell: the help overlay and its scroll, which panes exist and
// which has the focus, F2's panel toggle, the hint bar's flash message, and the request to quit.
import { Store } from '../../util/store.js';
import type { OverlayState, PaneId } from './types.js';

const FLASH_MS = 2500;

export class OverlayStore extends Store<OverlayState> {
  private flashTimer: NodeJS.Timeout | null = null;

  constructor() {
    super({ help: null, focus: { panes: ['shell'], current: 'shell' }, layoutShift: 0, flash: null, quit: null });
  }

  openHelp(): void {
    this.set({ help: { scroll: 0 } });
  }

  closeHelp(): void {
    this.set({ help: null });
  }

  /** Scrolls the help overlay; `total` is its line count, so the last page stays full. */
  scrollHelp(delta: number, total: number, height: number): void {
    const h = this.getSnapshot().help;
    if (!h) return;
    const max = Math.max(0, total - height);
    this.set({ help: { scroll: Math.max(0, Math.min(max, h.scroll + delta)) } });
  }

  /** F2: the next layout (shell with the ensemble line → shell with the panels → panels full-screen). */
  nextLayout(): void {
    this.set((s) => ({ layoutShift: s.layoutShift + 1 }));
  }

  /** The layout declares which panes exist and can take the focus. */
  setPanes(panes: readonly PaneId[]): void {
    const { focus } = this.getSnapshot();
    const list: PaneId[] = ['shell', ...panes.filter((p) => p !== 'shell')];
    const same = list.length === focus.panes.length && list.every((p, i) => p === focus.panes[i]);
    if (same) return;
    const current = list.includes(focus.current) ? focus.current : 'shell';
    this.set({ focus: { panes: list, current } });
  }

  moveFocus(delta: 1 | -1): void {
    const { panes, current } = this.getSnapshot().focus;
    if (panes.length < 2) return;
    const i = panes.indexOf(current);
    this.set({ focus: { panes, current: panes[(i + delta + panes.length) % panes.length]! } });
  }

  flash(text: string): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.flashTimer = null;
      this.set({ flash: null });
    }, FLASH_MS);
    this.flashTimer.unref?.();
    this.set({ flash: text });
  }

  requestQuit(code: number): void {
    if (!this.getSnapshot().quit) this.set({ quit: { code } });
  }

  override close(): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = null;
    super.close();
  }
}
