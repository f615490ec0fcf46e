// Failures a command reports. The dispatcher prints `message` to stderr (zkCli's wording)
// and returns `exitCode`; nothing else reaches the operator, never a stack trace.

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong arguments: zkCli prints the command's usage line (`ls [-s] [-w] [-R] path`). */
export class UsageError extends CliError {
  constructor(readonly usage: string) {
    super(usage, 1);
    this.name = 'UsageError';
  }
}

/** The operation was cancelled (Ctrl-C in the TUI, or a declined confirmation). */
export class CancelledError extends CliError {
  constructor(message = 'Cancelled') {
    super(message, 1);
    this.name = 'CancelledError';
  }
}
