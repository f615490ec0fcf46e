// The AdminServer's HTTP side of `snapshot fetch`, as a real 3.9.3 server answers it:
//   GET /commands/snapshot?streaming=true with `Authorization: digest user:password`
//   200 application/octet-stream, headers `last_zxid: 0x…` and `snapshot_size: N`: the snapshot;
//   401 no or unknown auth scheme; 403 the digest id lacks ALL on `/` (any user:password passes
//   while `/` keeps its default world:anyone ACL; the super digest always does); 429 rate limit;
//   503 admin.snapshot.enabled=false; 500 serializeLastProcessedZxid off or a failed snapshot;
//   200 JSON `Unknown command: snapshot` before 3.9, `…not currently serving requests` when down.
// The password goes into the header only: never into a message, a URL or an error.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdminSnapshotError } from './archiveErrors.js';

export { AdminSnapshotError };

export interface AdminAddress {
  host: string;
  port: number;
}

export interface DigestCredential {
  user: string;
  password: string;
}

/** `host:port` or `[v6]:port` of an AdminServer (its admin.serverPort, not the client port). */
export function parseAdminAddress(text: string): AdminAddress {
  const m = /^(?:\[([^\]]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new AdminSnapshotError(`not an AdminServer address: ${text} (HOST:ADMINPORT, e.g. zk1:8080)`);
  return { host: m[1] ?? m[2]!, port };
}

export function formatAdminAddress(a: AdminAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

export interface SnapshotStream {
  /** `last_zxid` as the server sent it (`0x200000003`). */
  lastZxid: string;
  /** `snapshot_size`: the bytes the body must have. */
  size: number;
  body: http.IncomingMessage;
}

const DEFAULT_INTERVAL = 300_000;

function get(a: AdminAddress, path: string, headers: Record<string, string>, signal: AbortSignal | undefined, timeoutMs: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: a.host, port: a.port, path, headers, signal, timeout: timeoutMs }, resolve);
    req.on('timeout', () => req.destroy(new AdminSnapshotError(`${formatAdminAddress(a)}: no answer within ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof AdminSnapshotError || signal?.aborted) return reject(e);
      if (e.code === 'ECONNREFUSED') {
        return reject(new AdminSnapshotError(`no AdminServer at ${formatAdminAddress(a)} (connection refused): is admin.enableServer on and admin.serverPort ${a.port}?`));
      }
      // A ZooKeeper client port resets an HTTP request (or answers garbage): the wrong port.
      if (e.code === 'ECONNRESET' || e.code?.startsWith('HPE_')) {
        return reject(new AdminSnapshotError(`${formatAdminAddress(a)} does not answer HTTP (${e.code}): is ${a.port} its admin.serverPort, not the client port?`));
      }
      reject(new AdminSnapshotError(`${formatAdminAddress(a)}: ${e.code ?? e.message}`));
    });
  });
}

async function text(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The `error` of an AdminServer JSON reply, or null. */
function jsonError(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : null;
  } catch {
    return null;
  }
}

/**
 * The limiter's interval as the server reads it: `zookeeper.admin.rateLimiterIntervalInMS`
 * (zoo.cfg `admin.rateLimiterIntervalInMS`), shown by the unauthenticated system_properties.
 */
async function rateInterval(a: AdminAddress, signal: AbortSignal | undefined, timeoutMs: number): Promise<number> {
  try {
    const res = await get(a, '/commands/system_properties', {}, signal, timeoutMs);
    const props = JSON.parse(await text(res)) as Record<string, unknown>;
    const value = Number(props['zookeeper.admin.rateLimiterIntervalInMS']);
    return Number.isInteger(value) && value >= 0 ? value : DEFAULT_INTERVAL;
  } catch {
    return DEFAULT_INTERVAL;
  }
}

export function humanMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}

/** `12:22:17Z`; to the millisecond when it is that close. */
function clock(at: number, fine: boolean): string {
  return `${new Date(at).toISOString().slice(11, fine ? 23 : 19)}Z`;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Wait for the limiter and ask once more when it frees within this long (default 5 s). */
  retryWithinMs?: number;
  /** Told before waiting out the limiter. */
  onWait?: (line: string) => void;
  now?: () => number;
}

/**
 * Asks for a snapshot; resolves with its stream once the server answered 200 with one. Every
 * refusal is one AdminSnapshotError line naming the server (and, for 429, when to ask again).
 */
export async function requestSnapshot(a: AdminAddress, credential: DigestCredential, opts: RequestOptions = {}): Promise<SnapshotStream> {
  const where = formatAdminAddress(a);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const headers = { Authorization: `digest ${credential.user}:${credential.password}` };
  for (let attempt = 1; ; attempt++) {
    const res = await get(a, '/commands/snapshot?streaming=true', headers, opts.signal, timeoutMs);
    const status = res.statusCode ?? 0;
    if (status === 200 && res.headers['content-type']?.startsWith('application/octet-stream')) {
      const lastZxid = String(res.headers['last_zxid'] ?? '');
      const size = Number(res.headers['snapshot_size']);
      if (!/^0x[0-9a-f]{1,16}$/i.test(lastZxid) || !Number.isInteger(size) || size <= 0) {
        res.destroy();
        throw new AdminSnapshotError(`${where}: a snapshot without its last_zxid/snapshot_size headers (got ${lastZxid || '-'}, ${String(res.headers['snapshot_size'] ?? '-')})`);
      }
      return { lastZxid, size, body: res };
    }
    const error = jsonError(await text(res));
    const who = `digest ${credential.user}:***`;
    if (status === 429) {
      // 3.9.3's snapshot command reads the interval as microseconds (300000 → 0.3 s; restore reads
      // milliseconds, 5 min): a second refusal after waiting that long means milliseconds.
      const setting = await rateInterval(a, opts.signal, timeoutMs);
      const waitMs = attempt === 1 ? Math.ceil(setting / 1000) : setting;
      const nextAt = now() + waitMs;
      const rule = `one snapshot per ${humanMs(waitMs)} (admin.rateLimiterIntervalInMS=${setting}${attempt === 1 ? ', which 3.9 applies to snapshot in microseconds' : ''})`;
      if (attempt === 1 && waitMs <= (opts.retryWithinMs ?? 5000)) {
        opts.onWait?.(`${where} rate-limits snapshots, ${rule}: asking again at ${clock(nextAt + 50, true)}`);
        await sleep(waitMs + 50, undefined, { signal: opts.signal });
        continue;
      }
      throw new AdminSnapshotError(`${where} refused the snapshot (HTTP 429): it allows ${rule}; the next one is allowed by ${clock(nextAt, waitMs < 10_000)}`, nextAt);
    }
    if (status === 401) throw new AdminSnapshotError(`${where}: not authenticated as ${who} (HTTP 401: ${error ?? 'no detail'})`);
    if (status === 403) throw new AdminSnapshotError(`${where}: ${who} is not authorized (HTTP 403): the snapshot command needs ALL on / (its ACL), or the super digest`);
    if (status === 503) throw new AdminSnapshotError(`${where}: the snapshot command is disabled there (admin.snapshot.enabled=false)`);
    if (status === 500) throw new AdminSnapshotError(`${where}: the server could not take a snapshot (HTTP 500: serializeLastProcessedZxid.enabled=false, or see its log)`);
    if (status === 200 && error?.startsWith('Unknown command')) throw new AdminSnapshotError(`${where} has no snapshot command: it needs ZooKeeper 3.9+`);
    if (status === 200 && error) throw new AdminSnapshotError(`${where}: ${error}`);
    throw new AdminSnapshotError(`${where}: HTTP ${status}${error ? `: ${error}` : ''} (is ${a.port} its admin.serverPort?)`);
  }
}
