// What the servers behind a connect string can do, asked with `srvr` (answered by every version
// by default: 3.5.3+ whitelists it alone). A feature is used only when every server listed says
// so: a session may move to any of them, and a server that does not know a request drops the
// connection (3.4 and 3.5 answer multiRead with Unimplemented, then close).
import { fourLetterWord, parseConnectString, parseSrvr, shortServerVersion } from './fourLetter.js';

/** multiRead (getData and getChildren of many paths in one request) came with ZooKeeper 3.6.0. */
const MULTI_READ_SINCE = [3, 6, 0] as const;

/** Whether every server of the connect string runs ZooKeeper 3.6 or later (false when any cannot tell). */
export async function serversHaveMultiRead(connectString: string, timeoutMs = 1500): Promise<boolean> {
  let servers: { host: string; port: number }[];
  try {
    servers = parseConnectString(connectString).servers;
  } catch {
    return false;
  }
  if (servers.length === 0) return false;
  const versions = await Promise.all(
    servers.map(async ({ host, port }) => {
      const reply = await fourLetterWord(host, port, 'srvr', { timeoutMs });
      return reply.kind === 'ok' ? parseSrvr(reply.text).version : null;
    }),
  );
  return versions.every((v) => v !== null && atLeast(shortServerVersion(v), MULTI_READ_SINCE));
}

/** "3.8.0" (or "3.10.1-SNAPSHOT") against [3, 6, 0]. */
export function atLeast(version: string, floor: readonly number[]): boolean {
  const parts = version.split(/[.-]/).slice(0, floor.length).map((p) => Number.parseInt(p, 10));
  if (parts.length < floor.length || parts.some((p) => !Number.isFinite(p))) return false;
  for (let i = 0; i < floor.length; i++) {
    if (parts[i]! !== floor[i]!) return parts[i]! > floor[i]!;
  }
  return true;
}
