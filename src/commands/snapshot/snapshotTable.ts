// The snapshot commands' tables: file, zxid in hex and as epoch:counter (as the ensemble panel
// shows it), size, and a note (why a file is packed, or why not).
import type { ZxidFile } from '../../snapshots/index.js';

export interface FileRow {
  file: ZxidFile;
  note: string;
}


export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function fileTable(rows: readonly FileRow[]): string[] {
  const cells = rows.map((r) => [r.file.name, r.file.zxid.hex, `${r.file.zxid.epoch}:${r.file.zxid.counter}`, byteSize(r.file.size), r.note]);
  const head = ['file', 'zxid', 'epoch:counter', 'size', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((text, i) => (i === 3 ? text.padStart(widths[i]!) : i === c.length - 1 ? text : text.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...cells.map(line)];
}
