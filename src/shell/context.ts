// What a command runs against. The same context type serves the TUI, exec mode and tests,
// so a command is a plain async function over it and never touches the UI.
import type { SecretRegistry } from '../sessions/redact.js';
import type { EventBus } from './appEvents.js';
import type { Connection } from './connection.js';
import type { History } from './history.js';
import type { Tone } from './output.js';

export interface ShellSettings {
  printWatches: boolean;
}

/**
 * Consulted before a command runs (the checklist guards, src/runbooks/guards): returns the tokens
 * to run (e.g. without `--force`), or an exit code when the command is refused.
 */
export type CommandGuard = (name: string, tokens: string[], ctx: CommandContext) => Promise<string[] | number>;

/**
 * Services the composition root (src/app/buildConsole.ts) attaches. Each module that provides
 * one adds its property by augmenting this interface (`declare module …`), so the shell layer
 * never imports the layers above it; each is optional so a command degrades with a clear line
 * when its service is absent (a bare shell in a unit test).
 */
export interface ShellServices {
  commandGuard?: CommandGuard;
}

export interface CommandContext {
  readonly conn: Connection;
  readonly history: History;
  readonly settings: ShellSettings;
  readonly bus: EventBus;
  readonly secrets: SecretRegistry;
  readonly services: ShellServices;
  /** True in the TUI (a human can answer prompts); false in exec mode and scripts. */
  readonly interactive: boolean;
  /** Aborted by Ctrl-C in the TUI (or SIGINT in exec mode): long commands stop cleanly. */
  readonly signal: AbortSignal;
  /** This command's number: zkCli's command count while it runs (`history`, `redo` read it). */
  readonly commandId: number;
  /** Exit code of the previous command (zkCli's `quit` exits with it). */
  readonly lastExitCode: number;
  out(text: string, tone?: Tone): void;
  err(text: string, tone?: Tone): void;
  /**
   * Asks before a destructive change. TUI: a y/N prompt. Exec mode: true only with `--yes`;
   * otherwise false, and the refusal is printed and recorded.
   */
  confirm(question: string): Promise<boolean>;
  /** confirm() says yes without asking (`--yes`): work done only to phrase the question can be skipped. */
  readonly preapproved: boolean;
  /** Runs another line as part of this command, without a history entry of its own (`redo`). */
  execute(line: string): Promise<number>;
  /** Ends the shell after this command (`quit`). */
  requestQuit(): void;
}
