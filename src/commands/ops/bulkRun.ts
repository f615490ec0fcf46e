// What copy and verify share around their engines: both ends' sessions opened for the operation
// and released after it whatever happens, and a progress meter whose total is counted alongside
// on the source (for the ETA), ended as done, cancelled or failed.
import type { CommandContext } from '../../shell/context.js';
import type { CliError } from '../../shell/errors.js';
import { countTree } from '../../ops/countTree.js';
import type { ProgressSnapshot } from '../../ops/progressMeter.js';
import type { BulkClient } from '../../ops/remote/protocol.js';
import { describeEndpoint, openEndpoint, type Endpoint } from './endpoint.js';
import type { ClientFactory } from '../../zk/types.js';
import { commandProgress } from './progress.js';

/** A small window: the count only feeds the ETA and must not slow the operation. */
const COUNT_WINDOW = 32;

export interface BothEnds {
  source: BulkClient;
  target: BulkClient;
}

/**
 * Opens the source, checks its root exists (before dialling the other end: a typo must not wait
 * for a connect timeout), opens the target, runs `body`, and releases both sessions. Each end is
 * synced first: a fresh session may sit on a follower that has not yet applied the writes of
 * another session (a copy's just before a verify, say), and reading it would report them missing.
 */
export async function withBothEnds<T>(
  ctx: CommandContext,
  ends: { src: Endpoint; dst: Endpoint; factory: ClientFactory; withAuth: boolean; missing: (what: string) => CliError },
  body: (opened: BothEnds) => Promise<T>,
): Promise<T> {
  const source = await openEndpoint(ctx, ends.src, ends.factory, { withAuth: ends.withAuth });
  try {
    await source.client.sync(ends.src.path);
    if ((await source.client.exists(ends.src.path)) === null) throw ends.missing(`Node does not exist: ${describeEndpoint(ends.src)}`);
    const target = await openEndpoint(ctx, ends.dst, ends.factory, { withAuth: ends.withAuth });
    try {
      await target.client.sync(ends.dst.path);
      return await body({ source: source.client, target: target.client });
    } finally {
      await target.release();
    }
  } finally {
    await source.release();
  }
}

/**
 * Runs an engine under a progress meter labelled `label`; `count` (the source root) is counted
 * alongside for the ETA unless null. The meter ends `failed` when the engine throws.
 */
export async function meteredRun<R extends { cancelled: boolean }>(
  ctx: CommandContext,
  label: string,
  count: { client: BulkClient; path: string } | null,
  run: (onNode: () => void) => Promise<R>,
): Promise<{ result: R; final: ProgressSnapshot }> {
  const meter = commandProgress(ctx, label);
  const counting = new AbortController();
  const onAbort = (): void => counting.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (count) {
    void countTree(count.client, count.path, { window: COUNT_WINDOW, signal: counting.signal })
      .then((total) => total !== null && meter.setTotal(total))
      .catch(() => {});
  }
  let result: R;
  try {
    result = await run(() => meter.add());
  } catch (e) {
    meter.end('failed');
    throw e;
  } finally {
    counting.abort();
    ctx.signal.removeEventListener('abort', onAbort);
  }
  return { result, final: meter.end(result.cancelled ? 'cancelled' : 'done') };
}
