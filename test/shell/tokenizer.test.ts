import { describe, expect, it } from 'vitest';
import { tokenize, tokenSpans } from '../../src/shell/tokenizer.js';

describe('tokenize (zkCli quoting rules)', () => {
  it.each([
    ['ls /', ['ls', '/']],
    ['  ls    /app  ', ['ls', '/app']],
    ['create /q "hello world"', ['create', '/q', 'hello world']],
    ["set /q 'single quoted'", ['set', '/q', 'single quoted']],
    ['set /q a"b c"', ['set', '/q', 'a"b', 'c"']],
    ['set /q ""', ['set', '/q', '']],
    ["set /q ''", ['set', '/q', '']],
    ['set /q    spaced   ', ['set', '/q', 'spaced']],
    ['get "/a b"x', ['get', '/a b', 'x']],
    ['create /x "unterminated', ['create', '/x', 'unterminated']],
  ])('%s', (line, tokens) => {
    expect(tokenize(line)).toEqual(tokens);
  });

  it('gives token spans for completion', () => {
    expect(tokenSpans('ls  /ap')).toEqual([
      { text: 'ls', start: 0, end: 2 },
      { text: '/ap', start: 4, end: 7 },
    ]);
  });
});
