import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../src/util/scrollback.js';

describe('wrapWords', () => {
  it('breaks at spaces, never inside a word that fits', () => {
    expect(wrapWords('sandbox: 3 servers at 127.0.0.1:2181 (stopped when you quit)', 30)).toEqual(['sandbox: 3 servers at', '127.0.0.1:2181 (stopped when', 'you quit)']);
  });

  it('splits a word longer than the width where it must', () => {
    expect(wrapWords('id aaaaaaaaaaaa b', 5)).toEqual(['id', 'aaaaa', 'aaaaa', 'aa b']);
  });

  it('counts wide characters as two columns', () => {
    expect(wrapWords('日本語 テキスト', 8)).toEqual(['日本語', 'テキスト']);
  });

  it('keeps short text and empty text as one row', () => {
    expect(wrapWords('ok', 10)).toEqual(['ok']);
    expect(wrapWords('', 10)).toEqual(['']);
  });
});
