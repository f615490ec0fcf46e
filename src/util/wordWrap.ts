// Wrapping text for a pane of a given width at word boundaries (a word longer than the width is
// split where it must be), counting wide characters (CJK, emoji) as two columns.
import { displayWidth, wrapToWidth } from './scrollback.js';

/** `text` in rows of at most `width` columns, broken at spaces where possible. */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  if (displayWidth(text) <= w) return [text];
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(/(?<= )/)) {
    // `word` keeps its trailing space; the space may hang past the edge, the letters may not.
    const letters = word.trimEnd();
    if (displayWidth(row) + displayWidth(letters) <= w) {
      row += word;
      continue;
    }
    if (row.trim()) rows.push(row.trimEnd());
    row = '';
    if (displayWidth(letters) > w) {
      const parts = wrapToWidth(letters, w);
      rows.push(...parts.slice(0, -1));
      row = parts.at(-1)! + word.slice(letters.length);
    } else row = word;
  }
  if (row.trim() || rows.length === 0) rows.push(row.trimEnd());
  return rows;
}
