// The shell's pre-dispatch guard: a hand-typed `reconfig` is judged like a suggested one. General
// rules (reconfigGuard) and the active runbook's own rules (also for other commands, by name); a refusal says why in one line and
// `--force` overrides it, which is recorded.
import { SERVING_ROLES, type EnsembleSnapshot } from '../../ensemble/types.js';
import { releaseAtLeast } from '../../zk/serverVersion.js';
import type { CommandContext, CommandGuard } from '../../shell/context.js';
import type { RunbookEngine } from '../engine.js';
import { parseReconfigTokens, reconfigGuard, withProbedJoiners, type ServerProbe } from './reconfigGuard.js';

export interface CommandGuardDeps {
  /** The live model, refreshed before judging (a config may have changed a moment ago). */
  refresh(): Promise<EnsembleSnapshot>;
  /** Looks at a server outside the view (a joiner named by its client address). */
  probe?: ServerProbe;
  engine: RunbookEngine | null;
}

/** A server before 3.5 serves: `reconfig` itself says in one line that it has no reconfig. */
function preDynamic(s: EnsembleSnapshot): boolean {
  return s.nodes.some((n) => SERVING_ROLES.has(n.role) && n.version !== null && !releaseAtLeast(n.version, 3, 5));
}

export const FORCE_FLAG = '--force';

/** Takes `--force` out of the tokens. */
export function takeForce(tokens: readonly string[]): { force: boolean; rest: string[] } {
  const rest = tokens.filter((t) => t !== FORCE_FLAG);
  return { force: rest.length !== tokens.length, rest };
}

/** Says a verdict: refused (exit 1) or forced past it (recorded). Returns true when refused. */
export function reportVerdict(ctx: Pick<CommandContext, 'err'>, engine: RunbookEngine | null, bus: CommandContext['bus'], reason: string, force: boolean, what: string): boolean {
  const emit = (kind: 'guard.refused' | 'guard.forced', text: string): void => {
    if (engine) engine.note(kind, text);
    else bus.emit({ type: 'runbook', runbook: '-', kind, text });
  };
  if (force) {
    ctx.err(`warning: ${reason} — forced (--force), recorded`, 'warn');
    emit('guard.forced', `${what} forced over: ${reason}`);
    return false;
  }
  ctx.err(`refused: ${reason} (--force overrides)`);
  emit('guard.refused', `${what} refused: ${reason}`);
  return true;
}

export function createCommandGuard(deps: CommandGuardDeps): CommandGuard {
  return async (name, tokens, ctx) => {
    if (name !== 'reconfig') return runbookCommandGuard(deps.engine, name, tokens, ctx);
    const { force, rest } = takeForce(tokens);
    const req = parseReconfigTokens(rest.slice(1));
    if (!req) return rest;
    const refreshed = await deps.refresh();
    if (refreshed.round === 0 || preDynamic(refreshed)) return rest; // reconfig's own errors apply
    const { snapshot, probed, refusal } = deps.probe ? await withProbedJoiners(refreshed, req, deps.probe) : { snapshot: refreshed, probed: new Set<string>(), refusal: null };
    const reason = refusal ?? reconfigGuard(snapshot, req, probed) ?? deps.engine?.guardCommand(req) ?? null;
    if (reason && reportVerdict(ctx, deps.engine, ctx.bus, reason, force, rest.join(' '))) return 1;
    return rest;
  };
}

/** The active runbook's own rule for this command (P2's blind-level rule for `copy`), if any. */
async function runbookCommandGuard(engine: RunbookEngine | null, name: string, tokens: string[], ctx: CommandContext): Promise<string[] | number> {
  const active = engine?.active;
  const refusal = active?.state.status === 'running' ? active.def.commandGuards?.[name] : undefined;
  if (!active || !refusal) return tokens;
  const { force, rest } = takeForce(tokens);
  const reason = await refusal(rest.slice(1), { params: active.state.params, memory: active.state.memory, services: ctx.services, signal: ctx.signal });
  if (reason && reportVerdict(ctx, engine, ctx.bus, reason, force, rest.join(' '))) return 1;
  return rest;
}
