// addauth scheme auth and whoami (3.8). addauth is silent; the credential is registered as a
// secret so it is masked wherever it could surface, and never printed by us. The native client
// has no whoAmI call: whoami lists the credentials this session added (the user part only) and
// the `ip:` entry the server adds itself, found by matching our session id in `cons`.
import type { CommandContext } from '../../shell/context.js';
import type { CommandSpec } from '../../shell/registry.js';
import { fourLetterWord, parseCons, parseConnectString } from '../../zk/fourLetter.js';
import { ZkError, type ZkClient } from '../../zk/types.js';
import { requireArgs } from './common.js';

export const addauthCommand: CommandSpec = {
  name: 'addauth',
  usage: 'scheme auth',
  summary: 'Add a credential to this session (e.g. addauth digest user:password)',
  args: ['scheme', 'auth'],
  words: (i) => (i === 0 ? ['digest'] : []),
  zkcli: true,
  needsSession: true,
  async run(ctx, parsed) {
    requireArgs(addauthCommand, parsed, 2);
    const client = ctx.conn.require();
    const scheme = parsed.args[1]!;
    const auth = parsed.args[2] ?? '';
    ctx.secrets.add(auth);
    try {
      await client.addAuth(scheme, auth);
    } catch (e) {
      // zkCli sends the credential and returns; a rejection arrives later as an AuthFailed
      // event and kills that session. Ours says so at once (the client opens a new session).
      if (!(e instanceof ZkError && e.code === 'AuthFailed')) throw e;
      await replacementSession(client);
      ctx.err(`zkpilot: the server rejected the ${scheme} credential (AuthFailed); the session was replaced without it`, 'info');
      return 1;
    }
  },
};

/**
 * After an AuthFailed the client notices the dead handle a moment later and opens a new session;
 * commands sent in between would fail with AuthFailed too, so addauth returns once it is back.
 */
async function replacementSession(client: ZkClient): Promise<void> {
  if (client.state === 'CONNECTED') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 5000);
      timer.unref();
      const off = client.onState((state) => state !== 'CONNECTED' && done());
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  await client.waitConnected(client.sessionTimeoutMs).catch(() => undefined);
}

/** `scheme: user` as the server's providers name users (digest: the text before the first ':'). */
function authLines(client: ZkClient): string[] {
  const lines: string[] = [];
  for (const { scheme, auth } of client.auths) {
    if (scheme === 'ip') continue; // the server keeps one ip entry per connection: printed below
    const colon = auth.indexOf(':');
    const line = `${scheme}: ${colon === -1 ? auth : auth.slice(0, colon)}`;
    lines.push(line);
  }
  return lines;
}

/** Our address as the server sees it: the `cons` line carrying our session id. */
async function addressSeenByServer(client: ZkClient): Promise<string | null> {
  const sid = client.sessionId?.replace(/^0x/i, '').replace(/^0+(?=.)/, '').toLowerCase();
  if (!sid) return null;
  let servers: { host: string; port: number }[];
  try {
    servers = parseConnectString(client.connectString).servers;
  } catch {
    return null;
  }
  const replies = await Promise.all(servers.map((s) => fourLetterWord(s.host, s.port, 'cons', { timeoutMs: 2000 })));
  for (const reply of replies) {
    if (reply.kind !== 'ok') continue;
    const entry = parseCons(reply.text).find((e) => e.sessionId?.replace(/^0+(?=.)/, '') === sid);
    if (entry) return entry.address.slice(0, entry.address.lastIndexOf(':'));
  }
  return null;
}

async function printWhoami(ctx: CommandContext, client: ZkClient): Promise<void> {
  ctx.out('Auth scheme: User');
  const lines = authLines(client);
  if (lines.length > 0) ctx.out(lines.join('\n'));
  // Without a session there is no ip entry to show (zkCli prints only the header then).
  if (client.sessionId === null) return;
  const ip = await addressSeenByServer(client);
  if (ip !== null) ctx.out(`ip: ${ip}`);
  else ctx.err("zkpilot: the ip entry is not shown: no server listed this session in 'cons' (4lw not whitelisted, or not reachable)", 'info');
}

export const whoamiCommand: CommandSpec = {
  name: 'whoami',
  usage: '',
  summary: 'Show the identities this session is authenticated as',
  zkcli: true,
  needsSession: true,
  async run(ctx) {
    await printWhoami(ctx, ctx.conn.require());
  },
};
