// The zkpilot-owned write that makes zxids comparable after an election (RUNBOOKS trap 5), asked
// for by checks on every evaluation but run at most once per interval and never twice at a time;
// the model is refreshed after it so the next evaluation sees the new zxids.
export class CanaryThrottle {
  private last = 0;
  private running = false;

  constructor(
    private readonly write: (() => Promise<void>) | undefined,
    private readonly refresh: () => Promise<unknown>,
    private readonly now: () => number,
    private readonly everyMs = 1500,
  ) {}

  request(): void {
    const write = this.write;
    if (!write || this.running || this.now() - this.last < this.everyMs) return;
    this.running = true;
    this.last = this.now();
    void write()
      .then(() => this.refresh())
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
      });
  }
}
