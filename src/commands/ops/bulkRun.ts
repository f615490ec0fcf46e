// What copy and verify share around their engines: the ends' sessions opened for the operation
// and released after it whatever happens, and a progress meter whose total is estimated from the
// engine's own walk (no second walk of the source), ended as done, cancelled or failed.
import type { CommandContext } from '../../shell/context.js';
import type { CliError } from '../../shell/errors.js';
import type { ProgressSnapshot } from '../../ops/progressMeter.js';
import { TreeEstimate } from '../../ops/treeEstimate.js';
import type { BulkClient } from '../../ops/remote/protocol.js';
import { describeEndpoint, openEndpoint, type Endpoint } from './endpoint.js';
import type { ClientFactory } from '../../zk/types.js';
import { commandProgress } from './progress.js';

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
  return withEnd(ctx, { end: ends.src, factory: ends.factory, withAuth: ends.withAuth, missing: ends.missing }, (source) =>
    withEnd(ctx, { end: ends.dst, factory: ends.factory, withAuth: ends.withAuth, missing: null }, (target) => body({ source, target })),
  );
}

/**
 * One end's session, synced, for `body`, released after it whatever happens. With `missing`, the
 * root must exist (a source end).
 */
export async function withEnd<T>(
  ctx: CommandContext,
  opts: { end: Endpoint; factory: ClientFactory; withAuth: boolean; missing: ((what: string) => CliError) | null },
  body: (client: BulkClient) => Promise<T>,
): Promise<T> {
  const opened = await openEndpoint(ctx, opts.end, opts.factory, { withAuth: opts.withAuth });
  try {
    await opened.client.sync(opts.end.path);
    if (opts.missing && (await opened.client.exists(opts.end.path)) === null) throw opts.missing(`Node does not exist: ${describeEndpoint(opts.end)}`);
    return await body(opened.client);
  } finally {
    await opened.release();
  }
}

/** A total the engine's walk cannot estimate: a backup file's (its trailer, or its size). */
export type KnownTotal = { exact: number } | { estimate: () => number };

/**
 * Runs an engine under a progress meter labelled `label`; the engine feeds `estimate` with the
 * tree's shape as it reads, which gives the meter its total and ETA. The meter ends `failed`
 * when the engine throws.
 */
export async function meteredRun<R extends { cancelled: boolean }>(
  ctx: CommandContext,
  label: string,
  run: (onNode: () => void, estimate: TreeEstimate) => Promise<R>,
  known?: KnownTotal,
): Promise<{ result: R; final: ProgressSnapshot }> {
  const meter = commandProgress(ctx, label);
  const estimate = new TreeEstimate();
  if (known && 'exact' in known) meter.setTotal(known.exact);
  else meter.setEstimator(known ? known.estimate : () => estimate.total());
  let result: R;
  try {
    result = await run(() => meter.add(), estimate);
  } catch (e) {
    meter.end('failed');
    throw e;
  }
  return { result, final: meter.end(result.cancelled ? 'cancelled' : 'done') };
}
