// The engine's two ways to see beyond the live model: facts commands record for the active run
// (persisted, judged against the step's start), and probes of another ensemble taken in the
// background and dropped at every step change. Plus Z5's reading of a `verify` line.
import { describe, expect, it } from 'vitest';
import type { EnsembleSnapshot } from '../../src/ensemble/types.js';
import { RunbookEngine } from '../../src/runbooks/engine.js';
import { fixedModel } from './fixtures.js';
import { verifyMismatch } from '../../src/runbooks/library/z5SnapshotMigration.js';
import type { RunbookDef, RunState } from '../../src/runbooks/types.js';

const snapshot = { round: 1, at: 0, nodes: [], committed: null, health: {}, session: null } as unknown as EnsembleSnapshot;
const model = fixedModel(snapshot);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('recorded facts and probes', () => {
  it('a check passes on a fact recorded during its step, persisted with the run', () => {
    let clock = 1000;
    const saved: (RunState | null)[] = [];
    const def: RunbookDef = {
      id: 'T',
      title: 'test',
      source: 'test',
      params: [],
      steps: () => [
        { id: 'one', title: 'one', why: 'x', check: (c) => (c.recorded['made']?.ok && c.recorded['made'].at >= c.stepStartedAt ? { ok: true, text: c.recorded['made'].text } : { ok: false, text: 'not yet' }) },
        { id: 'two', title: 'two', why: 'x' },
      ],
    };
    const engine = new RunbookEngine({ model, library: [def], emit: () => undefined, save: (s) => saved.push(s && structuredClone(s)), now: () => clock });
    expect(engine.record('made', { ok: true, text: 'before the run' })).toBe(false);
    engine.start('T', {});
    expect(engine.current?.check).toEqual({ ok: false, text: 'not yet' });
    clock = 2000;
    expect(engine.record('made', { ok: true, text: 'archive written', data: { archive: '/x.tar.gz' } })).toBe(true);
    expect(engine.current?.id).toBe('two');
    const persisted = saved.filter((s) => s !== null).at(-1)!;
    expect(persisted.facts?.['made']).toEqual({ ok: true, text: 'archive written', data: { archive: '/x.tar.gz' }, at: 2000 });
    // A run saved before facts existed resumes with none.
    const old = structuredClone(persisted);
    delete old.facts;
    engine.abort();
    engine.resume({ ...old, status: 'running' });
    expect(engine.current?.id).toBe('two');
    engine.dispose();
  });

  it('a probe result arrives later, re-evaluates the step, and is forgotten at the next step', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const probe = () => {
      const d = deferred<string>();
      calls.push(d);
      return d.promise;
    };
    const def: RunbookDef = {
      id: 'P',
      title: 'probe',
      source: 'test',
      params: [],
      steps: () => [
        { id: 'a', title: 'a', why: 'x', check: (c) => ({ ok: c.probe('k', probe, 60_000) === 'up', text: String(c.probe('k', probe, 60_000)) }) },
        { id: 'b', title: 'b', why: 'x', check: (c) => ({ ok: false, text: String(c.probe('k', probe, 60_000)) }) },
      ],
    };
    const engine = new RunbookEngine({ model, library: [def], emit: () => undefined, save: () => undefined });
    engine.start('P', {});
    expect(engine.current?.check?.text).toBe('null');
    expect(calls.length).toBe(1); // one run in flight, however often the check is evaluated
    engine.evaluate();
    expect(calls.length).toBe(1);
    calls[0]!.resolve('down');
    await calls[0]!.promise;
    expect(engine.current?.check?.text).toBe('down');
    engine.done({ force: true });
    expect(engine.current?.id).toBe('b');
    expect(engine.current?.check?.text).toBe('null'); // step a's result is not step b's
    expect(calls.length).toBe(2);
    engine.dispose();
  });
});

describe('Z5: which verify counts', () => {
  const source = ['127.0.0.1:2181', '127.0.0.1:2182'];
  const target = ['10.0.0.9:2181'];
  it('accepts the whole tree of the source against the target, in any spelling', () => {
    expect(verifyMismatch('verify / 10.0.0.9:2181:/', source, target, '127.0.0.1:2181,127.0.0.1:2182')).toBeNull();
    expect(verifyMismatch('verify --no-acl -l 5 127.0.0.1:2182:/ 10.0.0.9:2181:/', source, target, 'elsewhere:1')).toBeNull();
  });
  it('says why another comparison does not count', () => {
    expect(verifyMismatch('verify /app 10.0.0.9:2181:/app', source, target, '127.0.0.1:2181')).toMatch(/whole tree/);
    expect(verifyMismatch('verify / 127.0.0.1:2182:/', source, target, '127.0.0.1:2181')).toMatch(/not the target ensemble/);
    expect(verifyMismatch('verify / prod-b:/', source, target, '127.0.0.1:2181')).toMatch(/give it as a connect string/);
    expect(verifyMismatch('verify / 10.0.0.9:2181:/', source, target, '10.0.0.9:2181')).toMatch(/its source 10\.0\.0\.9:2181 is not the source/);
    expect(verifyMismatch('verify /', source, target, '127.0.0.1:2181')).toMatch(/not a verify SRC DST line/);
  });
});
