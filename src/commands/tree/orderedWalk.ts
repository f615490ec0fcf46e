// The walk behind tree, find, grep and du: depth-first, children in sorted order, so output is
// stable and streams as it goes. Reads run ahead of the printing through a bounded window per
// level (and one Limiter for the whole walk), so a wide tree costs a round trip per window, not
// per node; memory holds the children lists on the way down plus the reads ahead, never the tree.
// A node deleted while we walk is skipped ("vanished"); one we may not read is reported once on
// stderr in zkCli's words and the walk goes on; Ctrl-C (ctx.signal) stops it at once.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import { zkCliMessage } from '../../shell/zkMessages.js';
import { Limiter } from '../../util/limiter.js';
import { ReadAhead } from '../../util/readAhead.js';
import type { ZkError } from '../../zk/types.js';
import { WALK_WINDOW, childPath, isNoAuth, isNoNode, settle, type Settled } from '../zk/walk.js';
import { counted } from '../../util/counted.js';

/** What a command reads for one node: its own result, and the children to walk into. */
export interface NodeRead<T> {
  value: T;
  /** Unsorted is fine: the walk sorts them. Empty: nothing below (or not wanted). */
  children: string[];
}

export interface VisitedNode<T> {
  path: string;
  /** The last path component ('' for `/`). */
  name: string;
  /** 0 for the root of the walk. */
  depth: number;
  /** Last of its siblings (tree's `└──`); true for the root. */
  last: boolean;
  /** For the ancestors at depths 1..depth-1: whether each was the last of its siblings. */
  ancestorsLast: readonly boolean[];
  /** The command's read, or its `denied` fallback for a node it may not read (NoAuth). */
  value: T;
  denied: boolean;
}

/** Where a command's lines go: stdout lines are batched, stderr lines flush them first. */
export interface WalkOutput {
  line(text: string): void;
  err(text: string, tone?: 'error' | 'warn' | 'info'): void;
}

export interface WalkSpec<T> {
  /** The command name, for the cancellation line (`find cancelled after 1200 nodes`). */
  what: string;
  /** Reads one node; NoNode and NoAuth are handled by the walk. */
  read(path: string, depth: number): Promise<NodeRead<T>>;
  /** The value of a node we may not read (reported on stderr already); nothing below it is walked. */
  denied(path: string): Promise<T> | T;
  visit(node: VisitedNode<T>, out: WalkOutput): void;
  /** Requests in flight (and reads ahead per level); WALK_WINDOW by default. */
  window?: number;
}

type Outcome<T> = { kind: 'read'; read: NodeRead<T> } | { kind: 'vanished' } | { kind: 'denied'; value: T; message: string };

interface Pending<T> {
  result: Settled<Outcome<T>> | null;
  promise: Promise<Settled<Outcome<T>>>;
}

interface Frame<T> {
  path: string;
  depth: number; // of the children
  ancestorsLast: boolean[];
  children: ReadAhead<Pending<T>>;
}

/** Stdout lines go out in batches (a flush before every wait on the network, and every 256 lines). */
class BatchedOutput implements WalkOutput {
  private lines: string[] = [];

  constructor(private readonly ctx: CommandContext) {}

  line(text: string): void {
    this.lines.push(text);
    if (this.lines.length >= 256) this.flush();
  }

  err(text: string, tone?: 'error' | 'warn' | 'info'): void {
    this.flush();
    this.ctx.err(text, tone);
  }

  flush(): void {
    if (this.lines.length === 0) return;
    this.ctx.out(this.lines.join('\n'));
    this.lines = [];
  }
}

/**
 * Walks `root` and its subtree in sorted depth-first order (a node, then each child's subtree)
 * and returns the number of nodes visited (vanished ones not counted); every line is out when
 * it returns. A missing root is zkCli's `Node does not exist: PATH`; any other error
 * (connection loss…) ends the walk with zkCli's message for it.
 */
export async function walkOrdered<T>(ctx: CommandContext, root: string, spec: WalkSpec<T>): Promise<number> {
  const window = Math.max(1, spec.window ?? WALK_WINDOW);
  const limiter = new Limiter(window);
  const signal = ctx.signal;
  const out = new BatchedOutput(ctx);
  let visited = 0;

  let wake = (): void => {};
  const aborted = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const onAbort = (): void => wake();
  if (signal.aborted) wake();
  else signal.addEventListener('abort', onAbort, { once: true });
  const cancelled = (): CancelledError => new CancelledError(`${spec.what} cancelled after ${counted(visited, 'node')}`);

  const load = (path: string, depth: number): Pending<T> => {
    const pending: Pending<T> = {
      result: null,
      promise: settle(
        limiter.run(async (): Promise<Outcome<T>> => {
          // Queued reads of a cancelled walk never reach the server.
          if (signal.aborted) throw new CancelledError();
          try {
            return { kind: 'read', read: await spec.read(path, depth) };
          } catch (e) {
            if (isNoNode(e)) return { kind: 'vanished' };
            if (isNoAuth(e)) return { kind: 'denied', value: await spec.denied(path), message: zkCliMessage(e as ZkError) };
            throw e;
          }
        }),
      ),
    };
    void pending.promise.then((r) => {
      pending.result = r;
    });
    return pending;
  };

  const wait = async (pending: Pending<T>): Promise<Outcome<T>> => {
    let result = pending.result;
    if (result === null) {
      // About to wait on the network: what is printed so far reaches the screen now.
      out.flush();
      const raced = await Promise.race([pending.promise, aborted.then(() => null)]);
      if (raced === null || signal.aborted) throw cancelled();
      result = raced;
    }
    if (signal.aborted) throw cancelled();
    if (!result.ok) {
      if (result.error instanceof CancelledError) throw cancelled();
      throw result.error;
    }
    return result.value;
  };

  const stack: Frame<T>[] = [];
  const handle = (outcome: Outcome<T>, path: string, name: string, depth: number, last: boolean, ancestorsLast: boolean[]): void => {
    if (outcome.kind === 'vanished') return;
    visited += 1;
    // zkCli's words for the code (`Insufficient permission : /path`), once per node.
    if (outcome.kind === 'denied') out.err(outcome.message);
    const value = outcome.kind === 'read' ? outcome.read.value : outcome.value;
    spec.visit({ path, name, depth, last, ancestorsLast, value, denied: outcome.kind === 'denied' }, out);
    if (outcome.kind !== 'read' || outcome.read.children.length === 0) return;
    const names = outcome.read.children.sort();
    const below = depth === 0 ? [] : [...ancestorsLast, last];
    stack.push({ path, depth: depth + 1, ancestorsLast: below, children: new ReadAhead(names, window, (child) => load(childPath(path, child), depth + 1)) });
  };

  try {
    if (signal.aborted) throw cancelled();
    const first = await wait(load(root, 0));
    if (first.kind === 'vanished') throw new CliError(`Node does not exist: ${root}`);
    handle(first, root, root === '/' ? '' : root.slice(root.lastIndexOf('/') + 1), 0, true, []);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.children.done) {
        stack.pop();
        continue;
      }
      const { index, name, read } = top.children.take();
      const outcome = await wait(read);
      handle(outcome, childPath(top.path, name), name, top.depth, index === top.children.names.length - 1, top.ancestorsLast);
    }
    return visited;
  } finally {
    out.flush();
    signal.removeEventListener('abort', onAbort);
  }
}

/** `tree: -d must be …`: a whole number option with a one-line error. */
export function wholeNumber(what: string, flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new CliError(`${what}: -${flag} must be a whole number (0 or more), got "${text}"`);
  return Number(text);
}

/** A regular expression from the operator's text, or `CMD: bad pattern: …` (exit 1). */
export function compilePattern(what: string, source: string, flags = ''): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new CliError(`${what}: bad pattern: ${e instanceof Error ? e.message : String(e)}`);
  }
}
