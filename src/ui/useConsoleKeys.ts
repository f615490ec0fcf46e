// Key bindings → store methods. The keymap decides which actions a key means in the current
// context; this hook performs the first one that applies. All behaviour lives in the store.
import { keyContexts, type ConsoleState, type ConsoleStore } from '../app/consoleStore.js';
import { actionsFor, type ActionId, type KeyEvent } from '../shell/keymap.js';
import type { EditAction } from '../shell/lineEditor.js';
import { helpLineCount } from './HelpOverlay.js';
import { useKeypress } from './useKeypress.js';

/** A pane other than the shell handles its own keys while focused. */
export type PaneKeyHandler = (key: KeyEvent) => boolean;

export function useConsoleKeys(model: ConsoleStore, paneKeys: Partial<Record<string, PaneKeyHandler>> = {}): void {
  useKeypress((key) => dispatchKey(model, key, paneKeys));
}

const EDITS: Partial<Record<ActionId, EditAction['type']>> = {
  'line.eofOrDelete': 'eofOrDelete',
  'cursor.left': 'left',
  'cursor.right': 'right',
  'cursor.home': 'home',
  'cursor.end': 'end',
  'cursor.wordLeft': 'wordLeft',
  'cursor.wordRight': 'wordRight',
  'edit.backspace': 'backspace',
  'edit.deleteForward': 'deleteForward',
  'edit.killToStart': 'killToStart',
  'edit.killToEnd': 'killToEnd',
  'edit.killWordBack': 'killWordBack',
  'edit.killPathWordBack': 'killPathWordBack',
  'edit.killWordForward': 'killWordForward',
  'edit.yank': 'yank',
  'history.prev': 'historyPrev',
  'history.next': 'historyNext',
  'history.search': 'searchStart',
  'search.older': 'searchStart',
  'search.accept': 'searchAccept',
  'search.abort': 'searchAbort',
};

export function dispatchKey(model: ConsoleStore, key: KeyEvent, paneKeys: Partial<Record<string, PaneKeyHandler>> = {}): void {
  const s = model.getSnapshot();
  const chain = keyContexts(s);
  const facts = { lineEmpty: s.editor.text.length === 0, multiplePanes: s.focus.panes.length > 1 };
  if (chain[0] === 'confirm') {
    // Default No: only an explicit y says yes.
    model.answer(actionsFor(chain, key.name, facts).includes('confirm.yes'));
    return;
  }
  if (chain[0] === 'pane' && paneKeys[s.focus.current]?.(key)) return;
  for (const action of actionsFor(chain, key.name, facts)) {
    if (perform(model, s, action)) return;
  }
  if (chain[0] === 'help' || chain[0] === 'pane') return;
  if (key.text) {
    model.edit({ type: 'insert', text: key.text });
    return;
  }
  if (chain[0] === 'search') {
    // Any other input-line key ends the search on the match and then acts, as readline does.
    for (const action of actionsFor(['shell'], key.name, facts)) if (perform(model, s, action)) return;
  }
}

/** Performs one action; false when it does not apply now, so the next binding may take the key. */
function perform(model: ConsoleStore, s: ConsoleState, action: ActionId): boolean {
  const edit = EDITS[action];
  if (edit) {
    // End at the end of the line falls through to "back to the newest output".
    if (action === 'cursor.end' && s.editor.cursor === s.editor.text.length) return false;
    model.edit({ type: edit } as EditAction);
    return true;
  }
  switch (action) {
    case 'line.submit':
      model.submit();
      return true;
    case 'line.complete':
      void model.complete();
      return true;
    case 'line.clear':
      if (s.editor.text.length === 0) model.flash('Ctrl-D on an empty line, or `quit`, leaves zkpilot');
      model.edit({ type: 'clear' });
      return true;
    case 'command.cancel':
      model.cancelCommand();
      return true;
    case 'popup.next':
      model.popupMove(1);
      return true;
    case 'popup.prev':
      model.popupMove(-1);
      return true;
    case 'popup.accept':
      model.popupAccept();
      return true;
    case 'popup.close':
      model.popupClose();
      return true;
    case 'help.open':
      model.openHelp();
      return true;
    case 'help.close':
      model.closeHelp();
      return true;
    case 'help.up':
    case 'help.down':
    case 'help.pageUp':
    case 'help.pageDown': {
      const page = model.helpPageSize;
      const delta = { 'help.up': -1, 'help.down': 1, 'help.pageUp': -page, 'help.pageDown': page }[action];
      model.scrollHelp(delta, helpLineCount(), page);
      return true;
    }
    case 'scroll.pageUp':
      model.scrollPage(-1);
      return true;
    case 'scroll.pageDown':
      model.scrollPage(1);
      return true;
    case 'scroll.lineUp':
      model.scrollLines(-1);
      return true;
    case 'scroll.lineDown':
      model.scrollLines(1);
      return true;
    case 'scroll.top':
      model.scrollToTop();
      return true;
    case 'scroll.bottom':
      model.scrollToBottom();
      return true;
    case 'view.clear':
      model.clearView();
      return true;
    case 'panes.toggle':
      model.togglePanes();
      return true;
    case 'focus.next':
      model.moveFocus(1);
      return true;
    case 'focus.prev':
      model.moveFocus(-1);
      return true;
    case 'mode.pegasus':
      model.runCommand('pegasus');
      return true;
    default:
      return false;
  }
}
