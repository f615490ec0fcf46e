// The default key bindings: one row per action and context; the settings' keyBindings replace
// an action's keys. The hint bar, the help overlay, the messages that name a key and the
// dispatchers all read these rows through a Keymap (src/ui/input/keymap.ts), so what the screen
// says is what the keys do, also after a remap. Here, not in src/ui: the settings are checked
// against these action ids when the config is read, in modes that never load the UI.

/** Where a binding applies. Each screen mode consults a chain of contexts, most specific first. */
export type KeyContext =
  | 'confirm' | 'help' | 'popup' | 'search' | 'running' | 'shell' | 'pane' | 'global'
  | 'timeline' | 'replay' | 'viewer';

export type ActionId =
  | 'line.submit' | 'line.complete' | 'line.clear' | 'line.eofOrDelete'
  | 'cursor.left' | 'cursor.right' | 'cursor.home' | 'cursor.end' | 'cursor.wordLeft' | 'cursor.wordRight'
  | 'edit.backspace' | 'edit.deleteForward' | 'edit.killToStart' | 'edit.killToEnd' | 'edit.killWordBack'
  | 'edit.killPathWordBack' | 'edit.killWordForward' | 'edit.yank'
  | 'history.prev' | 'history.next' | 'history.search'
  | 'search.older' | 'search.accept' | 'search.abort'
  | 'popup.next' | 'popup.prev' | 'popup.accept' | 'popup.close'
  | 'command.cancel'
  | 'confirm.yes' | 'confirm.no'
  | 'help.open' | 'help.close' | 'help.up' | 'help.down' | 'help.pageUp' | 'help.pageDown'
  | 'scroll.pageUp' | 'scroll.pageDown' | 'scroll.lineUp' | 'scroll.lineDown' | 'scroll.top' | 'scroll.bottom'
  | 'view.clear' | 'focus.next' | 'focus.prev'
  | 'panes.toggle'
  | 'mode.pegasus'
  | 'timeline.older' | 'timeline.newer' | 'timeline.pageOlder' | 'timeline.pageNewer' | 'timeline.oldest' | 'timeline.newest'
  | 'replay.pause' | 'replay.stepBack' | 'replay.stepForward' | 'replay.nextMark' | 'replay.prevMark' | 'replay.faster' | 'replay.slower'
  | 'viewer.pageUp' | 'viewer.pageDown' | 'viewer.top' | 'viewer.follow' | 'viewer.timeline' | 'viewer.quit';

export interface Binding {
  action: ActionId;
  keys: readonly string[];
  description: string;
  context: KeyContext;
  /** Short label for a hint bar; bindings without one appear only in the help overlay. */
  hint?: string;
  /** The hint shows this action's first key too (`PgUp/PgDn scroll`, `m/M mark`). */
  hintWith?: ActionId;
  /** Only when the input line is empty (`?` must stay typeable inside a command). */
  when?: 'emptyLine';
}

export const KEYMAP: readonly Binding[] = [
  // Input line (zkCli prompt). Ctrl-A/Ctrl-B are tmux/screen prefixes, so each has a plain-key twin.
  { context: 'shell', action: 'line.submit', keys: ['enter'], description: 'run the line', hint: 'run' },
  { context: 'shell', action: 'line.complete', keys: ['tab'], description: 'complete command, option or znode path', hint: 'complete' },
  { context: 'shell', action: 'history.search', keys: ['ctrl+r'], description: 'search history backwards (reverse-i-search)', hint: 'search' },
  { context: 'shell', action: 'line.clear', keys: ['ctrl+c'], description: 'clear the line (never quits)', hint: 'clear' },
  { context: 'shell', action: 'line.eofOrDelete', keys: ['ctrl+d'], description: 'delete the character under the cursor; quit on an empty line', hint: 'quit' },
  { context: 'shell', action: 'help.open', keys: ['?'], when: 'emptyLine', description: 'help (on an empty line; F1 anywhere)', hint: 'help' },
  { context: 'shell', action: 'history.prev', keys: ['up', 'ctrl+p'], description: 'previous history entry' },
  { context: 'shell', action: 'history.next', keys: ['down', 'ctrl+n'], description: 'next history entry (back to the draft)' },
  { context: 'shell', action: 'cursor.left', keys: ['left', 'ctrl+b'], description: 'cursor left' },
  { context: 'shell', action: 'cursor.right', keys: ['right', 'ctrl+f'], description: 'cursor right' },
  { context: 'shell', action: 'cursor.home', keys: ['home', 'ctrl+a'], description: 'start of line' },
  { context: 'shell', action: 'cursor.end', keys: ['end', 'ctrl+e'], description: 'end of line' },
  { context: 'shell', action: 'cursor.wordLeft', keys: ['alt+b', 'ctrl+left'], description: 'word left' },
  { context: 'shell', action: 'cursor.wordRight', keys: ['alt+f', 'ctrl+right'], description: 'word right' },
  { context: 'shell', action: 'edit.backspace', keys: ['backspace', 'ctrl+h'], description: 'delete the character before the cursor' },
  { context: 'shell', action: 'edit.deleteForward', keys: ['delete'], description: 'delete the character under the cursor' },
  { context: 'shell', action: 'edit.killToStart', keys: ['ctrl+u'], description: 'cut to start of line' },
  { context: 'shell', action: 'edit.killToEnd', keys: ['ctrl+k'], description: 'cut to end of line' },
  { context: 'shell', action: 'edit.killWordBack', keys: ['ctrl+w'], description: 'cut the previous whitespace-delimited word' },
  { context: 'shell', action: 'edit.killPathWordBack', keys: ['alt+backspace'], description: 'cut the previous word (stops at / in paths)' },
  { context: 'shell', action: 'edit.killWordForward', keys: ['alt+d'], description: 'cut the next word' },
  { context: 'shell', action: 'edit.yank', keys: ['ctrl+y'], description: 'paste the last cut text' },
  { context: 'shell', action: 'mode.pegasus', keys: ['f4'], description: 'Pegasus mode on/off (the >>> prompt; same as the `pegasus` command)' },

  // A command is running: the line stays editable (typeahead is never lost); Enter queues it to run next.
  { context: 'running', action: 'command.cancel', keys: ['ctrl+c'], description: 'cancel the running command', hint: 'cancel' },

  // Ctrl-R reverse-i-search.
  { context: 'search', action: 'search.older', keys: ['ctrl+r'], description: 'older match', hint: 'older' },
  { context: 'search', action: 'search.accept', keys: ['enter'], description: 'put the match on the line (does not run it)', hint: 'accept' },
  { context: 'search', action: 'search.abort', keys: ['esc', 'ctrl+g', 'ctrl+c'], description: 'abort and restore the line', hint: 'abort' },

  // Completion popup.
  { context: 'popup', action: 'popup.next', keys: ['tab', 'down'], description: 'next candidate', hint: 'next' },
  { context: 'popup', action: 'popup.prev', keys: ['shift+tab', 'up'], description: 'previous candidate', hint: 'prev' },
  { context: 'popup', action: 'popup.accept', keys: ['enter'], description: 'insert the candidate', hint: 'insert' },
  { context: 'popup', action: 'popup.close', keys: ['esc', 'ctrl+c'], description: 'close the popup', hint: 'close' },

  // Confirmation of a destructive command: default No.
  { context: 'confirm', action: 'confirm.yes', keys: ['y', 'Y'], description: 'yes, go ahead', hint: 'yes' },
  { context: 'confirm', action: 'confirm.no', keys: ['n', 'N', 'enter', 'esc', 'ctrl+c'], description: 'no (any other key too)', hint: 'no' },

  // Help overlay.
  { context: 'help', action: 'help.close', keys: ['esc', 'q', '?', 'f1'], description: 'close help', hint: 'close' },
  { context: 'help', action: 'help.up', keys: ['up', 'shift+up', 'k'], description: 'scroll help up' },
  { context: 'help', action: 'help.down', keys: ['down', 'shift+down', 'j'], description: 'scroll help down', hint: 'scroll' },
  { context: 'help', action: 'help.pageUp', keys: ['pageup'], description: 'page help up' },
  { context: 'help', action: 'help.pageDown', keys: ['pagedown', 'space'], description: 'page help down' },

  // Another pane has the focus (ensemble, timeline, checklist once they exist).
  { context: 'pane', action: 'focus.next', keys: ['tab'], description: 'focus the next pane' },
  { context: 'pane', action: 'focus.prev', keys: ['shift+tab'], description: 'focus the previous pane' },

  // The event timeline pane, while it has the focus.
  { context: 'timeline', action: 'timeline.older', keys: ['up', 'k'], description: 'one event back', hint: 'older' },
  { context: 'timeline', action: 'timeline.newer', keys: ['down', 'j'], description: 'one event forward', hint: 'newer' },
  { context: 'timeline', action: 'timeline.pageOlder', keys: ['pageup'], description: 'a page of events back', hint: 'page', hintWith: 'timeline.pageNewer' },
  { context: 'timeline', action: 'timeline.pageNewer', keys: ['pagedown'], description: 'a page of events forward' },
  { context: 'timeline', action: 'timeline.oldest', keys: ['home'], description: 'the oldest event kept' },
  { context: 'timeline', action: 'timeline.newest', keys: ['end'], description: 'the newest event (follow again)', hint: 'newest' },

  // Anywhere outside overlays.
  { context: 'global', action: 'scroll.pageUp', keys: ['pageup'], description: 'scroll the output one page up', hint: 'scroll', hintWith: 'scroll.pageDown' },
  { context: 'global', action: 'scroll.pageDown', keys: ['pagedown'], description: 'scroll the output one page down' },
  { context: 'global', action: 'scroll.lineUp', keys: ['shift+up', 'ctrl+up'], description: 'scroll the output one line up' },
  { context: 'global', action: 'scroll.lineDown', keys: ['shift+down', 'ctrl+down'], description: 'scroll the output one line down' },
  { context: 'global', action: 'scroll.top', keys: ['ctrl+home'], description: 'oldest output' },
  { context: 'global', action: 'scroll.bottom', keys: ['end', 'ctrl+end'], description: 'newest output, follow again (End: when the cursor is already at the line end)' },
  { context: 'global', action: 'view.clear', keys: ['ctrl+l'], description: 'clear the view (output is kept: PgUp brings it back)' },
  { context: 'global', action: 'help.open', keys: ['f1'], description: 'help: every key binding', hint: 'help' },
  { context: 'global', action: 'focus.next', keys: ['f6'], description: 'focus the next pane', hint: 'pane' },
  { context: 'global', action: 'focus.prev', keys: ['shift+f6'], description: 'focus the previous pane' },
  { context: 'global', action: 'panes.toggle', keys: ['f2'], description: 'next layout: shell with the ensemble line, shell with the panels, panels full screen' },

  // `zkpilot replay`: the recorded session played back.
  { context: 'replay', action: 'replay.pause', keys: ['space'], description: 'pause or play', hint: 'pause' },
  { context: 'replay', action: 'replay.stepBack', keys: ['left'], description: 'previous event (a command with its output is one)', hint: 'event', hintWith: 'replay.stepForward' },
  { context: 'replay', action: 'replay.stepForward', keys: ['right'], description: 'next event' },
  { context: 'replay', action: 'replay.nextMark', keys: ['m'], description: 'next mark', hint: 'mark', hintWith: 'replay.prevMark' },
  { context: 'replay', action: 'replay.prevMark', keys: ['M'], description: 'previous mark' },
  { context: 'replay', action: 'replay.faster', keys: ['+', '='], description: 'faster', hint: 'speed', hintWith: 'replay.slower' },
  { context: 'replay', action: 'replay.slower', keys: ['-'], description: 'slower' },

  // Both read-only screens, replay and follow (the live mirror shows the newest output unless scrolled back).
  { context: 'viewer', action: 'viewer.pageUp', keys: ['pageup'], description: 'scroll one page up', hint: 'scroll', hintWith: 'viewer.pageDown' },
  { context: 'viewer', action: 'viewer.pageDown', keys: ['pagedown'], description: 'scroll one page down' },
  { context: 'viewer', action: 'viewer.top', keys: ['home'], description: 'oldest output' },
  { context: 'viewer', action: 'viewer.follow', keys: ['end'], description: 'newest output, follow again', hint: 'follow' },
  { context: 'viewer', action: 'viewer.timeline', keys: ['t'], description: 'timeline instead of the output (narrow terminals)', hint: 'timeline' },
  { context: 'viewer', action: 'viewer.quit', keys: ['q', 'esc', 'ctrl+c'], description: 'leave', hint: 'quit' },
];

/** Every action id a setting may remap. */
export const KEY_ACTIONS: readonly ActionId[] = [...new Set(KEYMAP.map((b) => b.action))];
