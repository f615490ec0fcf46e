// Reading table_printer output back: `[name]` sections of either a multi-column table (a title
// row, then rows) or a single-column `name : value` table, separated by empty lines. Cells are
// split on whitespace runs (Pegasus cells hold no spaces), with trailing padding ignored.

export interface Section {
  /** The `[name]` header, or null for the lines before any header (or an unnamed table). */
  name: string | null;
  lines: string[];
}

/** HEAD's shell colours ERROR lines even into pipes: `\x1b[1;31m…\x1b[0m`. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

export function splitLines(text: string): string[] {
  const lines = stripAnsi(text).replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const HEADER = /^\[([^\]\s]+)\]\s*$/;

export function parseSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const raw of splitLines(text)) {
    const header = HEADER.exec(raw);
    if (header) {
      current = { name: header[1]!, lines: [] };
      sections.push(current);
      continue;
    }
    if (raw.trim() === '') {
      current = null;
      continue;
    }
    if (current === null) {
      current = { name: null, lines: [] };
      sections.push(current);
    }
    current.lines.push(raw);
  }
  return sections;
}

export function findSection(sections: readonly Section[], name: string): Section | undefined {
  return sections.find((s) => s.name === name);
}

/** `name<pad>: value<pad>` lines → ordered map (a value may be empty). */
export function keyValues(section: Section | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of section?.lines ?? []) {
    const m = /^(\S+)\s*: ?(.*?)\s*$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

export interface Tabular {
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * A title row and data rows. A row with fewer cells than columns lost its leading cells to
 * emptiness (the total row of `app -d`'s [nodes] has an empty name): cells align from the right.
 */
export function tabular(section: Section | undefined): Tabular {
  if (!section || section.lines.length === 0) return { columns: [], rows: [] };
  const columns = section.lines[0]!.trim().split(/\s+/);
  const rows = section.lines.slice(1).map((line) => {
    const cells = line.trim().split(/\s+/);
    const offset = columns.length - cells.length;
    const row: Record<string, string> = {};
    columns.forEach((col, i) => {
      row[col] = i - offset >= 0 ? (cells[i - offset] ?? '') : '';
    });
    return row;
  });
  return { columns, rows };
}

/** A `… failed, error=ERR_X` line anywhere in the output (meta unreachable, under recovery…). */
export function errorCode(text: string): string | null {
  const m = /(?:error ?= ?|err = |error )(ERR_[A-Z_]+)/.exec(stripAnsi(text));
  return m ? m[1]! : null;
}
