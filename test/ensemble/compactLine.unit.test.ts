// The one-line ensemble summary: quorum, then every server's id with its role and marks, in the
// longest form that fits the width; the node a checklist marked is flagged.
import { describe, expect, it } from 'vitest';
import { compactLine, compactLineText } from '../../src/ensemble/compactLine.js';
import { snap, view } from '../runbooks/fixtures.js';

describe('compact ensemble line', () => {
  const healthy = () => snap([view(1, 'follower', null), view(2, 'follower', null), view(3, 'leader', null), view(4, 'follower', null, false)], [1, 2, 3]);

  it('names the leader, every follower and a non-voting server, with the quorum first', () => {
    const s = healthy();
    s.nodes[3] = { ...s.nodes[3]!, role: 'non-voting' };
    expect(compactLineText(s, 40)).toBe('✓ q2 · 1 F · 2 F · 3 L · 4 nv');
  });

  it('adds addresses, epoch and config version when the width allows', () => {
    const text = compactLineText(healthy(), 200);
    expect(text).toContain('3@127.0.0.1:23181 L');
    expect(text).toContain('epoch');
  });

  it('marks a down server, a lagging follower and a wrong config; says NO QUORUM', () => {
    const s = snap([view(1, 'down', null), view(2, 'no-answer', null), view(3, 'follower', null)]);
    s.nodes[2] = { ...s.nodes[2]!, lag: { kind: 'txns', behind: 12 }, configOk: false };
    const text = compactLineText(s, 60);
    expect(text).toMatch(/^✗ NO QUORUM 1\/3 q2 · 1 ✗down · 2 hung · 3 F↓12!cfg/);
  });

  it('flags the node a checklist marked, and gives each server its role for colour', () => {
    const s = healthy();
    s.nodes[1] = { ...s.nodes[1]!, marker: { label: 'next: restart', owner: 'Z1' } };
    const segments = compactLine(s, 40);
    expect(segments.find((seg) => seg.marked)?.text).toBe('▶2 F');
    expect(segments.find((seg) => seg.text === '3 L')?.role).toBe('leader');
    expect(segments[0]).toMatchObject({ quorum: 'ok' });
  });

  it('says it is polling before the first round', () => {
    expect(compactLineText({ ...healthy(), round: 0 }, 80)).toBe('ensemble: polling…');
  });
});
