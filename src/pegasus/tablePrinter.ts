// Pegasus's dsn::utils::table_printer / multi_table_printer (src/utils/output_utils.cpp), so the
// stand-in shell prints tables byte for byte as the real one does:
// - every cell is `setw(max_width + 2)`, left- or right-aligned, the last one included (trailing
//   spaces are real);
// - single-column tables print `name<pad>` then `": " + value` padded to max_value_len + 2;
// - a multi-table printout puts an empty line after each table;
// - `-j` is rapidjson's PrettyWriter (4-space indent) with every value a string.

export type Align = 'left' | 'right';
/** An int, a bool or a string; doubles are formatted by the caller (formatDouble). */
export type Cell = string | number | boolean;

/** std::fixed with precision 2, and tiny values as 0.00 (table_printer's double rule). */
export function formatDouble(x: number): string {
  return Math.abs(x) < 1e-6 ? '0.00' : x.toFixed(2);
}

function cellText(value: Cell): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export class TablePrinter {
  private mode: 'unset' | 'single' | 'multi' = 'unset';
  private readonly widths: number[] = [];
  private readonly alignLeft: boolean[] = [];
  private readonly rows: string[][] = [];

  constructor(readonly name = '') {}

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }

  addTitle(title: string, align: Align = 'left'): this {
    this.setMode('multi');
    this.widths.push(title.length);
    this.alignLeft.push(align === 'left');
    this.rows.push([]);
    this.append(title);
    return this;
  }

  addColumn(name: string, align: Align = 'left'): this {
    this.setMode('multi');
    this.widths.push(name.length);
    this.alignLeft.push(align === 'left');
    this.append(name);
    return this;
  }

  addRow(first: Cell): this {
    this.setMode('multi');
    this.rows.push([]);
    this.append(cellText(first));
    return this;
  }

  appendData(value: Cell): this {
    this.append(cellText(value));
    return this;
  }

  addRowNameAndData(name: string, value: Cell): this {
    this.setMode('single');
    const data = cellText(value);
    if (this.widths.length === 0) {
      this.widths.push(name.length, data.length);
      this.alignLeft.push(true, true);
    }
    this.rows.push([]);
    this.append(name);
    this.append(data);
    return this;
  }

  /** The tabular text, `[name]` header first; '' for a table with no rows at all. */
  tabular(): string {
    if (this.widths.length === 0) return '';
    const separator = this.mode === 'single' ? ': ' : '';
    let out = this.name ? `[${this.name}]\n` : '';
    for (const row of this.rows) {
      row.forEach((cell, col) => {
        const data = (col === 0 ? '' : separator) + cell;
        const width = this.widths[col]! + 2;
        out += this.alignLeft[col] ? data.padEnd(width) : data.padStart(width);
      });
      out += '\n';
    }
    return out;
  }

  /** The members this table contributes to a JSON object (table_printer's json_encode). */
  jsonMembers(): JsonValue | null {
    if (this.rows.length === 0) return null;
    const body: [string, JsonValue][] = [];
    if (this.mode === 'multi') {
      const titles = this.rows[0]!;
      for (const row of this.rows.slice(1)) {
        body.push([row[0]!, { object: row.map((cell, col) => [titles[col]!, cell] as [string, JsonValue]) }]);
      }
    } else {
      for (const row of this.rows) body.push([row[0]!, row[1]!]);
    }
    return { object: body };
  }

  json(): string {
    const members = this.jsonMembers();
    const entries: [string, JsonValue][] = members === null ? [] : this.name ? [[this.name, members]] : (members as { object: [string, JsonValue][] }).object;
    return `${prettyJson({ object: entries })}\n`;
  }

  private setMode(mode: 'single' | 'multi'): void {
    if (this.mode === 'unset') this.mode = mode;
    else if (this.mode !== mode) throw new Error(`table_printer ${this.name}: mixed single- and multi-column rows`);
  }

  private append(text: string): void {
    const row = this.rows[this.rows.length - 1]!;
    row.push(text);
    const col = row.length - 1;
    if (col >= this.widths.length) throw new Error(`table_printer ${this.name}: column data exceed`);
    if (this.widths[col]! < text.length) this.widths[col] = text.length;
  }
}

export class MultiTablePrinter {
  private readonly tables: TablePrinter[] = [];

  add(table: TablePrinter): this {
    this.tables.push(table);
    return this;
  }

  /** Each table followed by one empty line (an empty table prints only that line). */
  tabular(): string {
    return this.tables.map((t) => `${t.tabular()}\n`).join('');
  }

  json(): string {
    const entries: [string, JsonValue][] = [];
    for (const t of this.tables) {
      const members = t.jsonMembers();
      if (members === null) continue;
      if (t.name) entries.push([t.name, members]);
      else entries.push(...(members as { object: [string, JsonValue][] }).object);
    }
    return `${prettyJson({ object: entries })}\n`;
  }
}

/** Ordered JSON (JS objects would reorder integer-like keys such as app ids). */
export type JsonValue = string | { object: [string, JsonValue][] };

/** rapidjson PrettyWriter: 4-space indent, `"k": v`, `{}` for an empty object. */
export function prettyJson(value: JsonValue, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value.object.length === 0) return '{}';
  const pad = '    '.repeat(depth + 1);
  const inner = value.object.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${prettyJson(v, depth + 1)}`);
  return `{\n${inner.join(',\n')}\n${'    '.repeat(depth)}}`;
}
