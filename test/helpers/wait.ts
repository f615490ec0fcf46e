// Waiting for a condition in a test, never for a fixed time: checks after each turn of the event
// loop (Ink renders on its own turns) and fails with what was seen when the deadline passes.
export async function waitFor(cond: () => boolean, describe: () => string = () => '', timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms\n${describe()}`);
    await new Promise((r) => setImmediate(() => setTimeout(r, 0)));
  }
}
