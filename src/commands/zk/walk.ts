// Tree walks over the promise client. The native client has no server-side counts, no
// getEphemerals and no multi, so several zkCli commands walk the tree instead; they pipeline
// requests through a bounded window (one RTT per node would crawl on a real network) and stop
// between requests when the operator presses Ctrl-C.
import { CancelledError } from '../../shell/errors.js';
import type { Stat, ZkClient } from '../../zk/types.js';
import { ZkError } from '../../zk/types.js';
import { Limiter } from '../../util/limiter.js';

/** Requests in flight per walk: enough to hide RTT, small enough not to flood the server. */
export const WALK_WINDOW = 64;

export function childPath(parent: string, child: string): string {
  return parent === '/' ? `/${child}` : `${parent}/${child}`;
}

export function isNoNode(e: unknown): boolean {
  return e instanceof ZkError && e.code === 'NoNode';
}

export function isNoAuth(e: unknown): boolean {
  return e instanceof ZkError && e.code === 'NoAuth';
}

export function checkCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new CancelledError(`${what} cancelled`);
}

export interface WalkedNode {
  path: string;
  stat: Stat;
  depth: number; // 0 = the root of the walk
}

export interface WalkOptions {
  signal?: AbortSignal;
  window?: number;
  /** What the cancellation message calls this walk (`getAllChildrenNumber cancelled`). */
  what?: string;
  /**
   * A node whose children we may not list (NoAuth). Without it the walk fails there; with it the
   * walk hands the node over and goes on (counts then use the node's stat, which needs no ACL).
   */
  unreadable?: (path: string, depth: number) => Promise<void>;
}

/**
 * Visits `roots` and every descendant, breadth-first with a bounded window of getChildren
 * calls; `visit` sees each node once (order within a level is not guaranteed). A node deleted
 * while we walk is skipped, as ZKUtil does; any other error ends the walk.
 */
export async function walkSubtrees(
  client: ZkClient,
  roots: readonly string[],
  visit: (node: WalkedNode) => void,
  opts: WalkOptions = {},
): Promise<void> {
  const limiter = new Limiter(opts.window ?? WALK_WINDOW);
  const what = opts.what ?? 'walk';
  let failure: unknown = null;
  const walkOne = async (path: string, depth: number): Promise<void> => {
    if (failure !== null) return;
    checkCancelled(opts.signal, what);
    let listing: { children: string[]; stat: Stat };
    try {
      listing = await limiter.run(() => client.getChildren(path));
    } catch (e) {
      if (isNoNode(e)) return;
      if (opts.unreadable && isNoAuth(e)) return opts.unreadable(path, depth);
      throw e;
    }
    visit({ path, stat: listing.stat, depth });
    await Promise.all(listing.children.map((c) => walkOne(childPath(path, c), depth + 1)));
  };
  await Promise.all(
    roots.map((root) =>
      walkOne(root, 0).catch((e: unknown) => {
        failure ??= e;
      }),
    ),
  );
  if (failure !== null) throw failure;
}

/** A settled result kept for later, so a prefetch that is never awaited cannot go unhandled. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
