// getAllChildrenNumber path and getEphemerals [path] (3.8). The server answers both from its own
// tables; the native client has neither call, so we walk the tree with a bounded window and give
// the same answer: the number of descendants, and this session's ephemerals under a path PREFIX
// (a string prefix, as the server matches it) in the server's HashSet order.
import type { CommandContext } from '../../shell/context.js';
import type { CommandSpec } from '../../shell/registry.js';
import type { Stat, ZkClient } from '../../zk/types.js';
import { javaList, usageError } from './common.js';
import { hashSetCloneOrder } from './javaCollections.js';
import { childPath, isNoNode, walkSubtrees } from './walk.js';
import { checkPath } from './zkPath.js';

/** A note on stderr when ACLs kept part of the tree from us: the answer is then a lower bound. */
function reportUnreadable(ctx: CommandContext, unreadable: string[], what: string): void {
  if (unreadable.length === 0) return;
  const shown = unreadable.slice(0, 3).join(', ') + (unreadable.length > 3 ? ', ...' : '');
  ctx.err(`zkpilot: ${unreadable.length} znode(s) could not be listed without READ (${shown}); ${what}`, 'info');
}

export const getAllChildrenNumberCommand: CommandSpec = {
  name: 'getAllChildrenNumber',
  usage: 'path',
  summary: 'Count all descendants of a znode',
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    if (parsed.args.length < 2) throw usageError(getAllChildrenNumberCommand);
    const client = ctx.conn.require();
    const root = checkPath(parsed.args[1]!);
    // The server checks READ on the node itself: so do we, by listing it first.
    const top = await client.getChildren(root);
    let count = 0;
    const unreadable: string[] = [];
    await walkSubtrees(client, top.children.map((c) => childPath(root, c)), () => (count += 1), {
      signal: ctx.signal,
      what: 'getAllChildrenNumber',
      unreadable: async (path) => {
        // exists needs no ACL: the node counts, its direct children too; deeper ones stay unseen.
        const stat = await client.exists(path);
        if (stat === null) return;
        count += 1 + stat.numChildren;
        if (stat.numChildren > 0) unreadable.push(path);
      },
    });
    ctx.out(String(count));
    reportUnreadable(ctx, unreadable, 'the count above does not include what lies below them');
  },
};

interface Ephemeral {
  path: string;
  czxid: number;
}

function sameSession(owner: string, sessionId: string): boolean {
  const norm = (hex: string): string => hex.replace(/^0x/i, '').replace(/^0+(?=.)/, '').toLowerCase();
  return norm(owner) === norm(sessionId);
}

/** The subtrees whose paths can start with `prefix`: children of its parent that match it. */
async function prefixRoots(client: ZkClient, prefix: string): Promise<string[]> {
  if (prefix === '/') return ['/'];
  const parent = prefix.slice(0, prefix.lastIndexOf('/')) || '/';
  try {
    const { children } = await client.getChildren(parent);
    return children.map((c) => childPath(parent, c)).filter((p) => p.startsWith(prefix));
  } catch (e) {
    if (isNoNode(e)) return [];
    throw e;
  }
}

export const getEphemeralsCommand: CommandSpec = {
  name: 'getEphemerals',
  usage: 'path',
  summary: "List this session's ephemeral znodes (under a path prefix)",
  args: ['path'],
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    const client = ctx.conn.require();
    const prefix = parsed.args.length < 2 ? '/' : checkPath(parsed.args[1]!);
    // Without a session the first listing fails with ConnectionLoss, as the server call would.
    const session = client.sessionId ?? '';
    const found: Ephemeral[] = [];
    const unreadable: string[] = [];
    const consider = (path: string, stat: Stat): void => {
      if (path.startsWith(prefix) && session !== '' && sameSession(stat.ephemeralOwner, session)) found.push({ path, czxid: stat.czxid });
    };
    await walkSubtrees(client, await prefixRoots(client, prefix), (node) => consider(node.path, node.stat), {
      signal: ctx.signal,
      what: 'getEphemerals',
      unreadable: async (path) => {
        const stat = await client.exists(path);
        if (stat === null) return;
        consider(path, stat);
        if (stat.numChildren > 0) unreadable.push(path);
      },
    });
    // The server's set was filled in creation order, which czxid gives us.
    found.sort((a, b) => a.czxid - b.czxid);
    ctx.out(javaList(hashSetCloneOrder(found.map((e) => e.path))));
    reportUnreadable(ctx, unreadable, 'ephemerals below them are not listed');
  },
};
