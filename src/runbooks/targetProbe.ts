// Another ensemble than the one the model polls (a migration's target): `srvr` to each server of
// a connect string, and the checks over the replies (every server stopped; one leader, all
// serving). Never throws: a server that cannot be asked is a state of its own.
import { fourLetterWord, parseConnectString, parseSrvr, type Zxid } from '../zk/fourLetter.js';
import { fail, pass } from './checks.js';
import type { CheckResult } from './types.js';

export type ProbedState =
  | 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only'
  | 'not-serving' | 'down' | 'no-answer' | 'srvr-refused' | 'unreachable';

export interface ServerState {
  address: string;
  state: ProbedState;
  zxid: Zxid | null;
  nodeCount: number | null;
}

const PROBE_TIMEOUT_MS = 1500;
const SERVING: ReadonlySet<ProbedState> = new Set(['leader', 'follower', 'observer', 'standalone', 'read-only']);

/** `host:port` keys of a connect string's servers (lower case, no chroot); throws on a bad one. */
export function serverKeys(connectString: string): string[] {
  return parseConnectString(connectString).servers.map((s) => (s.host.includes(':') ? `[${s.host.toLowerCase()}]:${s.port}` : `${s.host.toLowerCase()}:${s.port}`));
}

export async function probeServers(connectString: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ServerState[]> {
  const servers = parseConnectString(connectString).servers;
  return Promise.all(
    servers.map(async ({ host, port }): Promise<ServerState> => {
      const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      const reply = await fourLetterWord(host, port, 'srvr', { timeoutMs });
      const none = { address, zxid: null, nodeCount: null };
      switch (reply.kind) {
        case 'ok': {
          const info = parseSrvr(reply.text);
          const mode = info.readOnly ? 'read-only' : info.mode;
          const state: ProbedState = mode && SERVING.has(mode as ProbedState) ? (mode as ProbedState) : 'not-serving';
          return { address, state, zxid: info.zxid, nodeCount: info.nodeCount };
        }
        case 'notServing':
          return { ...none, state: 'not-serving' };
        case 'notWhitelisted':
          return { ...none, state: 'srvr-refused' };
        case 'refused':
          return { ...none, state: 'down' };
        case 'timeout':
          return { ...none, state: 'no-answer' };
        case 'error':
          return { ...none, state: 'unreachable' };
      }
    }),
  );
}

export function describeStates(states: readonly ServerState[]): string {
  return states.map((s) => `${s.address} ${s.state}${s.zxid ? ` ${s.zxid.hex}` : ''}`).join(', ');
}

/** Every server refuses connections: stopped. A hung or unreachable one is not known to be stopped. */
export function allStopped(states: readonly ServerState[] | null): CheckResult {
  if (states === null) return fail('asking the target servers (srvr)…');
  const up = states.filter((s) => s.state !== 'down');
  if (up.length > 0) return fail(`still up or unknown: ${describeStates(up)}`);
  return pass(`all ${states.length} target servers stopped (connection refused)`);
}

/** One leader (or a standalone server) and every other server serving. */
export function ensembleServing(states: readonly ServerState[] | null): CheckResult {
  if (states === null) return fail('asking the target servers (srvr)…');
  const notServing = states.filter((s) => !SERVING.has(s.state));
  if (notServing.length > 0) return fail(`not serving: ${describeStates(notServing)}`);
  const leaders = states.filter((s) => s.state === 'leader' || s.state === 'standalone');
  if (leaders.length !== 1) return fail(leaders.length === 0 ? `no leader yet: ${describeStates(states)}` : `${leaders.length} leaders: ${describeStates(leaders)}`);
  const lead = leaders[0]!;
  return pass(`target serves: ${lead.address} ${lead.state}, zxid ${lead.zxid?.hex ?? '?'}, ${lead.nodeCount ?? '?'} znodes; ${states.length} servers`);
}

/** The leader's `Node count`, or null when no single leader answered. */
export function leaderNodeCount(states: readonly ServerState[]): number | null {
  const leaders = states.filter((s) => s.state === 'leader' || s.state === 'standalone');
  return leaders.length === 1 ? leaders[0]!.nodeCount : null;
}
