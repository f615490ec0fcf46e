/**
 * A failure the user can act on (bad id, nothing running, a node that died on start). Its message
 * is meant to be shown as is: the CLI prints it without a stack trace.
 */
export class SandboxError extends Error {
  override name = 'SandboxError';
}
