// The panels re-render only when a poll round changed what they show: a round that only moved the
// poll's bookkeeping (round, times, durations) keeps the previous snapshot, so no frame is drawn
// and a key typed just after it is not held behind Ink's frame interval.
import { describe, expect, it } from 'vitest';
import type { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
import type { EnsembleSnapshot } from '../../src/ensemble/types.js';
import { visibleSnapshot } from '../../src/ui/ensemble/useEnsemble.js';
import { snap, view } from '../runbooks/fixtures.js';

function modelShowing(): { model: EnsembleModel; show(s: EnsembleSnapshot): void } {
  let current = snap([view(1, 'follower', null), view(2, 'leader', null), view(3, 'follower', null)]);
  return { model: { getSnapshot: () => current } as unknown as EnsembleModel, show: (s) => (current = s) };
}

describe('visibleSnapshot', () => {
  it('keeps the previous snapshot when only the round, times, durations and unshown counters moved', () => {
    const { model, show } = modelShowing();
    const first = visibleSnapshot(model);
    const next = structuredClone(first);
    next.round += 1;
    next.at += 1000;
    next.nodes = next.nodes.map((n) => ({ ...n, polledAt: (n.polledAt ?? 0) + 1000, elapsedMs: 7, connections: (n.connections ?? 0) + 1 }));
    show(next);
    expect(visibleSnapshot(model)).toBe(first);
  });

  it('gives the new snapshot when a role, a zxid or a marker changed', () => {
    const { model, show } = modelShowing();
    const first = visibleSnapshot(model);
    const changed = structuredClone(first);
    changed.nodes[0] = { ...changed.nodes[0]!, role: 'down' };
    show(changed);
    expect(visibleSnapshot(model)).toBe(changed);
    const marked = structuredClone(changed);
    marked.nodes[1] = { ...marked.nodes[1]!, marker: { label: 'next: restart', owner: 'Z1' } };
    show(marked);
    expect(visibleSnapshot(model)).toBe(marked);
  });
});
