// Key bindings → store methods. The console's keymap (model.keymap) decides which actions a key
// means in the current context; this hook performs the first one that applies. All behaviour
// lives in the stores.
import { keyContexts, type ConsoleState, type ConsoleStore } from '../console/consoleStore.js';
import { helpLineCount } from '../HelpOverlay.js';
import type { KeyEvent } from './decodeKey.js';
import type { ActionId, KeyContext } from './keymap.js';
import type { EditAction } from './lineEditor.js';
import { useKeypress } from './useKeypress.js';

/**
 * A pane other than the shell, while focused: the keymap context its keys are rows of (the
 * timeline's), and what it does with an action; true when handled.
 */
export interface PaneKeys {
  context: KeyContext;
  onAction(action: ActionId): boolean;
}

export type PaneKeyMap = Partial<Record<string, PaneKeys>>;

export function useConsoleKeys(model: ConsoleStore, paneKeys: PaneKeyMap = {}): void {
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

export function dispatchKey(model: ConsoleStore, key: KeyEvent, paneKeys: PaneKeyMap = {}): void {
  const { keymap } = model;
  const s = model.getSnapshot();
  const pane = s.focus.current === 'shell' ? undefined : paneKeys[s.focus.current];
  const chain = keyContexts(s, pane?.context);
  const facts = { lineEmpty: s.editor.text.length === 0, multiplePanes: s.focus.panes.length > 1 };
  if (key.name === 'paste') {
    // A bracketed paste never answers a question, never runs by itself and never acts as keys.
    if (chain[0] === 'confirm') model.overlay.flash(`paste ignored: answer the question first (${keymap.label('confirm.yes')} or ${keymap.label('confirm.no')})`);
    else if (chain[0] === 'help' || s.focus.current !== 'shell') model.overlay.flash(`paste ignored: focus the shell pane first`);
    else if (s.editor.search) model.edit({ type: 'insert', text: key.text.split(/\r\n|\r|\n/).find((l) => l.trim()) ?? '' });
    else model.paste(key.text);
    return;
  }
  if (chain[0] === 'confirm') {
    // Default No: only an explicit y says yes.
    model.answer(keymap.actionsFor(chain, key.name, facts).includes('confirm.yes'));
    return;
  }
  for (const action of keymap.actionsFor(chain, key.name, facts)) {
    if (pane?.onAction(action) || perform(model, s, action)) return;
  }
  if (chain[0] === 'help' || s.focus.current !== 'shell') return;
  if (key.text) {
    model.edit({ type: 'insert', text: key.text });
    return;
  }
  if (chain[0] === 'search') {
    // Any other input-line key ends the search on the match and then acts, as readline does.
    for (const action of keymap.actionsFor(['shell'], key.name, facts)) if (perform(model, s, action)) return;
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
      model.clearLine();
      return true;
    case 'command.cancel':
      model.cancelCommand();
      return true;
    case 'popup.next':
      model.completion.move(1);
      return true;
    case 'popup.prev':
      model.completion.move(-1);
      return true;
    case 'popup.accept':
      model.popupAccept();
      return true;
    case 'popup.close':
      model.completion.dismiss();
      return true;
    case 'help.open':
      model.openHelp();
      return true;
    case 'help.close':
      model.overlay.closeHelp();
      return true;
    case 'help.up':
    case 'help.down':
    case 'help.pageUp':
    case 'help.pageDown': {
      const page = model.helpPageSize;
      const delta = { 'help.up': -1, 'help.down': 1, 'help.pageUp': -page, 'help.pageDown': page }[action];
      model.overlay.scrollHelp(delta, helpLineCount(model.keymap), page);
      return true;
    }
    case 'scroll.pageUp':
      model.output.scrollPage(-1);
      return true;
    case 'scroll.pageDown':
      model.output.scrollPage(1);
      return true;
    case 'scroll.lineUp':
      model.output.scrollLines(-1);
      return true;
    case 'scroll.lineDown':
      model.output.scrollLines(1);
      return true;
    case 'scroll.top':
      model.output.scrollToTop();
      return true;
    case 'scroll.bottom':
      model.output.scrollToBottom();
      return true;
    case 'view.clear':
      model.output.clearView();
      return true;
    case 'panes.toggle':
      model.overlay.nextLayout();
      return true;
    case 'focus.next':
      model.overlay.moveFocus(1);
      return true;
    case 'focus.prev':
      model.overlay.moveFocus(-1);
      return true;
    case 'mode.pegasus':
      model.runCommand('pegasus');
      return true;
    default:
      return false;
  }
}
