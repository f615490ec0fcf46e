// Kills the JVMs of sandboxes that asked for it (`killOnExit`) when this process ends, so a
// crashed test, a Ctrl-C'd TUI or an uncaught exception leaves no stray ZooKeeper behind.
// One set of process listeners serves every guarded sandbox.

export interface Guarded {
  /** Synchronous: SIGKILL the JVMs and remove owned files; runs inside process 'exit'. */
  killNow(): void;
  /** Orderly tear-down for SIGINT/SIGTERM. */
  down(): Promise<void>;
}

const guarded = new Set<Guarded>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onExit(): void {
  for (const sandbox of guarded) {
    try {
      sandbox.killNow();
    } catch {
      // keep going: the other sandboxes still need killing
    }
  }
  guarded.clear();
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  await Promise.allSettled([...guarded].map((sandbox) => sandbox.down()));
  uninstall();
  // Die of the same signal as the default disposition would have, unless someone else listens.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

const signalHandlers = new Map<NodeJS.Signals, () => void>();

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) {
    const handler = () => void onSignal(signal);
    signalHandlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstall(): void {
  process.off('exit', onExit);
  for (const [signal, handler] of signalHandlers) process.off(signal, handler);
  signalHandlers.clear();
}

export function guard(sandbox: Guarded): void {
  if (guarded.size === 0) install();
  guarded.add(sandbox);
}

export function unguard(sandbox: Guarded): void {
  guarded.delete(sandbox);
  if (guarded.size === 0) uninstall();
}
