// Bounded concurrency for pipelined ZooKeeper requests (tree walks, bulk copies): enough in
// flight to hide the round trip, few enough not to flood the server.

/** A counting semaphore: at most `limit` tasks run at once, the rest queue in order. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.queue.shift()?.();
    }
  }
}
