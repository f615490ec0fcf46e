// tree path [-d depth]: the subtree as an indented tree with box-drawing connectors, children
// sorted, streamed as it is walked; `-d 0` is the node alone. Ends with `N nodes`.
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { ZkError } from '../../zk/types.js';
import { usageError } from '../zk/common.js';
import { checkPath } from '../zk/zkPath.js';
import { walkOrdered, wholeNumber } from './orderedWalk.js';
import { counted } from '../../util/counted.js';

const OPTIONS: OptionSpec[] = [{ flag: 'd', arg: 'depth', description: 'levels below the node to show (0: the node alone)' }];

/** `├── name`, after a `│   ` or `    ` for each ancestor level below the root. */
export function treeLine(name: string, last: boolean, ancestorsLast: readonly boolean[]): string {
  let prefix = '';
  for (const done of ancestorsLast) prefix += done ? '    ' : '│   ';
  return `${prefix}${last ? '└── ' : '├── '}${name}`;
}

export const treeCommand: CommandSpec = {
  name: 'tree',
  usage: 'path [-d depth]',
  summary: 'Show a subtree as an indented tree (-d: levels to show)',
  options: OPTIONS,
  args: ['path'],
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length !== 2) throw usageError(treeCommand);
    const root = checkPath(parsed.args[1]!);
    const maxDepth = wholeNumber('tree', 'd', parsed.values.get('d'), Infinity);
    const client = ctx.conn.require();
    const visited = await walkOrdered<null>(ctx, root, {
      what: 'tree',
      async read(path, depth) {
        if (depth < maxDepth) return { value: null, children: (await client.getChildren(path)).children };
        // At the last level shown, a listed child needs no request; the root is looked up.
        if (depth === 0 && (await client.exists(path)) === null) throw new ZkError('NoNode', -101, path);
        return { value: null, children: [] };
      },
      denied: () => null,
      visit(node, out) {
        out.line(node.depth === 0 ? node.path : treeLine(node.name, node.last, node.ancestorsLast));
      },
    });
    ctx.out(['', counted(visited, 'node')].join('\n'));
  },
};
