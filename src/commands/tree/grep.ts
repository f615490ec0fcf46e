// grep [-i] [-l] path pattern: searches the data of every node of a subtree for a JavaScript
// regular expression; one line per matching node, `PATH: excerpt` (the first match, at most 60
// columns, control characters escaped, binary data as bytes), or just PATH with -l. Null data
// never matches. Exit 0 when a node matched, 1 when none did.
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { usageError } from '../zk/common.js';
import { checkPath } from '../zk/zkPath.js';
import { excerpt, haystack } from './excerpt.js';
import { compilePattern, walkOrdered } from './orderedWalk.js';

const OPTIONS: OptionSpec[] = [
  { flag: 'i', description: 'ignore case' },
  { flag: 'l', description: 'print only the paths of the matching znodes' },
];

/** `null` when `data` does not match; otherwise the excerpt around the first match. */
export function matchData(data: Buffer | null, pattern: RegExp): string | null {
  if (data === null) return null;
  const hay = haystack(data);
  const m = pattern.exec(hay.text);
  if (m === null) return null;
  return excerpt(hay, m.index, m.index + m[0].length);
}

export const grepCommand: CommandSpec = {
  name: 'grep',
  usage: '[-i] [-l] path pattern',
  summary: 'Search the data of a subtree for a regular expression (-i ignore case, -l paths only)',
  options: OPTIONS,
  args: ['path', 'word'],
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length !== 3) throw usageError(grepCommand);
    const root = checkPath(parsed.args[1]!);
    const pattern = compilePattern('grep', parsed.args[2]!, parsed.flags.has('i') ? 'i' : '');
    const pathsOnly = parsed.flags.has('l');
    const client = ctx.conn.require();
    let matched = 0;
    await walkOrdered<string | null>(ctx, root, {
      what: 'grep',
      async read(path) {
        // Matched here, so the data is let go at once; a leaf costs one request.
        const { data, stat } = await client.get(path);
        const value = matchData(data, pattern);
        return { value, children: stat.numChildren > 0 ? (await client.getChildren(path)).children : [] };
      },
      denied: () => null,
      visit(node, out) {
        if (node.value === null) return;
        matched += 1;
        out.line(pathsOnly ? node.path : `${node.path}: ${node.value}`);
      },
    });
    return matched > 0 ? 0 : 1;
  },
};
