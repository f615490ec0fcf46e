// find path pattern [-r]: the full paths, in sorted depth-first order, whose last component
// matches a glob (default) or a JavaScript regular expression (-r, unanchored: `^…$` to anchor).
// Like grep: exit 0 when something matched, 1 when nothing did, and then nothing is printed.
import { CliError } from '../../shell/errors.js';
import type { OptionSpec } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { usageError } from '../zk/common.js';
import { checkPath } from '../zk/zkPath.js';
import { globToRegExp } from './glob.js';
import { compilePattern, walkOrdered } from './orderedWalk.js';

function compileGlob(source: string): RegExp {
  try {
    return globToRegExp(source);
  } catch (e) {
    throw new CliError(`find: bad pattern: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const OPTIONS: OptionSpec[] = [{ flag: 'r', description: 'the pattern is a JavaScript regular expression, not a glob' }];

export const findCommand: CommandSpec = {
  name: 'find',
  usage: '[-r] path pattern',
  summary: 'Find znodes whose name matches a glob (-r: a regular expression)',
  options: OPTIONS,
  args: ['path', 'word'],
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length !== 3) throw usageError(findCommand);
    const root = checkPath(parsed.args[1]!);
    const source = parsed.args[2]!;
    const pattern = parsed.flags.has('r') ? compilePattern('find', source) : compileGlob(source);
    const client = ctx.conn.require();
    let matched = 0;
    await walkOrdered<null>(ctx, root, {
      what: 'find',
      async read(path) {
        return { value: null, children: (await client.getChildren(path)).children };
      },
      denied: () => null,
      visit(node, out) {
        // `/` has no name to match; a node we may not read still has one.
        if (node.name === '' || !pattern.test(node.name)) return;
        matched += 1;
        out.line(node.path);
      },
    });
    return matched > 0 ? 0 : 1;
  },
};
