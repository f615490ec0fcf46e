// The command registry: every command (zkCli's and zkpilot's own) declares its grammar here,
// so usage lines, help, completion and dispatch all read the same description.
import type { CommandContext } from './context.js';
import type { OptionSpec, ParsedArgs } from './options.js';

/** What a positional argument holds, so completion knows what to offer. */
export type ArgKind = 'path' | 'data' | 'acl' | 'scheme' | 'auth' | 'server' | 'number' | 'word' | 'command' | 'file' | 'none';

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** zkCli's option string after the name, verbatim: `[-s] [-w] [-R] path`. */
  usage: string;
  summary: string;
  options?: OptionSpec[];
  /** Positional argument kinds in order; the last one repeats. */
  args?: ArgKind[];
  /** Listed in zkCli's usage text (unknown-command output must equal zkCli's). */
  zkcli?: boolean;
  /** Asks for confirmation before it changes anything (see `confirmDestructive`). */
  destructive?: boolean;
  /** Needs a live ZooKeeper session ("Not connected" otherwise, as zkCli). */
  needsSession?: boolean;
  /** Works without a ZooKeeper session (local files, four-letter words): exec mode runs it without waiting to connect. */
  sessionless?: boolean;
  /** No option parsing: zkCli's built-ins (history, redo, printwatches, connect, quit) read raw tokens. */
  rawArgs?: boolean;
  /** Word completions for a positional argument, e.g. `printwatches on|off`; `before`: the arguments before it. */
  words?: (argIndex: number, before: readonly string[]) => string[];
  run(ctx: CommandContext, parsed: ParsedArgs): Promise<number | void>;
}

export class CommandRegistry {
  private readonly commands = new Map<string, CommandSpec>();
  private readonly aliases = new Map<string, string>();

  register(spec: CommandSpec): void {
    if (this.commands.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
    this.commands.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) this.aliases.set(alias, spec.name);
  }

  registerAll(specs: readonly CommandSpec[]): void {
    for (const s of specs) this.register(s);
  }

  get(name: string): CommandSpec | undefined {
    return this.commands.get(name) ?? this.commands.get(this.aliases.get(name) ?? '');
  }

  all(): CommandSpec[] {
    return [...this.commands.values()];
  }

  names(): string[] {
    return [...this.commands.keys(), ...this.aliases.keys()];
  }

  /** zkCli's usage line for one command: `ls [-s] [-w] [-R] path` (`close ` keeps its space). */
  static usageLine(spec: CommandSpec): string {
    return `${spec.name} ${spec.usage}`;
  }

  /** zkCli's full usage text (printed for an unknown command), sorted as Java sorts strings. */
  zkcliUsage(): string {
    // Java's TreeMap order: UTF-16 code units, so `addWatch` sorts before `addauth`.
    const lines = this.all()
      .filter((s) => s.zkcli)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((s) => CommandRegistry.usageLine(s));
    return ['ZooKeeper -server host:port -client-configuration properties-file cmd args', ...lines.map((l) => `\t${l}`)].join('\n');
  }
}
