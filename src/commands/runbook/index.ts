// `runbook list|start ID [name=value…]|status|abort [REASON]` and `step next|done|skip REASON|back`:
// the operator's handle on the checklist engine. `step next` puts the suggested command on the
// input line (TUI) or prints it (exec mode); the operator's Enter runs it, guarded as if typed.
import { RunbookError, type RunbookEngine } from '../../runbooks/engine.js';
import { currentDetails, nextBanner, statusText } from '../../runbooks/statusText.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { requireEngine } from './service.js';

const RUNBOOK_USAGE = 'runbook list | start ID [name=value ...] | status | abort [REASON]';
const STEP_USAGE = 'step next | done [--force] | skip REASON | back';

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RunbookError) throw new CliError(e.message);
    throw e;
  }
}

function parseParams(tokens: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq <= 0) throw new CliError(`runbook start: parameter "${t}" is not name=value`);
    params[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return params;
}

function printLines(ctx: CommandContext, lines: readonly string[]): void {
  for (const l of lines) ctx.out(l);
}

export const runbookCommand: CommandSpec = {
  name: 'runbook',
  usage: 'list | start ID [name=value ...] | status | abort [REASON]',
  summary: 'guided checklists (RUNBOOKS.md Z1–Z5): list, start, status, abort',
  rawArgs: true,
  args: ['word', 'word'],
  words: (i) => (i === 0 ? ['list', 'start', 'status', 'abort'] : []),
  async run(ctx, parsed) {
    const engine = requireEngine(ctx);
    const [sub, ...rest] = (parsed.tokens ?? parsed.args).slice(1);
    switch (sub) {
      case 'list':
        for (const d of engine.library) {
          const params = d.params.map((p) => (p.required ? `${p.name}=…` : `[${p.name}=…]`)).join(' ');
          ctx.out(`${d.id.padEnd(4)} ${d.title}${params ? `  ${params}` : ''}  (${d.source})`);
        }
        return 0;
      case 'start': {
        const [id, ...paramTokens] = rest;
        if (!id) throw new UsageError(RUNBOOK_USAGE);
        const def = engine.find(id);
        if (!def) throw new CliError(`runbook: no runbook ${id} (runbook list)`);
        const params = parseParams(paramTokens);
        if (def.params.some((p) => p.required && !(p.name in params))) {
          for (const p of def.params) ctx.err(`  ${p.name}${p.required ? '' : ' (optional)'}: ${p.description}`, 'plain');
        }
        wrap(() => engine.start(id, params));
        printLines(ctx, statusText(engine));
        return 0;
      }
      case 'status':
        printLines(ctx, statusText(engine));
        return 0;
      case 'abort':
        wrap(() => engine.abort(rest.join(' ')));
        ctx.out('runbook aborted (recorded)');
        return 0;
      default:
        throw new UsageError(RUNBOOK_USAGE);
    }
  },
};

export const stepCommand: CommandSpec = {
  name: 'step',
  usage: 'next | done [--force] | skip REASON | back',
  summary: "the checklist's current step: suggest its command, confirm, skip with a reason, go back",
  rawArgs: true,
  args: ['word', 'data'],
  words: (i) => (i === 0 ? ['next', 'done', 'skip', 'back'] : []),
  async run(ctx, parsed) {
    const engine = requireEngine(ctx);
    const [sub, ...rest] = (parsed.tokens ?? parsed.args).slice(1);
    switch (sub) {
      case 'next': {
        const view = engine.current;
        if (!view) throw new CliError('step: no runbook is running (runbook start ID)');
        printLines(ctx, [nextBanner(engine) ?? '', ...currentDetails(engine).map((l) => `   ${l}`)]);
        const line = view.commands[0];
        if (view.guard) {
          ctx.err(`refused for now: ${view.guard}`, 'warn');
          return 1;
        }
        if (line) ctx.bus.emit({ type: 'runbook.fill', runbook: engine.active!.def.id, line });
        return 0;
      }
      case 'done':
        wrap(() => engine.done({ force: rest.includes('--force') }));
        printLines(ctx, [nextBanner(engine) ?? 'runbook finished']);
        return 0;
      case 'skip':
        if (rest.length === 0) throw new CliError('step skip: give a reason (it is recorded)');
        wrap(() => engine.skip(rest.join(' ')));
        printLines(ctx, [nextBanner(engine) ?? 'runbook finished']);
        return 0;
      case 'back':
        wrap(() => engine.back());
        printLines(ctx, [nextBanner(engine) ?? '']);
        return 0;
      default:
        throw new UsageError(STEP_USAGE);
    }
  },
};

/**
 * The commands; with `engine`, Tab also completes `runbook start` with the runbook ids, then the
 * parameters not given yet (`new=`), with values read off the live ensemble where a parameter
 * offers them (Z4's `new=` lists the running non-voting followers).
 */
export function runbookCommands(engine?: () => RunbookEngine | null): CommandSpec[] {
  if (!engine) return [runbookCommand, stepCommand];
  const words = (i: number, before: readonly string[]): string[] => {
    const e = engine();
    if (i === 0 || !e || before[0] !== 'start') return runbookCommand.words!(i, before);
    if (i === 1) return e.library.map((d) => d.id);
    const def = e.find(before[1] ?? '');
    if (!def) return [];
    const given = new Set(before.slice(2).map((t) => t.split('=')[0]));
    const snapshot = e.snapshot();
    return def.params
      .filter((p) => !given.has(p.name))
      .flatMap((p) => {
        // A suggestion alone is taken by one Tab; without one, `name=` and the value is typed.
        const values = p.suggest?.(snapshot) ?? [];
        return values.length > 0 ? values.map((v) => `${p.name}=${v}`) : [`${p.name}=`];
      });
  };
  return [{ ...runbookCommand, words }, stepCommand];
}
