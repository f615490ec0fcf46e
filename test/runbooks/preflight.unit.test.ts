// Trap 9 in the preflight every ZooKeeper runbook starts with: the 4lw whitelist defaults to
// `srvr` only. Without srvr the preflight refuses (roles cannot be read); without mntr/conf it
// passes and says which checks are degraded, on which servers. Z4 refuses a 3.4 source first.
import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../src/ensemble/types.js';
import { preflightCheck } from '../../src/runbooks/library/z1RollingUpgrade.js';
import type { StepContext } from '../../src/runbooks/types.js';
import { z4HotMigration } from '../../src/runbooks/library/z4HotMigration.js';
import { list, snap, view } from './fixtures.js';

const zxid = { value: 0x100000005, hex: '0x100000005', epoch: 1, counter: 5 };

function synced(id: number, role: 'leader' | 'follower', allowed: Partial<NodeView['allowed']> = {}): NodeView {
  const v = view(id, role, list(1, 2, 3));
  return { ...v, zxid, lag: role === 'leader' ? { kind: 'leader' } : { kind: 'txns', behind: 0 }, allowed: { ...v.allowed, ...allowed } };
}

function context(nodes: NodeView[]): StepContext {
  return {
    snapshot: snap(nodes),
    params: {},
    memory: {},
    requestCanary: () => {},
    facts: { digestAuth: false, connectString: '127.0.0.1:21181' },
    recorded: {},
    probe: () => null,
    stepStartedAt: 0,
    now: 0,
  };
}

describe('preflight and the 4lw whitelist (trap 9)', () => {
  it('passes a healthy ensemble with every word allowed, naming the quorum', () => {
    const r = preflightCheck(context([synced(1, 'follower'), synced(2, 'leader'), synced(3, 'follower')]));
    expect(r.ok).toBe(true);
    expect(r.text).toContain('quorum 2 of 3');
    expect(r.text).not.toContain('trap 9');
  });

  it('refuses when a voter does not allow srvr', () => {
    const r = preflightCheck(context([synced(1, 'follower'), synced(2, 'leader'), synced(3, 'follower', { srvr: 'no' })]));
    expect(r).toEqual({ ok: false, text: 'srvr not in 4lw.commands.whitelist on server.3 (trap 9)' });
  });

  it('degrades gracefully without mntr/conf and says where', () => {
    const r = preflightCheck(context([synced(1, 'follower', { mntr: 'no', conf: 'no' }), synced(2, 'leader'), synced(3, 'follower', { conf: 'no' })]));
    expect(r.ok).toBe(true);
    expect(r.text).toMatch(/mntr\/conf not whitelisted on 1,3: degraded checks \(trap 9\)$/);
  });
});

describe('Z4 on 3.4 (seed 001: the source must be 3.5.0 or later)', () => {
  it('refuses in its preflight with the seed\'s advice: upgrade first (runbook Z1)', () => {
    const old = (id: number, role: 'leader' | 'follower') => ({ ...synced(id, role), version: '3.4.13' });
    const c = { ...context([old(1, 'follower'), old(2, 'leader'), old(3, 'follower')]), params: z4HotMigration.prepare!({ new: 'server.4=127.0.0.1:24881:24882:participant;127.0.0.1:24181' }, snap([])) };
    const preflight = z4HotMigration.steps(c.params).find((s) => s.id === 'preflight')!;
    expect(preflight.check!(c, null)).toEqual({
      ok: false,
      text: 'server.1 runs ZooKeeper 3.4.13: dynamic reconfig needs 3.5 or later; upgrade the ensemble first (runbook Z1), then migrate (seed 001)',
    });
  });
});
