// The input line (readline keys, history recall, Ctrl-R search) as a store over the pure
// reducer in ../input/lineEditor.ts; history is read from the shell, never written here.
import { Store } from '../../util/store.js';
import { editLine, emptyEditor, type EditAction, type EditorState } from '../input/lineEditor.js';

export class EditorStore extends Store<{ editor: EditorState }> {
  constructor(private readonly history: () => readonly string[]) {
    super({ editor: emptyEditor() });
  }

  get line(): EditorState {
    return this.getSnapshot().editor;
  }

  /** Applies one action and returns the new state (its `event` says what the caller must act on). */
  apply(action: EditAction): EditorState {
    const editor = editLine(this.line, action, this.history());
    this.set({ editor });
    return editor;
  }

  /** Replaces the line (cursor at its end), keeping the kill ring and history position. */
  setInput(text: string): void {
    this.set({ editor: { ...this.line, text, cursor: text.length, search: null, event: null } });
  }
}
