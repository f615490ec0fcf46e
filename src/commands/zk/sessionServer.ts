// Which ZooKeeper release the session's server runs, for commands whose feature a release may
// lack (config/reconfig, containers, TTLs need 3.5). Read with `srvr` from the servers of the
// connect string; when they disagree (a rolling upgrade), `cons` names the server holding this
// session. Cached per session until its state changes (a reconnect may land on another server,
// or on one restarted on another release).
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';
import { fourLetterWord, parseCons, parseConnectString, parseSrvr, shortServerVersion } from '../../zk/fourLetter.js';
import { missingFeature, parseReleaseVersion, type ServerFeature } from '../../zk/serverVersion.js';
import type { ZkClient } from '../../zk/types.js';

const PROBE_TIMEOUT_MS = 2000;

export interface SessionServer {
  /** `host:port` of the server (or of the oldest one, when the session's own cannot be told). */
  address: string;
  /** Short release, `3.4.13`. */
  version: string;
}

interface Cached {
  sessionId: string | null;
  connectString: string;
  server: SessionServer | null;
}

const cache = new WeakMap<ZkClient, Cached>();
const watched = new WeakSet<ZkClient>();

function addressOf(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

async function probe(connectString: string, sessionId: string | null): Promise<SessionServer | null> {
  let servers: { host: string; port: number }[];
  try {
    servers = parseConnectString(connectString).servers;
  } catch {
    return null;
  }
  const answers = await Promise.all(
    servers.map(async (s) => {
      const reply = await fourLetterWord(s.host, s.port, 'srvr', { timeoutMs: PROBE_TIMEOUT_MS });
      const banner = reply.kind === 'ok' ? parseSrvr(reply.text).version : null;
      return banner ? { ...s, version: shortServerVersion(banner) } : null;
    }),
  );
  const known = answers.filter((a) => a !== null);
  if (known.length === 0) return null;
  const pick = (a: (typeof known)[number]): SessionServer => ({ address: addressOf(a.host, a.port), version: a.version });
  if (new Set(known.map((a) => a.version)).size === 1) return pick(known[0]!);
  if (sessionId) {
    const holders = await Promise.all(
      known.map(async (a) => {
        const reply = await fourLetterWord(a.host, a.port, 'cons', { timeoutMs: PROBE_TIMEOUT_MS });
        return reply.kind === 'ok' && parseCons(reply.text).some((c) => c.sessionId === sessionId);
      }),
    );
    const own = known.find((_, i) => holders[i]);
    if (own) return pick(own);
  }
  // Mixed releases and the session's server unknown: judge by the oldest, the one that may lack it.
  const rank = (v: string) => {
    const r = parseReleaseVersion(v);
    return r ? r.major * 1e6 + r.minor * 1e3 + r.patch : Number.MAX_SAFE_INTEGER;
  };
  return pick([...known].sort((a, b) => rank(a.version) - rank(b.version))[0]!);
}

/** The session's server and its release; null when no server of the connect string answers srvr. */
export async function sessionServer(ctx: Pick<CommandContext, 'conn'>): Promise<SessionServer | null> {
  const client = ctx.conn.client;
  const connectString = ctx.conn.connectString;
  if (!client) return probe(connectString, null);
  const hit = cache.get(client);
  if (hit && hit.sessionId === client.sessionId && hit.connectString === connectString) return hit.server;
  if (!watched.has(client)) {
    watched.add(client);
    client.onState(() => cache.delete(client));
  }
  const server = await probe(connectString, client.sessionId);
  // Nothing answered: ask again next time rather than remember a guess.
  if (server) cache.set(client, { sessionId: client.sessionId, connectString, server });
  return server;
}

/** Throws one line (`config: server … runs ZooKeeper 3.4.13; dynamic config needs 3.5 or later`) when the session's server lacks `feature`. */
export async function requireFeature(ctx: Pick<CommandContext, 'conn'>, command: string, feature: ServerFeature, advice = ''): Promise<void> {
  const server = await sessionServer(ctx);
  const missing = server ? missingFeature(server.version, feature, server.address) : null;
  if (missing) throw new CliError(`${command}: ${missing}${advice}`);
}
