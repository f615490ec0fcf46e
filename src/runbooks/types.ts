// A runbook is data: parameters asked at start, then steps. Each step names its target node with
// a selector over the live ensemble snapshot, suggests shell lines templated from parameters and
// target, and is verified by a check over the snapshot (or confirmed by hand). No UI, no shell.
import type { EnsembleSnapshot, NodeView } from '../ensemble/types.js';
import type { ShellServices } from '../shell/context.js';
import type { CommandJournalView } from './commandJournal.js';

export type ParamKind = 'ids' | 'id' | 'text' | 'path';

export interface ParamDef {
  name: string;
  description: string;
  kind: ParamKind;
  required: boolean;
  /** Null when the value is acceptable; otherwise one line saying why not. */
  validate?: (value: string, snapshot: EnsembleSnapshot) => string | null;
  /** Values worth offering on Tab, read off the live ensemble (Z4: the running non-voting followers). */
  suggest?: (snapshot: EnsembleSnapshot) => string[];
}

export type Params = Record<string, string>;

/** Free-form values a runbook keeps between steps (pinned target, servers done), persisted. */
export type Memory = Record<string, unknown>;

export interface CheckResult {
  ok: boolean;
  /** The check's live status in one line, e.g. "zxid 0x50000012 vs leader 0x50000014: behind by 2". */
  text: string;
}

/** Everything a selector, check, guard or command template may read. */
export interface StepContext {
  snapshot: EnsembleSnapshot;
  params: Params;
  memory: Memory;
  /** A zkpilot-owned write (RUNBOOKS trap 5): zxids compare again after it. Throttled by the engine. */
  requestCanary(): void;
  /** Facts of the operator's session the model cannot see. */
  facts: SessionFacts;
  /** What commands recorded during this run (`snapshot pack` wrote an archive, the last `verify`'s exit code). */
  recorded: Readonly<Record<string, RecordedFact>>;
  /**
   * The latest result of an asynchronous look at what the model does not poll (another ensemble's
   * `srvr`), taken during the current step: null until the first completes. Run again once older
   * than `maxAgeMs` (default 1000); the engine re-evaluates when a result arrives.
   */
  probe<T>(key: string, run: () => Promise<T>, maxAgeMs?: number): T | null;
  /** When the current step started (ms). */
  stepStartedAt: number;
  now: number;
  /**
   * Set when a step still to come is only being named for the checklist: its target is not chosen
   * yet, memory must not change, and probes answer null without running.
   */
  preview?: boolean;
}

/** A result a command recorded for the checks of the active run (see RunbookEngine.record). */
export interface RecordedFact {
  /** When it was recorded (ms): checks compare it with the step's start. */
  at: number;
  ok: boolean;
  /** One line: what the command found or did. */
  text: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface SessionFacts {
  /** `addauth digest …` was given in this session (the secret itself is never kept here). */
  digestAuth: boolean;
  connectString: string;
  /** What recent commands answered (`pg get_meta_level`, `copy`, `verify`…), for checks the model cannot make. */
  journal?: CommandJournalView;
  /** Where the Pegasus shell runs: its `-o` files and `recover -f` files are relative to it. */
  pegasusCwd?: string | null;
}

export interface StepDef {
  id: string;
  title: string | ((c: StepContext, target: NodeView | null) => string);
  /** One or two lines from the procedure: why this step exists. */
  why: string;
  /** The node to act on next, re-evaluated on every model change. */
  target?: (c: StepContext) => NodeView | null;
  /** Shell lines to offer (the first is what `step next` fills in). */
  commands?: (c: StepContext, target: NodeView | null) => string[];
  /** What to do outside zkpilot (on another host: systemctl, scp), shown verbatim, never filled in. */
  instructions?: (c: StepContext, target: NodeView | null) => string[];
  /** Verifies the step against live state; absent = manual confirmation (`step done`). */
  check?: (c: StepContext, target: NodeView | null) => CheckResult;
  /** The step cannot pass before this long after it started ("wait >= 30 s"). */
  minWaitMs?: number;
  /** Refuses the step's suggested action while unsafe: one line why, or null. */
  guard?: (c: StepContext, target: NodeView | null) => string | null;
  /** Runs when the step completes (pins, marks a server done); may change memory. */
  onDone?: (c: StepContext, target: NodeView | null) => void;
  /** Marker label on the target row, e.g. "stop". */
  marker?: string;
}

export interface RunbookDef {
  id: string;
  title: string;
  /** The seed procedure it comes from. */
  source: string;
  params: ParamDef[];
  /**
   * Facts fixed at start and kept with the parameters (e.g. the servers of a rolling restart), so
   * that `steps` gives the same list again on resume whatever the ensemble looks like then.
   */
  prepare?(params: Params, snapshot: EnsembleSnapshot): Params;
  /** Steps for these (prepared) parameters, e.g. one round per server. */
  steps(params: Params): StepDef[];
  /** Runbook-specific refusals of hand-typed or suggested commands while this runbook runs. */
  guards?: RunbookGuard[];
  /**
   * Refusals of other commands by name (P2: no `copy` unless the meta is blind), judged on live
   * answers right before the command runs; one line why, or null. `--force` overrides.
   */
  commandGuards?: Record<string, CommandRefusal>;
}

/** A command the guards judge: a reconfig or a node action (`config`: the ids of the server lines written; an upgrade is a restart with `version`). */
export type GuardRequest =
  | { kind: 'reconfig'; add: { id: number; line: string; clientAddress: string | null; role: 'participant' | 'observer' }[]; remove: number[] }
  | { kind: 'node'; action: 'start' | 'stop' | 'restart' | 'status' | 'wipe' | 'config'; id: number; members?: number[]; version?: string };

export type RunbookGuard = (req: GuardRequest, c: StepContext) => string | null;

/** What a command guard may use: the run's parameters and memory, and the console's services (the Pegasus session). */
export interface CommandGuardEnv {
  params: Params;
  memory: Memory;
  services: ShellServices;
  signal: AbortSignal;
}

export type CommandRefusal = (tokens: readonly string[], env: CommandGuardEnv) => Promise<string | null>;

export type StepStatus = 'pending' | 'current' | 'done' | 'skipped';

export interface StepRecord {
  id: string;
  status: StepStatus;
  startedAt: number | null;
  endedAt: number | null;
  /** `check`, `manual` (who), or `skip: reason`. */
  how: string | null;
  /** The title the step had when it ended (its target named), kept for the checklist afterwards. */
  title?: string;
}

/** What is persisted: enough to resume after a crash (`zkpilot --resume`). */
export interface RunState {
  version: 1;
  runbookId: string;
  params: Params;
  startedAt: number;
  /** The committed config's version when the run started (informational on resume). */
  startConfigVersion: string | null;
  current: number;
  steps: StepRecord[];
  memory: Memory;
  /** Results commands recorded (absent in runs saved before facts existed). */
  facts?: Record<string, RecordedFact>;
  status: 'running' | 'finished' | 'aborted';
  operator: string;
}

/** The engine's view of the current step, for the pane, the banner and the commands. */
export interface CurrentStepView {
  index: number;
  total: number;
  id: string;
  title: string;
  why: string;
  target: NodeView | null;
  commands: string[];
  instructions: string[];
  check: CheckResult | null;
  guard: string | null;
  manual: boolean;
  waitLeftMs: number;
}
