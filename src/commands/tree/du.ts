// du path: for each child of PATH, the nodes and data bytes of its subtree (itself included),
// biggest first, then PATH's own total; sizes in B, KiB, MiB, GiB. Walked like tree (sorted,
// bounded window); only one counter per child is kept, never the tree.
import type { CommandSpec } from '../../shell/registry.js';
import { usageError } from '../zk/common.js';
import { checkPath } from '../zk/zkPath.js';
import { walkOrdered } from './orderedWalk.js';
import { humanSize } from '../../util/humanSize.js';

interface Row {
  path: string;
  nodes: number;
  bytes: number;
}

/** Right-aligned size and node columns under a header, the total last. */
export function duTable(rows: readonly Row[], total: Row): string[] {
  const sorted = [...rows].sort((a, b) => b.bytes - a.bytes || b.nodes - a.nodes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const all = [...sorted, total];
  const sizes = all.map((r) => humanSize(r.bytes));
  const sizeWidth = Math.max(4, ...sizes.map((s) => s.length));
  const nodeWidth = Math.max(5, ...all.map((r) => String(r.nodes).length));
  const line = (size: string, nodes: string, path: string): string => `${size.padStart(sizeWidth)}  ${nodes.padStart(nodeWidth)}  ${path}`;
  return [
    line('size', 'nodes', 'path'),
    ...sorted.map((r, i) => line(sizes[i]!, String(r.nodes), r.path)),
    line(sizes[sizes.length - 1]!, String(total.nodes), `${total.path} (total)`),
  ];
}

export const duCommand: CommandSpec = {
  name: 'du',
  usage: 'path',
  summary: 'Nodes and data bytes under each child of a znode, biggest first',
  args: ['path'],
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length !== 2) throw usageError(duCommand);
    const root = checkPath(parsed.args[1]!);
    const client = ctx.conn.require();
    const total: Row = { path: root, nodes: 0, bytes: 0 };
    const rows: Row[] = [];
    await walkOrdered<number>(ctx, root, {
      what: 'du',
      async read(path) {
        const { children, stat } = await client.getChildren(path);
        return { value: stat.dataLength, children };
      },
      // Not listable, but its own size is in its stat, which needs no permission.
      denied: async (path) => (await client.exists(path))?.dataLength ?? 0,
      visit(node) {
        // Depth-first: a child's whole subtree comes right after the child.
        if (node.depth === 1) rows.push({ path: node.path, nodes: 0, bytes: 0 });
        const row = node.depth === 0 ? null : rows[rows.length - 1]!;
        for (const r of row === null ? [total] : [row, total]) {
          r.nodes += 1;
          r.bytes += node.value;
        }
      },
    });
    ctx.out(duTable(rows, total).join('\n'));
  },
};
