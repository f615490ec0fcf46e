// One read can hold several keys: the decoder splits it so a line break is an Enter wherever the
// read boundaries fall, and only a bracketed paste (which may span reads) is a paste.
import { describe, expect, it } from 'vitest';
import { InputDecoder, type KeyEvent } from '../../../src/ui/input/decodeKey.js';

function decode(...reads: string[]): KeyEvent[] {
  const d = new InputDecoder();
  return reads.flatMap((r) => d.push(r));
}

const names = (events: KeyEvent[]) => events.map((e) => (e.text && e.name !== 'space' ? `${e.name}:${e.text}` : e.name));

describe('InputDecoder', () => {
  it('text and Enter in one read are typing: the text, then Enter', () => {
    expect(names(decode('ls /\r'))).toEqual(['text:ls /', 'enter']);
    expect(names(decode('create /x v\r'))).toEqual(['text:create /x v', 'enter']);
  });

  it('two lines in one read are two lines, in order, never glued', () => {
    expect(names(decode('ls /\rls /zookeeper\r'))).toEqual(['text:ls /', 'enter', 'text:ls /zookeeper', 'enter']);
    expect(names(decode('a\r\nb\n'))).toEqual(['a:a', 'enter', 'b:b', 'enter']);
  });

  it('control keys inside a read act as keys (Tab, Backspace, Ctrl-U)', () => {
    expect(names(decode('ls /zoo\t'))).toEqual(['text:ls /zoo', 'tab']);
    expect(names(decode('ab\x7f\x7fc\x15'))).toEqual(['text:ab', 'backspace', 'backspace', 'c:c', 'ctrl+u']);
  });

  it('escape sequences mixed with text are decoded in place', () => {
    expect(names(decode('ls\x1b[Dx\x1b[3~\x1bb\x1bOP?'))).toEqual(['text:ls', 'left', 'x:x', 'delete', 'alt+b', 'f1', '?:?']);
    expect(names(decode('\x1b\x1b[A'))).toEqual(['alt+up']);
    expect(names(decode('\x1b'))).toEqual(['esc']);
  });

  it('a bracketed paste is one paste event, line breaks included, keys around it stay keys', () => {
    expect(decode('x\x1b[200~ls /\nget /a\n\x1b[201~\r')).toEqual([
      { name: 'x', text: 'x' },
      { name: 'paste', text: 'ls /\nget /a\n' },
      { name: 'enter', text: '' },
    ]);
  });

  it('a bracketed paste split across reads is kept until its end marker (also when the marker is split)', () => {
    const d = new InputDecoder();
    expect(d.push('\x1b[200~ls /\r')).toEqual([]);
    expect(d.inPaste).toBe(true);
    expect(d.push('get /a')).toEqual([]);
    // Ink hands an escape sequence over as its own event: the paste's inner escapes stay paste text.
    expect(d.push('\x1b[A')).toEqual([]);
    expect(d.push('\r\x1b[20')).toEqual([]);
    expect(d.push('1~\x03')).toEqual([
      { name: 'paste', text: 'ls /\rget /a\x1b[A\r' },
      { name: 'ctrl+c', text: '' },
    ]);
    expect(d.inPaste).toBe(false);
  });
});
