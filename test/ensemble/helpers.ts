// Waiting on the live model without sleeps: resolve on the first event or snapshot that matches,
// fail with what the model saw when the deadline passes.
import { buildConsole, type BuildConsoleOptions, type BuiltConsole } from '../../src/app/buildConsole.js';
import type { EnsembleOptions } from '../../src/app/ensembleWiring.js';
import type { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
import type { EnsembleEvent } from '../../src/ensemble/eventTypes.js';
import type { EnsembleSnapshot } from '../../src/ensemble/types.js';
import { MemorySink } from '../../src/shell/output.js';

function describeModel(model: EnsembleModel): string {
  const s = model.getSnapshot();
  const rows = s.nodes.map((n) => `${n.id ?? '?'} ${n.key} ${n.role} ${n.zxid?.hex ?? '-'} cfg=${n.configVersion ?? '-'}`);
  const events = model.events(15).map((e) => `${e.kind}: ${e.text}`);
  return `round ${s.round}\n${rows.join('\n')}\nevents:\n${events.join('\n')}`;
}

/** The first event (already logged since `afterSeq`, or coming) that matches. */
export function waitForEvent(
  model: EnsembleModel,
  match: (e: EnsembleEvent) => boolean,
  timeoutMs: number,
  afterSeq = 0,
): Promise<EnsembleEvent> {
  const seen = model.events().find((e) => e.seq > afterSeq && match(e));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ensemble event within ${timeoutMs} ms\n${describeModel(model)}`));
    }, timeoutMs);
    const off = model.onEvent((e) => {
      if (e.seq <= afterSeq || !match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** Resolves with the first snapshot (current or coming) that satisfies `cond`. */
export function waitForSnapshot(
  model: EnsembleModel,
  cond: (s: EnsembleSnapshot) => boolean,
  timeoutMs: number,
): Promise<EnsembleSnapshot> {
  if (cond(model.getSnapshot())) return Promise.resolve(model.getSnapshot());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`condition not met within ${timeoutMs} ms\n${describeModel(model)}`));
    }, timeoutMs);
    const off = model.subscribe(() => {
      const s = model.getSnapshot();
      if (!cond(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export function lastSeq(model: EnsembleModel): number {
  return model.events(1)[0]?.seq ?? 0;
}

export interface ConsoleUnderTest {
  app: BuiltConsole;
  sink: MemorySink;
  ensemble: { model: EnsembleModel };
  /** Runs one line; returns its exit code and what it printed. */
  run(line: string): Promise<{ code: number; out: string; err: string }>;
}

/** A real console (the composition root, as the TUI or exec mode builds it), connected to `connectString`; polling unless `start: false`. */
export async function openConsole(connectString: string, opts: EnsembleOptions = {}, interactive = false, appOptions: Partial<BuildConsoleOptions> = {}): Promise<ConsoleUnderTest> {
  const sink = new MemorySink();
  const app = buildConsole({
    mode: interactive ? 'tui' : 'exec',
    connectString,
    sink,
    assumeYes: true,
    hideConnectPreamble: true,
    ensemble: { start: true, ...opts },
    // Not the operator's persisted run: a test's checklists live in memory unless it names a file.
    runbooks: { runFile: null },
    ...appOptions,
  });
  const ensemble = { model: app.ensemble };
  const client = await app.conn.connect();
  await client.waitConnected(20_000);
  return {
    app,
    sink,
    ensemble,
    async run(line) {
      const start = sink.lines.length;
      const code = await app.shell.execute(line);
      const lines = sink.lines.slice(start);
      const text = (stream: string) => lines.filter((l) => l.stream === stream).map((l) => l.text).join('\n');
      return { code, out: text('stdout'), err: text('stderr') };
    },
  };
}
