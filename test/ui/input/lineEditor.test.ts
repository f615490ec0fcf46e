import { describe, expect, it } from 'vitest';
import { editLine, emptyEditor, sanitizeInput, type EditAction, type EditorState } from '../../../src/ui/input/lineEditor.js';

/** Line state from a template: `|` marks the cursor. */
function at(template: string, extra: Partial<EditorState> = {}): EditorState {
  const cursor = template.indexOf('|');
  return { ...emptyEditor(), text: template.replace('|', ''), cursor: cursor < 0 ? template.length : cursor, ...extra };
}
function show(s: EditorState): string {
  return `${s.text.slice(0, s.cursor)}|${s.text.slice(s.cursor)}`;
}
function run(start: EditorState, actions: EditAction[], history: readonly string[] = []): EditorState {
  return actions.reduce((s, a) => editLine(s, a, history), start);
}
const a = (type: Exclude<EditAction['type'], 'insert' | 'replace'>): EditAction => ({ type }) as EditAction;

describe('line editor: editing and movement', () => {
  it.each<[string, EditAction[], string]>([
    ['|', [{ type: 'insert', text: 'ls /' }], 'ls /|'],
    ['ls |/', [{ type: 'insert', text: '-s ' }], 'ls -s |/'],
    ['ls /a|', [a('backspace')], 'ls /|'],
    ['|ls', [a('backspace')], '|ls'],
    ['l|s', [a('deleteForward')], 'l|'],
    ['ls|', [a('deleteForward')], 'ls|'],
    ['ls /a|', [a('left'), a('left')], 'ls |/a'],
    ['ls|', [a('right')], 'ls|'],
    ['get /zoo|', [a('home')], '|get /zoo'],
    ['|get /zoo', [a('end')], 'get /zoo|'],
    ['get /zookeeper/quota|', [a('wordLeft')], 'get /zookeeper/|quota'],
    ['get /zookeeper/quota|', [a('wordLeft'), a('wordLeft')], 'get /|zookeeper/quota'],
    ['|get /zookeeper', [a('wordRight'), a('wordRight')], 'get /zookeeper|'],
    ['set /a |data', [a('killToStart')], '|data'],
    ['set /a |data', [a('killToEnd')], 'set /a |'],
    ['set /a/b data|', [a('killWordBack')], 'set /a/b |'],
    ['set /a/b |', [a('killWordBack')], 'set |'],
    ['set /a/b|', [a('killPathWordBack')], 'set /a/|'],
    ['|set /a', [a('killWordForward')], '| /a'],
    ['a😀|b', [a('backspace')], 'a|b'],
    ['a|😀b', [a('right')], 'a😀|b'],
    ['a😀|b', [a('left')], 'a|😀b'],
  ])('%s + %j → %s', (start, actions, expected) => {
    expect(show(run(at(start), actions))).toBe(expected);
  });

  it('Ctrl-Y yanks the last cut; consecutive cuts accumulate as in readline', () => {
    let s = run(at('delete /a/b/c|'), [a('killWordBack'), a('killWordBack')]);
    expect(show(s)).toBe('|');
    expect(s.killed).toBe('delete /a/b/c');
    s = run(s, [{ type: 'insert', text: 'get ' }, a('yank')]);
    expect(show(s)).toBe('get delete /a/b/c|');
  });

  it('a cut after another action starts a fresh kill buffer', () => {
    const s = run(at('one two|'), [a('killWordBack'), a('left'), a('killWordBack')]);
    expect(s.killed).toBe('one'); // not 'onetwo': the Left in between ended the run of cuts
  });

  it('Ctrl-D deletes forward, and signals EOF only on an empty line', () => {
    expect(show(run(at('l|s'), [a('eofOrDelete')]))).toBe('l|');
    expect(run(at('l|s'), [a('eofOrDelete')]).event).toBeNull();
    expect(run(at('|'), [a('eofOrDelete')]).event).toEqual({ type: 'eof' });
    // The event is one-shot: the next action clears it.
    expect(run(at('|'), [a('eofOrDelete'), a('left')]).event).toBeNull();
  });

  it('clear (Ctrl-C) empties the line but keeps the kill buffer', () => {
    const s = run(at('get /a|', { killed: 'x' }), [a('clear')]);
    expect(show(s)).toBe('|');
    expect(s.killed).toBe('x');
  });

  it('replace (completion) swaps a token and puts the cursor after it', () => {
    expect(show(run(at('ls /zoo| -s'), [{ type: 'replace', start: 3, end: 7, text: '/zookeeper' }]))).toBe('ls /zookeeper| -s');
  });
});

describe('line editor: paste', () => {
  it('a single line with a trailing newline is inserted, never executed', () => {
    const s = run(at('|'), [{ type: 'insert', text: 'ls /zookeeper\n' }]);
    expect(show(s)).toBe('ls /zookeeper|');
    expect(s.event).toBeNull();
  });

  it('several lines are refused with a notice and leave the line untouched', () => {
    const s = run(at('get |'), [{ type: 'insert', text: 'delete /a\nls /\n' }]);
    expect(show(s)).toBe('get |');
    expect(s.event).toMatchObject({ type: 'notice' });
    expect((s.event as { text: string }).text).toContain('2 lines');
  });

  it('control characters and escape sequences never enter the line', () => {
    expect(sanitizeInput('a\tb\x1b[31mc\x07d\x1b]0;title\x07e\u202ef')).toBe('a bcdef');
    expect(show(run(at('|'), [{ type: 'insert', text: 'x\x1b[2Jy' }]))).toBe('xy|');
  });
});

describe('line editor: history', () => {
  const history = ['ls /', 'get /a', 'stat /b'];

  it('Up walks back, Down walks forward and returns to the draft', () => {
    let s = run(at('sta|'), [a('historyPrev')], history);
    expect(show(s)).toBe('stat /b|');
    s = run(s, [a('historyPrev'), a('historyPrev'), a('historyPrev')], history);
    expect(show(s)).toBe('ls /|');
    s = run(s, [a('historyNext'), a('historyNext'), a('historyNext')], history);
    expect(show(s)).toBe('sta|');
    expect(s.recall.index).toBeNull();
  });

  it('editing a recalled line does not change the stored history', () => {
    const stored = [...history];
    let s = run(at('|'), [a('historyPrev'), { type: 'insert', text: ' -s' }], stored);
    expect(s.text).toBe('stat /b -s');
    s = run(s, [a('historyPrev'), a('historyNext')], stored);
    expect(s.text).toBe('stat /b');
    expect(stored).toEqual(history);
  });

  it('Up with no history does nothing', () => {
    expect(show(run(at('x|'), [a('historyPrev')], []))).toBe('x|');
  });
});

describe('line editor: Ctrl-R reverse-i-search', () => {
  const history = ['ls /', 'get /a', 'ls /zookeeper', 'stat /b', 'ls /zookeeper'];
  const type = (text: string): EditAction[] => [...text].map((c) => ({ type: 'insert', text: c }));

  it('typing finds the newest match; Ctrl-R again finds older ones, skipping duplicates', () => {
    let s = run(at('draft|'), [a('searchStart'), ...type('ls')], history);
    expect(s.search).toMatchObject({ query: 'ls', match: 4, failed: false });
    expect(s.text).toBe('ls /zookeeper');
    s = run(s, [a('searchStart')], history);
    expect(s.search?.match).toBe(0);
    expect(s.text).toBe('ls /');
    s = run(s, [a('searchStart')], history);
    expect(s.search?.failed).toBe(true);
    expect(s.text).toBe('ls /');
  });

  it('Enter accepts the match into the line without running it', () => {
    const s = run(at('|'), [a('searchStart'), ...type('get'), a('searchAccept')], history);
    expect(s.search).toBeNull();
    expect(s.text).toBe('get /a');
    expect(s.event).toBeNull();
  });

  it('Esc / Ctrl-G aborts and restores the line as it was', () => {
    const s = run(at('dra|ft'), [a('searchStart'), ...type('stat'), a('searchAbort')], history);
    expect(show(s)).toBe('dra|ft');
    expect(s.search).toBeNull();
  });

  it('a query nothing matches is reported as failed and keeps the last match', () => {
    const s = run(at('|'), [a('searchStart'), ...type('getx')], history);
    expect(s.search?.failed).toBe(true);
    expect(s.text).toBe('get /a');
  });

  it('Backspace shortens the query; another editing key accepts, then acts', () => {
    let s = run(at('|'), [a('searchStart'), ...type('statx'), a('backspace')], history);
    expect(s.search).toMatchObject({ query: 'stat', failed: false });
    s = run(s, [a('end')], history);
    expect(s.search).toBeNull();
    expect(show(s)).toBe('stat /b|');
  });
});
