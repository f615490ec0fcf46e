// The scrollback model under the shell pane: ring capacity, wrapping, scrolling, sanitising.
import { describe, expect, it } from 'vitest';
import { Scrollback, sanitizeOutput, wrapToWidth, displayWidth } from '../../src/util/scrollback.js';

function filled(n: number, capacity = 100): Scrollback {
  const sb = new Scrollback(capacity);
  for (let i = 0; i < n; i++) sb.push(`line ${i}`, 'plain', 'stdout');
  return sb;
}
const texts = (sb: Scrollback, w: number, h: number, anchor: Parameters<Scrollback['window']>[2] = null, clearMark = 0) =>
  sb.window(w, h, anchor, clearMark).rows.map((r) => r.text);

describe('Scrollback', () => {
  it('keeps at most `capacity` lines, dropping the oldest', () => {
    const sb = filled(15, 10);
    expect(sb.size).toBe(10);
    expect(sb.texts()[0]).toBe('line 5');
    expect(sb.nextSeq).toBe(15);
  });

  it('follows the newest output and renders only the visible window', () => {
    expect(texts(filled(50), 20, 3)).toEqual(['line 47', 'line 48', 'line 49']);
    expect(texts(filled(2), 20, 5)).toEqual(['line 0', 'line 1']);
  });

  it('hard-wraps lines to the pane width', () => {
    const sb = new Scrollback(10);
    sb.push('abcdefghij', 'plain', 'stdout');
    expect(texts(sb, 4, 5)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('scrolls by rows, stops with a full page at the top, and follows again at the bottom', () => {
    const sb = filled(20);
    const up = sb.move(null, -5, 20, 4);
    expect(up).toEqual({ seq: 14, row: 0 });
    const view = sb.window(20, 4, up, 0);
    expect(view.rows.map((r) => r.text)).toEqual(['line 12', 'line 13', 'line 14']);
    expect(view.below).toBe(5);
    expect(sb.move(null, -1000, 20, 4)).toEqual({ seq: 2, row: 0 });
    expect(sb.move(up, 2, 20, 4)).toEqual({ seq: 16, row: 0 });
    expect(sb.move(up, 5, 20, 4)).toBeNull();
  });

  it('new output does not move a scrolled view', () => {
    const sb = filled(20);
    const up = sb.move(null, -5, 20, 4);
    const before = texts(sb, 20, 4, up);
    sb.push('new', 'plain', 'stdout');
    expect(texts(sb, 20, 4, up)).toEqual(before);
    expect(sb.window(20, 4, up, 0).below).toBe(6);
  });

  it('an anchor whose line left the ring clamps to the oldest line', () => {
    const sb = filled(10, 10);
    const up = sb.move(null, -100, 20, 4)!;
    for (let i = 0; i < 20; i++) sb.push(`more ${i}`, 'plain', 'stdout');
    expect(texts(sb, 20, 4, up)[0]).toBe('more 10');
  });

  it('a clear mark hides older lines while following; scrolling up brings them back', () => {
    const sb = filled(10);
    expect(texts(sb, 20, 4, null, 10)).toEqual([]);
    sb.push('after clear', 'plain', 'stdout');
    expect(texts(sb, 20, 4, null, 10)).toEqual(['after clear']);
    const up = sb.move(null, -1, 20, 4);
    expect(texts(sb, 20, 4, up, 10)).toEqual(['line 7', 'line 8', 'line 9']);
  });

  it('everything fitting on one page cannot be scrolled', () => {
    expect(filled(3).move(null, -1, 20, 10)).toBeNull();
  });
});

describe('sanitizeOutput', () => {
  it.each<[string, string]>([
    ['plain text', 'plain text'],
    ['\x1b[31mred\x1b[0m', 'red'], // colour is dropped, not shown
    ['\x1b[2J\x1b[H', '^[[2J^[[H'], // screen control is shown, inert
    ['\x1b]52;c;aGk=\x07', '^[]52;c;aGk=^G'], // OSC 52 clipboard write
    ['over\rwrite', 'over^Mwrite'],
    ['windows line\r', 'windows line'],
    ['bell\x07 del\x7f c1\x9b', 'bell^G del^? c1<9b>'],
    ['a\u202eb', 'a<U+202E>b'],
    ['a\tb', 'a       b'],
    ['1234567\tb', '1234567 b'],
    ['wide 節点, accents é, emoji 🙂', 'wide 節点, accents é, emoji 🙂'],
    ['isolate\u2066x\u2069', 'isolate<U+2066>x<U+2069>'],
  ])('%j → %j', (raw, shown) => {
    expect(sanitizeOutput(raw)).toBe(shown);
  });

  it('keeps a plain line as it is (no copy made a character at a time)', () => {
    const line = ['/bench', 'b3', 'g42', 'n17'].join('/');
    expect(sanitizeOutput(line)).toBe(line);
  });
});

describe('terminal text widths', () => {
  it('counts East Asian wide characters as two columns and never splits them', () => {
    expect(displayWidth('節点a')).toBe(5);
    expect(wrapToWidth('節点節点', 3)).toEqual(['節', '点', '節', '点']);
    expect(wrapToWidth('', 10)).toEqual(['']);
  });
});
