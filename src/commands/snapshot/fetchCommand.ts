// `snapshot fetch HOST:ADMINPORT [-o FILE] [--user USER]`: the snapshot a 3.9+ server takes of
// itself through its AdminServer, saved as `snapshot pack` saves one (no shell on the source
// host needed). The AdminServer authenticates with the session's `addauth digest` credential:
// the password is sent in the Authorization header only and never printed or recorded.
import type { DigestCredential } from '../../snapshots/adminHttp.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { LongParsed } from '../ops/longOptions.js';
import { commandProgress } from '../ops/progress.js';
import { runbookEngine } from '../runbook/service.js';
import { counted } from '../../util/counted.js';
import { byteSize } from './snapshotTable.js';

export const FETCH_USAGE = 'snapshot fetch HOST:ADMINPORT [-o FILE] [--user USER]';
const MIB = 1024 * 1024;

/** The session's digest credential (of USER when given). */
function credential(ctx: CommandContext, user: string | undefined, address: string): DigestCredential {
  const digests = (ctx.conn.client?.auths ?? []).filter((a) => a.scheme === 'digest' && a.auth.includes(':'));
  const auth = user === undefined ? digests[0] : digests.find((a) => a.auth.slice(0, a.auth.indexOf(':')) === user);
  if (!auth) {
    const whose = user === undefined ? 'no digest credential' : `no digest credential for ${user}`;
    throw new CliError(`${whose} in this session: addauth digest USER:PASSWORD first (never shown or recorded), then snapshot fetch ${address}`);
  }
  const colon = auth.auth.indexOf(':');
  return { user: auth.auth.slice(0, colon), password: auth.auth.slice(colon + 1) };
}

export async function fetchSnapshot(ctx: CommandContext, parsed: LongParsed, defaultArchive: string): Promise<number> {
  const [addressText, ...extra] = parsed.positionals;
  if (addressText === undefined || extra.length > 0) throw new UsageError(FETCH_USAGE);
  const { AdminSnapshotError, fetchAdminSnapshot, parseAdminAddress } = await import('../../snapshots/index.js');
  let address;
  try {
    address = parseAdminAddress(addressText);
  } catch (e) {
    if (e instanceof AdminSnapshotError) throw new CliError(e.message);
    throw e;
  }
  const cred = credential(ctx, parsed.values.get('user'), addressText);
  const output = parsed.values.get('output') ?? defaultArchive;
  ctx.out(`asking ${addressText} for a snapshot (AdminServer, digest ${cred.user}:***)`, 'info');
  const meter = commandProgress(ctx, `snapshot fetch → ${output}`, 'MiB');
  let result;
  try {
    result = await fetchAdminSnapshot(address, cred, output, {
      signal: ctx.signal,
      onWait: (line) => ctx.err(line, 'info'),
      onSize: (bytes) => meter.setTotal(bytes / MIB),
      onBytes: (n) => meter.add(n / MIB),
    });
  } catch (e) {
    meter.end(ctx.signal.aborted ? 'cancelled' : 'failed');
    if (ctx.signal.aborted) throw new CliError('cancelled: no archive written');
    runbookEngine(ctx)?.record('snapshot.fetch', { ok: false, text: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  meter.end('done');
  const { zxid } = result;
  ctx.out(`${result.snapshot} (zxid ${zxid.hex}, ${zxid.epoch}:${zxid.counter}, ${byteSize(result.snapshotBytes)}) taken by ${result.server}`);
  ctx.out(`wrote ${result.file} (${counted(result.entries.length, 'file')}, ${byteSize(result.bytes)})${result.replaced ? ', replacing the previous one' : ''}`, 'ok');
  // The server keeps no log for us to add: the snapshot holds the writes up to its zxid only.
  ctx.out(`it holds every write up to ${zxid.hex}: writes after the fetch are not in it (trap 7: stop writes first)`, 'dim');
  ctx.out(`restore on each target server, stopped: snapshot restore ${result.file} DATADIR`, 'dim');
  runbookEngine(ctx)?.record('snapshot.fetch', {
    ok: true,
    text: `${result.file}: ${result.snapshot} (${zxid.hex}) from ${result.server}`,
    data: { archive: result.file, snapshot: result.snapshot, zxid: zxid.hex, server: result.server },
  });
  return 0;
}
