// What the checklist calls each step: the live title of the current step, the title a finished
// step had when it ended (its target named, even after the target moved on), and for a step still
// to come its title without a target — never the step's internal id unless nothing else exists.
import { describe, expect, it } from 'vitest';
import { RunbookEngine } from '../../src/runbooks/engine.js';
import { checklistRows, statusText } from '../../src/runbooks/statusText.js';
import type { RunbookDef, RunState } from '../../src/runbooks/types.js';
import { fixedModel, snap, view } from './fixtures.js';

const server7 = view(7, 'follower', null);
const snapshot = snap([server7]);
const model = fixedModel(snapshot);

const def: RunbookDef = {
  id: 'T',
  title: 'titles',
  source: 'test',
  params: [],
  steps: () => [
    {
      id: 'stop',
      title: (_c, t) => (t ? `stop server.${t.id}` : 'stop the next server'),
      why: 'x',
      target: (c) => (c.memory['stopped'] ? null : server7),
      onDone: (c) => {
        c.memory['stopped'] = true;
      },
    },
    { id: 'start', title: (_c, t) => (t ? `start server.${t.id}` : 'start it again'), why: 'x', target: (c) => (c.memory['stopped'] ? server7 : null) },
    { id: 'look-closer', title: (_c, t) => `look at server.${t!.id}`, why: 'x' },
    {
      id: 'careful',
      // A title with side effects: naming it early must neither probe nor change the run's memory.
      title: (c) => {
        c.memory['touched'] = true;
        return c.probe('k', () => ((probed += 1), Promise.resolve('probed'))) ?? (c.preview ? 'named in advance' : 'live');
      },
      why: 'x',
    },
  ],
};
let probed = 0;

describe('step titles in the checklist', () => {
  it('names the target of a done step as it was, and a pending step by what it will do', () => {
    const saved: (RunState | null)[] = [];
    const engine = new RunbookEngine({ model, library: [def], emit: () => undefined, save: (s) => saved.push(s && structuredClone(s)) });
    engine.start('T', {});
    const titles = () => checklistRows(engine).map((r) => r.title);
    // A title that cannot be written without its target falls back to the id, in words.
    expect(titles()).toEqual(['stop server.7', 'start it again', 'look closer', 'named in advance']);
    expect(probed).toBe(0);
    expect(engine.active!.state.memory['touched']).toBeUndefined();
    engine.done();
    // Once done, step 1's target is gone (onDone moved on), but its row still names server.7.
    expect(titles().slice(0, 3)).toEqual(['stop server.7', 'start server.7', 'look closer']);
    expect(saved.filter((s) => s !== null).at(-1)!.steps[0]!.title).toBe('stop server.7');
    engine.back();
    // Back at step 1: it is live again (its target now null); step 2 is pending again.
    expect(titles().slice(0, 3)).toEqual(['stop the next server', 'start it again', 'look closer']);
    engine.skip('done by hand');
    expect(titles()[0]).toBe('stop the next server');
    engine.abort('window closed');
    // Looking back once it is over: how it ended, and each step as it was left.
    const [none, summary, ...rows] = statusText(engine);
    expect(none).toBe('no runbook is running (runbook list, runbook start ID)');
    expect(summary).toMatch(/^last run: T titles aborted at step 2\/4 \d\d:\d\d:\d\dZ after 0s — 0 done, 1 skipped$/);
    expect(rows).toEqual(['↷  1 stop the next server  0s  (skip: done by hand)', '▶  2 start server.7  (aborted here)', '·  3 look closer', '·  4 careful']);
    engine.dispose();
  });
});
