// `[cluster-or-connect-string:]path`, the two ends of copy and verify: `/pegasus` is the current
// session, `prod-a:/pegasus` a cluster profile, `zk9:2181,zk10:2181:/pegasus` a connect string;
// `file:backup.jsonl.gz` a backup file (fileEnds.ts).
import { existsSync } from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';
import { pathError } from '../../zk/paths.js';
import type { ClientFactory } from '../../zk/types.js';
import { BulkSession, workerEntry } from '../../ops/remote/bulkSession.js';
import type { BulkClient } from '../../ops/remote/protocol.js';

export interface Endpoint {
  /** What the operator typed before the path (profile name or connect string); null = current session. */
  where: string | null;
  /** The connect string to open; null = current session. */
  connectString: string | null;
  path: string;
}

/** Profile name → connect string, or null when there is no such profile. */
export type ProfileResolver = (name: string) => string | null;

export function parseEndpoint(text: string, resolveProfile: ProfileResolver): Endpoint {
  let where: string | null = null;
  let path = text;
  if (!text.startsWith('/')) {
    // The path is what follows the last ':' that starts a '/': `h:2181/chroot:/x` → `/x`.
    const at = text.lastIndexOf(':/');
    if (at <= 0) throw new CliError(`${text}: expected [cluster-or-connect-string:]/path`);
    where = text.slice(0, at);
    path = text.slice(at + 1);
  }
  const problem = pathError(path);
  if (problem !== null) throw new CliError(`${text}: ${problem}`);
  if (where === null) return { where, connectString: null, path };
  const fromProfile = resolveProfile(where);
  if (fromProfile !== null) return { where, connectString: fromProfile, path };
  // A connect string names its port (a bare word is more likely a mistyped profile name).
  if (!/^[^\s,/:]+(:\d+)?(,[^\s,/:]+(:\d+)?)*(\/\S*)?$/.test(where) || !/:\d+/.test(where)) {
    throw new CliError(`${where}: neither a cluster profile nor a connect string (host:port[,host:port...])`);
  }
  return { where, connectString: where, path };
}

export function describeEndpoint(e: Endpoint): string {
  return e.where === null ? e.path : `${e.where}:${e.path}`;
}

/** `file:PATH`, a backup file as one end of copy or verify. */
export interface FileEnd {
  /** As typed after `file:`, for messages. */
  typed: string;
  /** Where it is (relative names from the working directory, `~/` from the home directory). */
  file: string;
}

/** A `file:PATH` end, or null for a ZooKeeper one. */
export function parseFileEnd(text: string): FileEnd | null {
  if (!text.startsWith('file:')) return null;
  const typed = text.slice('file:'.length);
  if (typed === '') throw new CliError(`${text}: expected file:PATH`);
  const file = typed === '~' || typed.startsWith('~/') ? nodePath.join(os.homedir(), typed.slice(1)) : nodePath.resolve(typed);
  return { typed, file };
}

export function describeFileEnd(f: FileEnd): string {
  return `file:${f.typed}`;
}

/** Either kind of end copy and verify take. */
export type End = { kind: 'zk'; zk: Endpoint } | { kind: 'file'; file: FileEnd };

export function parseEnd(text: string, resolveProfile: ProfileResolver): End {
  const file = parseFileEnd(text);
  return file ? { kind: 'file', file } : { kind: 'zk', zk: parseEndpoint(text, resolveProfile) };
}

export function describeEnd(e: End): string {
  return e.kind === 'zk' ? describeEndpoint(e.zk) : describeFileEnd(e.file);
}


export interface OpenedEndpoint {
  client: BulkClient;
  /** Ends the session opened for the operation (never the operator's own). */
  release(): Promise<void>;
}

export interface OpenOptions {
  /** `--auth`: the operator's addauth credentials also for another ensemble. */
  withAuth?: boolean;
  /** Run the session in a worker process (default; see bulkWorker.ts) or in this one. */
  worker?: boolean;
}

const CONNECT_WAIT_MS = 15_000;

/**
 * A session for one end of a bulk operation, in its own worker process: the current ensemble
 * (with the operator's credentials) for a bare path, another ensemble otherwise. The operator's
 * credentials go to another ensemble only when asked (`--auth`): they are secrets, and the other
 * end may belong to someone else. Without a built worker it falls back to an in-process session.
 */
export async function openEndpoint(ctx: CommandContext, e: Endpoint, factory: ClientFactory, opts: OpenOptions = {}): Promise<OpenedEndpoint> {
  const current = e.connectString === null || e.connectString === ctx.conn.connectString;
  const own = current ? ctx.conn.require() : null; // "Not connected" as zkCli, before anything else
  const connectString = e.connectString ?? ctx.conn.connectString;
  const auths = current || opts.withAuth ? [...(ctx.conn.client?.auths ?? [])] : [];
  // ZKPILOT_BULK_WORKERS=0: sessions in this process (diagnosis; slower, see bulkWorker.ts).
  if (opts.worker !== false && process.env['ZKPILOT_BULK_WORKERS'] !== '0' && existsSync(workerEntry())) {
    try {
      const session = await BulkSession.open({ connectString, auths, callTimeoutMs: CONNECT_WAIT_MS });
      return { client: session, release: () => session.close() };
    } catch (err) {
      throw new CliError(`cannot connect to ${e.where ?? connectString} (${connectString}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (own !== null) return { client: own, release: async () => {} };
  const client = factory({ connectString });
  try {
    await client.waitConnected(CONNECT_WAIT_MS);
    for (const a of auths) await client.addAuth(a.scheme, a.auth);
  } catch (err) {
    await client.close().catch(() => {});
    throw new CliError(`cannot connect to ${e.where} (${connectString}): ${err instanceof Error ? err.message : String(err)}`);
  }
  return { client, release: () => client.close() };
}
