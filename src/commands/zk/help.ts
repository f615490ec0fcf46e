// help [command]: zkpilot's own (zkCli has none; there `help` is an unknown command that prints
// the usage list). Without an argument: every registered command with its summary, zkCli's first;
// with one: that command's usage line, its options and aliases.
import { CliError } from '../../shell/errors.js';
import { CommandRegistry, type CommandSpec } from '../../shell/registry.js';

/** What help reads: the console's registry, given when the command set is made. */
export type CommandCatalog = Pick<CommandRegistry, 'get' | 'all'>;

function commandTable(specs: readonly CommandSpec[]): string[] {
  const width = Math.max(...specs.map((s) => s.name.length)) + 2;
  return specs.map((s) => `  ${s.name.padEnd(width)}${s.summary}`);
}

function describe(spec: CommandSpec): string[] {
  const lines = [`usage: ${CommandRegistry.usageLine(spec).trimEnd()}`, '', spec.summary];
  const options = spec.options ?? [];
  if (options.length > 0) {
    lines.push('', 'options:');
    const labels = options.map((o) => `-${o.flag}${o.arg ? ` <${o.arg}>` : ''}`);
    const width = Math.max(...labels.map((l) => l.length)) + 2;
    options.forEach((o, i) => lines.push(`  ${labels[i]!.padEnd(width)}${o.description}`));
  }
  if (spec.aliases?.length) lines.push('', `also: ${spec.aliases.join(', ')}`);
  if (spec.destructive) lines.push('', 'may ask for confirmation before changing anything (exec mode: --yes answers yes)');
  return lines;
}

export function helpCommand(catalog: CommandCatalog): CommandSpec {
  return {
    name: 'help',
    usage: '[command]',
    summary: 'List the commands, or show how to use one',
    args: ['command'],
    async run(ctx, parsed) {
      const name = parsed.args[1];
      if (name !== undefined) {
        const spec = catalog.get(name);
        if (!spec) throw new CliError(`help: no such command: ${name}`);
        ctx.out(describe(spec).join('\n'));
        return;
      }
      const byName = (a: CommandSpec, b: CommandSpec): number => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
      const all = catalog.all();
      const zkcli = all.filter((s) => s.zkcli).sort(byName);
      const own = all.filter((s) => !s.zkcli).sort(byName);
      const lines = ['ZooKeeper commands (as zkCli 3.8):', ...commandTable(zkcli)];
      if (own.length > 0) lines.push('', 'zkpilot commands:', ...commandTable(own));
      lines.push('', "help <command> shows a command's options.");
      ctx.out(lines.join('\n'));
    },
  };
}
