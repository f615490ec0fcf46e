// The checklist engine: one active run of one runbook. It re-evaluates the current step's target
// and check on every ensemble model change (the leader can change mid-runbook), completes a step
// when its check passes, marks the target row in the ensemble panel, persists every transition
// and publishes it as an event. Operator actions: done (manual), skip with a reason, back, abort.
import type { EnsembleSnapshot } from '../ensemble/types.js';
import type { RunbookEventKind } from '../shell/appEvents.js';
import { Store } from '../util/store.js';
import { CanaryThrottle } from './canaryThrottle.js';
import { freezeView, type ActiveRun, type ChecklistView } from './checklistView.js';
import { ProbeCache } from './probes.js';
import { evaluateStep, previewTitle, titleOf } from './stepView.js';
import type { EngineOptions } from './engineOptions.js';
import { describeParams, validateParams } from './params.js';
import type {
  CurrentStepView, GuardRequest, Params, RecordedFact, RunbookDef, RunState, StepContext, StepDef, StepRecord,
} from './types.js';

export type { EngineOptions, ModelPort, RunbookEvent } from './engineOptions.js';

export const MARKER_OWNER = 'runbook';

export class RunbookError extends Error {}

export class RunbookEngine implements ChecklistView {
  private def: RunbookDef | null = null;
  private stepDefs: StepDef[] = [];
  private state: RunState | null = null;
  /** The run that ended last (finished or aborted), for `runbook status`. */
  last: RunState | null = null;
  private offModel: (() => void) | null = null;
  private view: CurrentStepView | null = null;
  private waitTimer: NodeJS.Timeout | null = null;
  private readonly canary: CanaryThrottle;
  private evaluating = false;
  private readonly now: () => number;
  private readonly probes: ProbeCache;

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? Date.now;
    this.probes = new ProbeCache(() => this.evaluate(), this.now);
    this.canary = new CanaryThrottle(opts.canary, () => opts.model.refresh(), this.now);
    this.published = new Store(freezeView(this));
  }

  get library(): readonly RunbookDef[] {
    return this.opts.library;
  }

  get active(): ActiveRun | null {
    return this.def && this.state ? { def: this.def, state: this.state, steps: this.stepDefs } : null;
  }

  get current(): CurrentStepView | null {
    return this.view;
  }

  /** A frozen copy of the checklist after each change (the pane renders it). */
  private readonly published: Store<ChecklistView>;
  subscribe = (listener: () => void): (() => void) => this.published.subscribe(listener);
  getSnapshot = (): ChecklistView => this.published.getSnapshot();

  // --- starting and resuming -------------------------------------------------------------------

  /** The live ensemble as the engine sees it (for parameter suggestions). */
  snapshot(): EnsembleSnapshot {
    return this.opts.model.getSnapshot();
  }

  find(id: string): RunbookDef | undefined {
    const key = id.toLowerCase();
    return this.opts.library.find((d) => d.id.toLowerCase() === key);
  }

  /** Validates the parameters against the live ensemble; returns the errors (empty = fine). */
  validate(def: RunbookDef, params: Params): string[] {
    return validateParams(def, params, this.opts.model.getSnapshot());
  }

  start(id: string, params: Params): RunState {
    if (this.state?.status === 'running') throw new RunbookError(`runbook ${this.state.runbookId} is running: finish or \`runbook abort\` it first`);
    const def = this.find(id);
    if (!def) throw new RunbookError(`no runbook ${id} (runbook list)`);
    const errors = this.validate(def, params);
    if (errors.length > 0) throw new RunbookError(errors.join('; '));
    const snapshot = this.opts.model.getSnapshot();
    const prepared = def.prepare ? def.prepare({ ...params }, snapshot) : { ...params };
    const steps = def.steps(prepared);
    const now = this.now();
    const state: RunState = {
      version: 1,
      runbookId: def.id,
      params: prepared,
      startedAt: now,
      startConfigVersion: snapshot.committed?.version ?? null,
      current: 0,
      steps: steps.map((s, i): StepRecord => ({ id: s.id, status: i === 0 ? 'current' : 'pending', startedAt: i === 0 ? now : null, endedAt: null, how: null })),
      memory: {},
      status: 'running',
      operator: this.opts.operator ?? 'operator',
    };
    this.attach(def, steps, state);
    this.event('started', `${def.id} ${def.title} started${describeParams(params)}`);
    this.stepStarted();
    this.evaluate();
    return state;
  }

  /** Continues a persisted run (after a crash or restart). */
  resume(saved: RunState): void {
    const def = this.find(saved.runbookId);
    if (!def) throw new RunbookError(`cannot resume: no runbook ${saved.runbookId} in this version`);
    const steps = def.steps(saved.params);
    if (steps.length !== saved.steps.length || steps.some((s, i) => s.id !== saved.steps[i]!.id)) {
      throw new RunbookError(`cannot resume ${saved.runbookId}: its steps changed since the run was saved`);
    }
    this.attach(def, steps, structuredClone(saved));
    this.event('resumed', `${def.id} resumed at step ${saved.current + 1}/${steps.length}`);
    this.evaluate();
  }

  private attach(def: RunbookDef, steps: StepDef[], state: RunState): void {
    this.detach();
    this.def = def;
    this.stepDefs = steps;
    this.state = state;
    this.offModel = this.opts.model.subscribe(() => this.evaluate());
    this.persist();
  }

  private detach(): void {
    this.probes.clear();
    this.offModel?.();
    this.offModel = null;
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.opts.model.clearMarkers({ owner: MARKER_OWNER });
  }

  dispose(): void {
    this.detach();
    this.published.close();
  }

  // --- operator actions ------------------------------------------------------------------------

  /** Confirms a manual step (or a check the operator judges passed, with force). */
  done(opts: { force?: boolean } = {}): void {
    const { step, view } = this.requireCurrent();
    if (step.check && !opts.force) {
      throw new RunbookError(`this step is verified by its check (${view.check?.text ?? 'not evaluated yet'}); \`step done --force\` overrides`);
    }
    if (view.waitLeftMs > 0 && !opts.force) throw new RunbookError(`wait ${Math.ceil(view.waitLeftMs / 1000)} s more (\`step done --force\` overrides)`);
    if (opts.force) this.event('guard.forced', `step ${step.id} marked done by hand over its check: ${view.check?.text ?? 'manual'}`);
    this.complete(step.check && opts.force ? `forced by ${this.state!.operator}` : `manual by ${this.state!.operator}`);
  }

  skip(reason: string): void {
    const { step, view } = this.requireCurrent();
    if (reason.trim() === '') throw new RunbookError('skip needs a reason: step skip REASON');
    const state = this.state!;
    const record = state.steps[state.current]!;
    Object.assign(record, { status: 'skipped', endedAt: this.now(), how: `skip: ${reason}`, title: view.title });
    this.event('step.skipped', `step ${state.current + 1} ${step.id} skipped: ${reason}`);
    this.advance();
  }

  back(): void {
    const state = this.requireRunning();
    if (state.current === 0) throw new RunbookError('already at the first step');
    const record = state.steps[state.current]!;
    Object.assign(record, { status: 'pending', startedAt: null, endedAt: null, how: null });
    delete record.title;
    state.current -= 1;
    Object.assign(state.steps[state.current]!, { status: 'current', startedAt: this.now(), endedAt: null, how: null });
    delete state.steps[state.current]!.title;
    this.event('step.back', `back to step ${state.current + 1} ${state.steps[state.current]!.id}`);
    this.probes.clear();
    this.persist();
    this.evaluate();
  }

  abort(reason = ''): void {
    const state = this.requireRunning();
    const record = state.steps[state.current];
    if (record && this.view) record.title = this.view.title; // the last run's checklist names it
    state.status = 'aborted';
    this.event('aborted', `${state.runbookId} aborted at step ${state.current + 1}${reason ? `: ${reason}` : ''}`);
    this.finish();
  }

  /** Runbook-specific guards of the active run over a command (null: no objection). */
  guardCommand(req: GuardRequest): string | null {
    const active = this.active;
    if (!active || active.state.status !== 'running') return null;
    const c = this.context();
    for (const guard of active.def.guards ?? []) {
      const reason = guard(req, c);
      if (reason) return reason;
    }
    return null;
  }

  /**
   * Records a command's result for the active run's checks (`snapshot pack` wrote FILE; the
   * last `verify` exited 0), persisted with the run; the newest of a name wins. False when no
   * run is active (nothing is kept).
   */
  record(name: string, fact: Omit<RecordedFact, 'at'>): boolean {
    const state = this.state;
    if (!state || state.status !== 'running') return false;
    (state.facts ??= {})[name] = { ...fact, at: this.now() };
    this.persist();
    this.evaluate();
    return true;
  }

  /**
   * What the checklist calls each step: the live title of the current step, the title a finished
   * step had when it ended, and for a step still to come its title without a target ("stop the
   * next server (2 of 3)"): its target is chosen only when it is reached.
   */
  stepTitles(): string[] {
    const state = this.state;
    if (!state) return [];
    let preview: StepContext | null = null;
    return this.stepDefs.map((step, i) => {
      if (i === state.current && this.view) return this.view.title;
      return state.steps[i]?.title ?? previewTitle(step, (preview ??= this.context()));
    });
  }

  /** Records an event on behalf of the commands (guards, node actions) with this run's id. */
  note(kind: RunbookEventKind, text: string, target?: number | null): void {
    this.opts.emit({ kind, runbook: this.state?.runbookId ?? '-', text, ...(target !== undefined ? { target } : {}), operator: this.opts.operator ?? 'operator' });
  }

  // --- evaluation ------------------------------------------------------------------------------

  /** Re-evaluates target, check and guard of the current step; completes it when its check passes. */
  evaluate(): void {
    if (this.evaluating) return;
    this.evaluating = true;
    try {
      for (let guard = 0; guard < 1000; guard++) {
        const state = this.state;
        if (!state || state.status !== 'running') break;
        const view = this.computeView();
        this.view = view;
        this.updateMarker(view);
        if (!(view.check?.ok && view.waitLeftMs <= 0)) {
          this.scheduleWait(view);
          break;
        }
        this.complete('check');
      }
    } finally {
      this.evaluating = false;
    }
    this.notify();
  }

  private notify(): void {
    this.published.replace(freezeView(this));
  }

  private computeView(): CurrentStepView {
    const state = this.state!;
    const startedAt = state.steps[state.current]!.startedAt ?? this.now();
    return evaluateStep(this.stepDefs[state.current]!, { index: state.current, total: this.stepDefs.length, startedAt }, this.context());
  }

  private context(): StepContext {
    const state = this.state!;
    return {
      snapshot: this.opts.model.getSnapshot(),
      params: state.params,
      memory: state.memory,
      requestCanary: () => this.canary.request(),
      facts: this.opts.facts?.() ?? { digestAuth: false, connectString: '' },
      recorded: state.facts ?? {},
      probe: (key, run, maxAgeMs) => this.probes.get(key, run, maxAgeMs),
      stepStartedAt: state.steps[state.current]?.startedAt ?? this.now(),
      now: this.now(),
    };
  }

  private complete(how: string): void {
    const state = this.state!;
    const step = this.stepDefs[state.current]!;
    const c = this.context();
    const target = step.target?.(c) ?? null;
    const title = titleOf(step, c, target); // before onDone: it may move the target on
    step.onDone?.(c, target);
    const record = state.steps[state.current]!;
    Object.assign(record, { status: 'done', endedAt: this.now(), how, title });
    const checkText = how === 'check' && this.view?.check ? ` (${this.view.check.text})` : '';
    this.event('step.done', `step ${state.current + 1} ${step.id} done: ${how}${checkText}`, target?.id ?? null);
    this.advance();
  }

  private advance(): void {
    const state = this.state!;
    if (state.current + 1 >= state.steps.length) {
      state.status = 'finished';
      this.event('finished', `${state.runbookId} finished: all ${state.steps.length} steps done`);
      this.finish();
      return;
    }
    state.current += 1;
    Object.assign(state.steps[state.current]!, { status: 'current', startedAt: this.now() });
    this.stepStarted();
    this.persist();
    if (!this.evaluating) this.evaluate();
  }

  private stepStarted(): void {
    this.probes.clear();
    const state = this.state!;
    const step = this.stepDefs[state.current]!;
    const c = this.context();
    const target = step.target?.(c) ?? null;
    const title = titleOf(step, c, target);
    this.event('step.started', `step ${state.current + 1}/${state.steps.length}: ${title}`, target?.id ?? null);
  }

  private finish(): void {
    this.view = null;
    this.persist();
    this.opts.save(null);
    this.detach();
    this.last = this.state;
    this.def = null;
    this.state = null;
    this.stepDefs = [];
    this.notify();
  }

  private updateMarker(view: CurrentStepView): void {
    const model = this.opts.model;
    const step = this.stepDefs[view.index]!;
    const target = view.target;
    const current = target ? model.getSnapshot().nodes.find((n) => n.marker?.owner === MARKER_OWNER) : undefined;
    const wanted = target ? `next: ${step.marker ?? step.id}` : null;
    const key = target ? (target.id ?? target.key) : null;
    if (current && (!target || current.key !== target.key || current.marker?.label !== wanted)) model.clearMarkers({ owner: MARKER_OWNER });
    if (!target) {
      model.clearMarkers({ owner: MARKER_OWNER });
      return;
    }
    model.setMarker(key!, { label: wanted!, owner: MARKER_OWNER });
  }

  private scheduleWait(view: CurrentStepView): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    if (view.waitLeftMs <= 0) return;
    // Re-evaluate once a second so the countdown shows, and at once when the wait is over.
    this.waitTimer = setTimeout(() => this.evaluate(), Math.min(1000, view.waitLeftMs));
    this.waitTimer.unref?.();
  }

  private requireRunning(): RunState {
    if (!this.state || this.state.status !== 'running') throw new RunbookError('no runbook is running (runbook start ID)');
    return this.state;
  }

  private requireCurrent(): { step: StepDef; view: CurrentStepView } {
    const state = this.requireRunning();
    if (!this.view) this.evaluate();
    return { step: this.stepDefs[state.current]!, view: this.view ?? this.computeView() };
  }

  private persist(): void {
    if (this.state) this.opts.save(this.state);
  }

  private event(kind: RunbookEventKind, text: string, target?: number | null): void {
    const state = this.state;
    this.opts.emit({
      kind,
      runbook: state?.runbookId ?? '-',
      text,
      ...(state ? { step: state.steps[state.current]?.id, stepIndex: state.current } : {}),
      ...(target !== undefined ? { target } : {}),
      operator: this.opts.operator ?? 'operator',
    });
  }
}
