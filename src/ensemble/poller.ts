// Polls one server: `srvr` every round, plus `mntr` and `conf` when the model wants them and the
// server's whitelist allows them (4lw.commands.whitelist defaults to `srvr` only — trap 9). The words go
// out in parallel under one deadline well below the poll interval, and a server never has two
// polls in flight: a wedged server costs one timeout per round, not a pile of sockets.
import { fourLetterWord, type FourLetterOptions, type FourLetterResult } from '../zk/fourLetter.js';
import type { FourLetterWordName, NodeSample, PollTarget, WordAllowance } from './types.js';

export type FourLetterFn = (host: string, port: number, word: string, opts?: FourLetterOptions) => Promise<FourLetterResult>;

/** After a word was refused by the whitelist, ask again only every this many rounds (a restart may allow it). */
const RECHECK_REFUSED_ROUNDS = 30;
/** A timeout callback running this much after its deadline says more about us than about the server. */
const LATE_TIMEOUT_MS = 100;

/** The optional words to ask this round (srvr is always asked). */
export interface WantedWords {
  mntr: boolean;
  conf: boolean;
}

const ALL_WORDS: WantedWords = { mntr: true, conf: true };

export class NodePoller {
  private inFlight: Promise<NodeSample> | null = null;
  private readonly refusedAt: Partial<Record<FourLetterWordName, number>> = {};
  private readonly allowance: Record<FourLetterWordName, WordAllowance> = { srvr: 'unknown', mntr: 'unknown', conf: 'unknown' };
  private rounds = 0;

  constructor(
    readonly target: PollTarget,
    private readonly fourLetter: FourLetterFn = fourLetterWord,
  ) {}

  get busy(): boolean {
    return this.inFlight !== null;
  }

  get allowed(): Record<FourLetterWordName, WordAllowance> {
    return { ...this.allowance };
  }

  /**
   * One poll. Resolves with null when the previous poll of this server is still running (the
   * caller keeps the last sample). Never rejects.
   */
  poll(timeoutMs: number, now: () => number = Date.now, want: WantedWords = ALL_WORDS): Promise<NodeSample | null> {
    if (this.inFlight) return Promise.resolve(null);
    const started = now();
    this.rounds += 1;
    const run = async (): Promise<NodeSample> => {
      const ask = (word: FourLetterWordName) => this.fourLetter(this.target.host, this.target.port, word, { timeoutMs });
      const words = (['mntr', 'conf'] as const).filter((w) => want[w] && this.shouldAsk(w));
      let attemptStart = started;
      let [srvr, ...others] = await Promise.all([ask('srvr'), ...words.map(ask)]);
      // A timeout that fired late means our event loop was stalled (a big render, GC): the reply
      // may be sitting unread in the socket. Ask once more before calling the server hung.
      if (srvr!.kind === 'timeout' && now() - started > timeoutMs + LATE_TIMEOUT_MS) {
        attemptStart = now();
        [srvr, ...others] = await Promise.all([ask('srvr'), ...words.map(ask)]);
      }
      const sample: NodeSample = { at: now(), elapsedMs: 0, srvr: srvr! };
      sample.elapsedMs = sample.at - attemptStart;
      this.learn('srvr', srvr!);
      words.forEach((word, i) => {
        const reply = others[i]!;
        this.learn(word, reply);
        sample[word] = reply;
      });
      return sample;
    };
    const flight = run().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = flight;
    return flight;
  }

  private shouldAsk(word: FourLetterWordName): boolean {
    const refused = this.refusedAt[word];
    return refused === undefined || this.rounds - refused >= RECHECK_REFUSED_ROUNDS;
  }

  // Only a real answer says anything about the whitelist: a timeout or a refused connection does not.
  private learn(word: FourLetterWordName, reply: FourLetterResult): void {
    if (reply.kind === 'notWhitelisted') {
      this.allowance[word] = 'no';
      this.refusedAt[word] = this.rounds;
    } else if (reply.kind === 'ok' || reply.kind === 'notServing') {
      this.allowance[word] = 'yes';
      delete this.refusedAt[word];
    }
  }
}
