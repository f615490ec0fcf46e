// verify [options] SRC DST — compares two subtrees: nodes missing on the target, extra on the
// target, data that differs, ACLs that differ. Exit code 0 only when they are equal, 1 when they
// differ (each difference is listed on stdout, up to a limit per kind), 2 when it could not tell.
// Either end may be a backup file (`file:PATH`): a tree or another backup is compared with it.
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { ParsedArgs } from '../../shell/options.js';
import type { CommandSpec } from '../../shell/registry.js';
import { duration } from '../../ops/progressMeter.js';
import type { ProgressSnapshot } from '../../ops/progressMeter.js';
import type { Difference, VerifyCounts, VerifyResult } from '../../ops/verifyLog.js';
import { ZkError } from '../../zk/types.js';
import { DEFAULT_WINDOW, type OpsDeps } from './copy.js';
import { describeEnd, parseEnd, type End } from './endpoint.js';
import { intOption, optionsUsage, parseLongOptions, type LongOption } from './longOptions.js';
import { meteredRun, withBothEnds } from './bulkRun.js';

const OPTIONS: LongOption[] = [
  { long: 'no-acl', description: 'compare data only, not ACLs' },
  { long: 'limit', short: 'l', value: 'N', description: 'differences listed per kind (default 20)' },
  { long: 'auth', description: "also authenticate the other end's session with this session's addauth credentials" },
  { long: 'window', short: 'w', value: 'N', description: `requests in flight per ensemble (default ${DEFAULT_WINDOW})` },
];

const USAGE_TAIL = `${optionsUsage(OPTIONS)} [cluster:]src-path|file:PATH [cluster:]dst-path|file:PATH`;

const KIND_TEXT: Record<Difference['kind'], string> = {
  missing: 'missing     ',
  extra: 'extra       ',
  dataDiffers: 'data differs',
  aclDiffers: 'acl differs ',
};

/** Exit codes: 0 equal, 1 different, 2 no verdict (bad arguments, errors, cancelled). */
export const VERIFY_DIFFERENT = 1;
export const VERIFY_ERROR = 2;

export function verifyCommand(deps: OpsDeps): CommandSpec {
  return {
    name: 'verify',
    usage: USAGE_TAIL,
    summary: 'Compare two subtrees, or a subtree and a backup file (file:PATH): missing, extra, data and ACL differences; exit 0 only when equal',
    args: ['path', 'path'],
    rawArgs: true,
    async run(ctx, parsed) {
      try {
        return await runVerify(ctx, parsed, deps);
      } catch (e) {
        // Scripts must tell "different" (1) from "could not compare" (2).
        if (e instanceof UsageError) throw new CliError(e.usage, VERIFY_ERROR);
        if (e instanceof CliError && e.exitCode !== VERIFY_ERROR) throw new CliError(e.message, VERIFY_ERROR);
        if (e instanceof ZkError) throw new CliError(`verify failed: ${e.message}`, VERIFY_ERROR);
        throw e;
      }
    },
  };
}

async function runVerify(ctx: CommandContext, parsed: ParsedArgs, deps: OpsDeps): Promise<number> {
  const usage = `verify ${USAGE_TAIL}`;
  const opts = parseLongOptions(parsed.args.slice(1), OPTIONS, usage);
  if (opts.positionals.length !== 2) throw new CliError(usage, VERIFY_ERROR);
  const window = intOption(opts, 'window', DEFAULT_WINDOW, 1, 4096, usage);
  const limit = intOption(opts, 'limit', 20, 0, 1_000_000, usage);
  const srcEnd = parseEnd(opts.positionals[0]!, deps.resolveProfile);
  const dstEnd = parseEnd(opts.positionals[1]!, deps.resolveProfile);
  const withAuth = opts.flags.has('auth');
  const acls = !opts.flags.has('no-acl');
  const label = `verify ${describeEnd(srcEnd)} ⇔ ${describeEnd(dstEnd)}`;
  let compared: () => Promise<{ result: VerifyResult; final: ProgressSnapshot }>;
  if (srcEnd.kind === 'zk' && dstEnd.kind === 'zk') {
    const src = srcEnd.zk;
    const dst = dstEnd.zk;
    const missing = (text: string): CliError => new CliError(text, VERIFY_ERROR);
    compared = () =>
      withBothEnds(ctx, { src, dst, factory: deps.clientFactory, withAuth, missing }, async ({ source, target }) => {
        const { verifyTrees } = await import('../../ops/verifyMerge.js');
        return meteredRun(ctx, label, (onNode, estimate) => verifyTrees({ client: source, root: src.path }, { client: target, root: dst.path }, { window, acls, sampleLimit: limit, signal: ctx.signal, onNode, estimate }));
      });
  } else {
    compared = async () => {
      const { verifyWithFile } = await import('./fileEnds.js');
      return verifyWithFile(ctx, srcEnd, dstEnd, { window, acls, limit, withAuth, factory: deps.clientFactory }, label);
    };
  }
  return report(ctx, srcEnd, dstEnd, await compared());
}

function report(ctx: CommandContext, srcEnd: End, dstEnd: End, { result, final }: { result: VerifyResult; final: ProgressSnapshot }): number {
  if (result.cancelled) throw new CliError(`verify cancelled after ${duration(final.elapsedMs)}: no verdict`, VERIFY_ERROR);
  for (const d of result.samples) ctx.out(`${KIND_TEXT[d.kind]} ${d.path}${d.detail ? `  (${d.detail})` : ''}`, 'warn');
  const verdict = result.equal ? 'EQUAL' : 'DIFFERENT';
  ctx.out(`verify ${describeEnd(srcEnd)} ${describeEnd(dstEnd)}: ${verdict} ${countsText(result.counts)} in ${duration(final.elapsedMs)}`, result.equal ? 'ok' : 'error');
  if (!result.equal && result.samples.length < differences(result.counts)) {
    ctx.out(`(listed ${result.samples.length} of ${differences(result.counts)} differences; --limit N lists more)`, 'dim');
  }
  return result.equal ? 0 : VERIFY_DIFFERENT;
}

function differences(c: VerifyCounts): number {
  return c.missing + c.extra + c.dataDiffers + c.aclDiffers;
}

export function countsText(c: VerifyCounts): string {
  return `compared=${c.compared} missing=${c.missing} extra=${c.extra} data_differs=${c.dataDiffers} acl_differs=${c.aclDiffers} ephemeral_skipped=${c.ephemeralsSkipped}`;
}
