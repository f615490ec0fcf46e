// Four-letter-word client over a raw TCP socket (srvr, mntr, conf, cons, ruok, ...).

import net from 'node:net';

export * from './fourLetterParsers.js';

export type FourLetterResult =
  | { kind: 'ok'; text: string }
  /** `<cmd> is not executed because it is not in the whitelist.` */
  | { kind: 'notWhitelisted'; text: string }
  /** `This ZooKeeper instance is not currently serving requests` (electing, syncing, no quorum). */
  | { kind: 'notServing'; text: string }
  /** Nothing listens on the port: the server process is down. */
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export interface FourLetterOptions {
  /** Whole exchange deadline (connect + reply), default 3000 ms. */
  timeoutMs?: number;
}

export const NOT_SERVING_TEXT = 'This ZooKeeper instance is not currently serving requests';

/** Sorts a reply into ok / notWhitelisted / notServing. */
export function classifyFourLetterReply(word: string, text: string): FourLetterResult {
  const trimmed = text.trim();
  if (trimmed === `${word} is not executed because it is not in the whitelist.`) {
    return { kind: 'notWhitelisted', text };
  }
  if (trimmed === NOT_SERVING_TEXT) return { kind: 'notServing', text };
  return { kind: 'ok', text };
}

/**
 * Sends `word` and reads until the server closes the connection. Never rejects: failures come
 * back as `refused`, `timeout` or `error`. Replies are returned verbatim (note `conf` and `ruok`
 * end without a newline).
 */
export function fourLetterWord(
  host: string,
  port: number,
  word: string,
  opts: FourLetterOptions = {},
): Promise<FourLetterResult> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (result: FourLetterResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('connect', () => socket.end(word));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(classifyFourLetterReply(word, Buffer.concat(chunks).toString('utf8'))));
    socket.on('close', () => finish(classifyFourLetterReply(word, Buffer.concat(chunks).toString('utf8'))));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset right after writing its reply; what arrived is still the answer.
      if (chunks.length > 0) {
        finish(classifyFourLetterReply(word, Buffer.concat(chunks).toString('utf8')));
      } else if (error.code === 'ECONNREFUSED') {
        finish({ kind: 'refused' });
      } else {
        finish({ kind: 'error', message: error.code ? `${error.code}: ${error.message}` : error.message });
      }
    });
  });
}
