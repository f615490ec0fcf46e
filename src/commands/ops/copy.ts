// copy [options] SRC DST — recursive copy of a subtree, between ensembles or within one, with
// data and ACLs, resumable (equal nodes are skipped), cancellable with Ctrl-C, with progress.
// Either end may be a backup file (`file:PATH`): a backup, a restore, or a backup re-written.
import type { CommandContext } from '../../shell/context.js';
import { CancelledError, CliError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import type { CopyCounts } from '../../ops/copyTree.js';
import { duration } from '../../ops/progressMeter.js';
import { isWithin } from '../../ops/windowedClient.js';
import { describeEnd, describeEndpoint, parseEnd, type End, type Endpoint, type ProfileResolver } from './endpoint.js';
import type { FileCopyOptions } from './fileEnds.js';
import type { ClientFactory } from '../../zk/types.js';
import { intOption, optionsUsage, parseLongOptions, type LongOption } from './longOptions.js';
import { meteredRun, withBothEnds } from './bulkRun.js';
import { DEFAULT_MAX_BATCH_BYTES } from '../../ops/writeBatcher.js';
import { counted } from '../../util/counted.js';

/** ZooKeeper's jute.maxbuffer can be raised; 64 MiB is more than any server is given. */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

export const DEFAULT_WINDOW = 256;
const MAX_WINDOW = 4096;

const OPTIONS: LongOption[] = [
  { long: 'dry-run', short: 'n', description: 'read both sides and report what would change; write nothing' },
  { long: 'no-overwrite', description: 'leave nodes that already exist on the target as they are' },
  { long: 'no-acl', description: 'do not copy ACLs (the copies get world:anyone:cdrwa)' },
  { long: 'no-seq-counters', description: "do not raise the target parents' sequence counters" },
  { long: 'no-count', description: 'accepted for scripts: the total is now estimated as the copy reads, never counted first' },
  { long: 'auth', description: "also authenticate the other end's session with this session's addauth credentials" },
  { long: 'window', short: 'w', value: 'N', description: `requests in flight per ensemble (default ${DEFAULT_WINDOW})` },
  {
    long: 'max-batch-bytes',
    value: 'N',
    description: `bytes per multi on the target, under its jute.maxbuffer (default ${DEFAULT_MAX_BATCH_BYTES}; 0: one request per write)`,
  },
];

export interface OpsDeps {
  resolveProfile: ProfileResolver;
  clientFactory: ClientFactory;
}

const USAGE_TAIL = `${optionsUsage(OPTIONS)} [cluster:]src-path|file:PATH [cluster:]dst-path|file:PATH`;

function checkNotZookeeper(e: Endpoint): void {
  if (isWithin(e.path, '/zookeeper')) throw new CliError(`${describeEndpoint(e)}: /zookeeper is ZooKeeper's own subtree, not data to copy`);
}

/** Refuses what cannot be right: ZooKeeper's own subtree, and copying a tree into itself. */
export function checkCopyEnds(ctx: CommandContext, src: Endpoint, dst: Endpoint): void {
  for (const e of [src, dst]) checkNotZookeeper(e);
  const sameEnsemble = (src.connectString ?? ctx.conn.connectString) === (dst.connectString ?? ctx.conn.connectString);
  if (sameEnsemble && (isWithin(dst.path, src.path) || isWithin(src.path, dst.path))) {
    throw new CliError(`${describeEndpoint(src)} and ${describeEndpoint(dst)} overlap on the same ensemble`);
  }
}

export function copyCommand(deps: OpsDeps): CommandSpec {
  const spec: CommandSpec = {
    name: 'copy',
    usage: USAGE_TAIL,
    summary: 'Copy a subtree (data + ACLs) to another path or ensemble, or to/from a backup file (file:PATH); resumable, with progress',
    args: ['path', 'path'],
    rawArgs: true,
    async run(ctx, parsed) {
      const usage = `copy ${USAGE_TAIL}`;
      const opts = parseLongOptions(parsed.args.slice(1), OPTIONS, usage);
      if (opts.positionals.length !== 2) throw new CliError(usage);
      const window = intOption(opts, 'window', DEFAULT_WINDOW, 1, MAX_WINDOW, usage);
      const maxBatchBytes = intOption(opts, 'max-batch-bytes', DEFAULT_MAX_BATCH_BYTES, 0, MAX_BATCH_BYTES, usage);
      const srcEnd = parseEnd(opts.positionals[0]!, deps.resolveProfile);
      const dstEnd = parseEnd(opts.positionals[1]!, deps.resolveProfile);
      const dryRun = opts.flags.has('dry-run');
      const withAuth = opts.flags.has('auth');
      if (srcEnd.kind === 'file' || dstEnd.kind === 'file') {
        for (const e of [srcEnd, dstEnd]) if (e.kind === 'zk') checkNotZookeeper(e.zk);
        const fileOpts = { window, maxBatchBytes, acls: !opts.flags.has('no-acl'), overwrite: !opts.flags.has('no-overwrite'), dryRun, seqCounters: !opts.flags.has('no-seq-counters'), withAuth, factory: deps.clientFactory };
        return copyFileEnds(ctx, srcEnd, dstEnd, fileOpts);
      }
      const src = srcEnd.zk;
      const dst = dstEnd.zk;
      checkCopyEnds(ctx, src, dst);
      const missing = (text: string): CliError => new CliError(text);
      await withBothEnds(ctx, { src, dst, factory: deps.clientFactory, withAuth, missing }, async ({ source, target }) => {
        const label = `${dryRun ? 'copy --dry-run' : 'copy'} ${describeEndpoint(src)} → ${describeEndpoint(dst)}`;
        // The copy engine loads with the first copy: other commands' starts do not pay for it.
        const { copyTree } = await import('../../ops/copyTree.js');
        const { result, final } = await meteredRun(ctx, label, (onNode, estimate) =>
          copyTree(source, src.path, target, dst.path, {
            window,
            maxBatchBytes,
            estimate,
            acls: !opts.flags.has('no-acl'),
            overwrite: !opts.flags.has('no-overwrite'),
            dryRun,
            seqCounters: !opts.flags.has('no-seq-counters'),
            signal: ctx.signal,
            onNode,
          }),
        );
        for (const warning of result.counterWarnings) ctx.err(`copy: ${warning}`, 'warn');
        const rate = final.elapsedMs > 0 ? Math.round((result.counts.scanned * 1000) / final.elapsedMs) : 0;
        const summary = `${counted(result.counts.scanned, 'node')} in ${duration(final.elapsedMs)} (${rate}/s): ${countsText(result.counts, dryRun)}`;
        if (result.cancelled) {
          throw new CancelledError(`copy cancelled after ${summary}; run the same copy again to resume`);
        }
        ctx.out(`${dryRun ? 'copy --dry-run' : 'copy'} done: ${summary}`, 'ok');
      });
    },
  };
  return spec;
}

/** Backup (to a file), restore (from one), or a backup re-written: the same summary line as a copy. */
async function copyFileEnds(ctx: CommandContext, src: End, dst: End, o: FileCopyOptions): Promise<void> {
  const what = o.dryRun ? 'copy --dry-run' : 'copy';
  const label = `${what} ${describeEnd(src)} → ${describeEnd(dst)}`;
  const { copyWithFile, writtenText } = await import('./fileEnds.js');
  const { result, final, written } = await copyWithFile(ctx, src, dst, o, label);
  for (const warning of result.counterWarnings) ctx.err(`copy: ${warning}`, 'warn');
  const c = result.counts;
  const rate = final.elapsedMs > 0 ? Math.round((c.scanned * 1000) / final.elapsedMs) : 0;
  const head = `${counted(c.scanned, 'node')} in ${duration(final.elapsedMs)} (${rate}/s)`;
  if (result.cancelled) {
    const after = written ? `nothing written to ${describeEnd(dst)}` : 'run the same copy again to resume';
    throw new CancelledError(`copy cancelled after ${head}: ${after}`);
  }
  const tail = written ? `${writtenText(describeEnd(dst), written, o.dryRun)} ephemeral_skipped=${c.ephemeralsSkipped} vanished=${c.vanished}` : countsText(c, o.dryRun);
  ctx.out(`${what} done: ${head}: ${tail}`, 'ok');
}

/** `created=10001 updated=0 …`: stable keys, so scripts and runbook checks can read the line. */
export function countsText(c: CopyCounts, dryRun: boolean): string {
  const would = dryRun ? 'would_' : '';
  return [
    `${would}create=${c.created}`,
    `${would}update=${c.updated}`,
    `${would}set_acl=${c.aclsSet}`,
    `unchanged=${c.unchanged}`,
    `kept=${c.kept}`,
    `ephemeral_skipped=${c.ephemeralsSkipped}`,
    `vanished=${c.vanished}`,
    `parents_created=${c.parentsCreated}`,
    `seq_counters_raised=${c.counterBumps}`,
  ].join(' ');
}
