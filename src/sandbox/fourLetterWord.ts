// A deliberately tiny four-letter-word client for the sandbox's own readiness checks. The full
// client (parsers for every command) lives in src/zk; the sandbox must not depend on it so that
// tests of src/zk can use the sandbox without a cycle.
import net from 'node:net';

export type ZkMode = 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only';

/** Text a server answers to most 4lw while it has no quorum, is electing or is still syncing. */
export const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests';

/**
 * Sends one 4lw and resolves with the whole reply (the server closes the socket when done).
 * Rejects on refusal, reset or when no complete reply arrives within `timeoutMs` — a SIGSTOPped
 * JVM still completes the TCP handshake (the kernel accepts), so only the timeout catches it.
 */
export function fourLetterWord(
  host: string,
  port: number,
  command: string,
  timeoutMs = 2000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${command} from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.end(command));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/** `Mode:` of a srvr/stat reply, or null when the server is not serving. */
export function parseMode(srvrReply: string): ZkMode | null {
  const line = srvrReply.split('\n').find((l) => l.startsWith('Mode: '));
  return line ? (line.slice('Mode: '.length).trim() as ZkMode) : null;
}

export interface ConfMembership {
  serverId: number;
  /** ids listed in the `membership:` block (voters and observers of the committed config). */
  memberIds: number[];
  version: string | null;
}

/** serverId and membership of a `conf` reply (3.8 appends the dynamic config to it). */
export function parseConfMembership(confReply: string): ConfMembership | null {
  const lines = confReply.split('\n').map((l) => l.trim());
  const idLine = lines.find((l) => l.startsWith('serverId='));
  if (!idLine) return null;
  const memberIds: number[] = [];
  let version: string | null = null;
  for (const line of lines) {
    const server = /^server\.(\d+)=/.exec(line);
    if (server) memberIds.push(Number(server[1]));
    if (line.startsWith('version=')) version = line.slice('version='.length);
  }
  return { serverId: Number(idLine.slice('serverId='.length)), memberIds, version };
}
