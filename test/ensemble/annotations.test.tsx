// Notes and marks (typed here or by `zkpilot note|mark` in another pane) show in the timeline.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/app/buildConsole.js';
import type { AppEvent } from '../../src/shell/appEvents.js';
import { TimelinePanel } from '../../src/ui/ensemble/TimelinePanel.js';

describe('timeline annotations', () => {
  it('shows a note and a mark from the bus, without echoing them back as ensemble events', async () => {
    // Nothing listens on port 1: no poll runs (start: false), only the bus feeds the model.
    const seen: AppEvent[] = [];
    const app = buildConsole({ mode: 'tui', connectString: '127.0.0.1:1', sink: { write() {} }, ensemble: { start: false }, runbooks: { runFile: null }, observe: (e) => seen.push(e) });
    const model = app.ensemble;
    app.bus.emit({ type: 'note', text: 'leader restart next', author: 'bob', origin: 'pair' });
    app.bus.emit({ type: 'mark', label: 'step-3', author: 'alice', origin: 'console' });
    expect(model.events(10).map((e) => e.text)).toEqual(['✎ bob: leader restart next', '⚑ mark step-3 (alice)']);
    expect(seen.filter((e) => e.type === 'ensemble.event')).toEqual([]);
    const r = render(<TimelinePanel model={model} width={60} height={5} scrollBack={0} />);
    expect(r.lastFrame()).toContain('✎ bob: leader restart next');
    expect(r.lastFrame()).toContain('⚑ mark step-3 (alice)');
    r.unmount();
    await app.dispose();
  });
});
