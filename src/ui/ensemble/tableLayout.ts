// Which columns of the ensemble table fit the pane: columns join in priority order (role and lag
// before the hex zxid and the version) and are shown in table order. The pane is 38 columns wide
// when stacked at 80 columns and 40–64 in the side column, so "compact" is the common case.
import {
  configCell, epochCounterCell, idCell, lagCell, latencyCell, roleCell, zxidCell,
} from '../../ensemble/cells.js';
import type { NodeView } from '../../ensemble/types.js';

export type ColumnId = 'mark' | 'id' | 'address' | 'role' | 'zxid' | 'ec' | 'lag' | 'version' | 'cfg' | 'latency';

interface ColumnDef {
  id: ColumnId;
  title: string;
  /** Lower joins first. */
  priority: number;
  align: 'left' | 'right';
  cell: (n: NodeView) => string;
}

const COLUMNS: readonly ColumnDef[] = [
  { id: 'mark', title: '', priority: 0, align: 'left', cell: (n) => (n.marker ? '▶' : ' ') },
  { id: 'id', title: 'id', priority: 0, align: 'right', cell: idCell },
  { id: 'address', title: 'address', priority: 5, align: 'left', cell: (n) => n.key },
  { id: 'role', title: 'role', priority: 0, align: 'left', cell: roleCell },
  { id: 'zxid', title: 'zxid', priority: 7, align: 'left', cell: zxidCell },
  { id: 'ec', title: 'ep:ctr', priority: 1, align: 'right', cell: epochCounterCell },
  { id: 'lag', title: 'lag', priority: 2, align: 'right', cell: lagCell },
  { id: 'version', title: 'ver', priority: 6, align: 'left', cell: (n) => n.version ?? '-' },
  { id: 'cfg', title: 'cfg', priority: 3, align: 'left', cell: configCell },
  { id: 'latency', title: 'lat ms', priority: 4, align: 'right', cell: latencyCell },
];

export interface LaidOutColumn {
  id: ColumnId;
  title: string;
  width: number;
  align: 'left' | 'right';
  cell: (n: NodeView) => string;
}

const GAP = 1;

export function layoutColumns(nodes: readonly NodeView[], width: number): LaidOutColumn[] {
  const measured = COLUMNS.map((c) => ({
    ...c,
    width: Math.max(c.title.length, ...nodes.map((n) => [...c.cell(n)].length), c.id === 'mark' ? 1 : 0),
  }));
  const chosen = new Set<ColumnId>();
  let used = 0;
  for (const c of [...measured].sort((a, b) => a.priority - b.priority)) {
    const extra = c.width + (chosen.size > 0 ? GAP : 0);
    if (used + extra > width) {
      if (c.priority === 0) {
        // The essentials always show; the role may be cut to the space left.
        chosen.add(c.id);
        used += extra;
      }
      continue;
    }
    chosen.add(c.id);
    used += extra;
  }
  return measured.filter((c) => chosen.has(c.id)).map(({ id, title, width: w, align, cell }) => ({ id, title, width: w, align, cell }));
}

export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const len = [...text].length;
  if (len >= width) return [...text].slice(0, width).join('');
  return align === 'right' ? ' '.repeat(width - len) + text : text + ' '.repeat(width - len);
}
