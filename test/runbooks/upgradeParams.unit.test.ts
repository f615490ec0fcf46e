// Z1's `to=` (and its older name `version=`), the servers it fixes at start on a 3.4 ensemble
// (no committed config there), the 3.4.6 floor, and Z5's choice of the AdminServer path: taken
// when asked, or when every source server runs 3.9+ on hosts zkpilot has no shell on.
import { describe, expect, it } from 'vitest';
import type { EnsembleSnapshot, NodeView } from '../../src/ensemble/types.js';
import { RunbookError } from '../../src/runbooks/engine.js';
import { z1RollingUpgrade } from '../../src/runbooks/library/z1RollingUpgrade.js';
import { adminSteps, chooseSource, validateAdmin } from '../../src/runbooks/library/z5Source.js';
import type { RecordedFact, StepContext } from '../../src/runbooks/types.js';
import { atLeast, isLegacy34, isRelease, releaseOf } from '../../src/zk/serverVersion.js';
import { list, snap, view } from './fixtures.js';

const zxid = (counter: number) => ({ value: 0x100000000 + counter, hex: `0x1000000${counter.toString(16).padStart(2, '0')}`, epoch: 1, counter });

function node(id: number, role: 'leader' | 'follower', version: string, host = '127.0.0.1'): NodeView {
  return { ...view(id, role, list(1, 2, 3)), version, host, zxid: zxid(5), lag: role === 'leader' ? { kind: 'leader' } : { kind: 'txns', behind: 0 } };
}

/** A 3.4 ensemble as the model sees it: no committed config, no voters known. */
function legacy(versions: string[]): EnsembleSnapshot {
  const s = snap(versions.map((v, i) => ({ ...node(i + 1, i === 1 ? 'leader' : 'follower', v), voter: false, configRole: null })));
  return { ...s, committed: null };
}

function context(snapshot: EnsembleSnapshot, params: Record<string, string>, recorded: Record<string, RecordedFact> = {}): StepContext {
  return { snapshot, params, memory: {}, requestCanary: () => {}, facts: { digestAuth: true, connectString: '127.0.0.1:21181' }, recorded, probe: () => null, stepStartedAt: 0, now: 0 };
}

describe('versions as servers report them', () => {
  it('reads Debian and upstream banners by number', () => {
    expect(releaseOf('3.4.13-6--1')).toEqual([3, 4, 13]);
    expect(isRelease('3.8.0-${mvngit.commit.id}', '3.8.0')).toBe(true);
    expect(isRelease('3.8.4', '3.8')).toBe(true);
    expect(isRelease('3.8.4', '3.8.0')).toBe(false);
    expect(isLegacy34('3.4.13-6--1')).toBe(true);
    expect(atLeast('3.9.3', [3, 9, 0])).toBe(true);
    expect(atLeast(null, [3, 9, 0])).toBeNull();
  });
});

describe('Z1 parameters', () => {
  it('takes version= as the older name of to=, and refuses the two when they differ', () => {
    const s = legacy(['3.4.13-6--1', '3.4.13-6--1', '3.4.13-6--1']);
    expect(z1RollingUpgrade.prepare!({ version: '3.8.0' }, s)).toEqual({ to: '3.8.0', servers: '1,2,3', legacy: '1,2,3' });
    expect(z1RollingUpgrade.prepare!({ to: '3.4.14' }, s)).toEqual({ to: '3.4.14', servers: '1,2,3', legacy: '' });
    expect(() => z1RollingUpgrade.prepare!({ to: '3.9.3', version: '3.8.0' }, s)).toThrow(new RunbookError('to=3.9.3 and version=3.8.0 differ: give one (version is the older name of to)'));
    expect(z1RollingUpgrade.prepare!({}, snap([node(1, 'follower', '3.8.0'), node(2, 'leader', '3.8.0'), node(3, 'follower', '3.8.0')]))).toEqual({ servers: '1,2,3' });
  });

  it('upgrades from 3.4 only from 3.4.6 on ("Invalid server id: -65536")', () => {
    const params = z1RollingUpgrade.prepare!({ to: '3.8.0' }, legacy(['3.4.5', '3.4.13', '3.4.13']));
    const preflight = z1RollingUpgrade.steps(params)[0]!;
    expect(preflight.check!(context(legacy(['3.4.5', '3.4.13', '3.4.13']), params), null)).toEqual({
      ok: false,
      text: 'server.1 runs 3.4.5: a rolling upgrade to 3.8.0 needs 3.4.6 or later first ("Invalid server id: -65536")',
    });
    expect(preflight.check!(context(legacy(['3.4.13', '3.4.13', '3.4.13']), params), null).ok).toBe(true);
    // A snapshot check before each of the three upgrades, then the postflight.
    expect(z1RollingUpgrade.steps(params).map((s) => s.id)).toEqual(['preflight', 'roll-snapshot-1', 'roll-upgrade-1', 'roll-snapshot-2', 'roll-upgrade-2', 'roll-snapshot-3', 'roll-upgrade-3', 'postflight']);
  });
});

describe('Z5: the AdminServer path', () => {
  const on = (version: string, host = '127.0.0.1') => snap([node(1, 'follower', version, host), node(2, 'leader', version, host), node(3, 'follower', version, host)]);

  it('takes admin= only for a 3.9+ source', () => {
    expect(validateAdmin('8080', on('3.9.3'))).toBeNull();
    expect(validateAdmin('zk1:8080', on('3.9.3'))).toBeNull();
    expect(validateAdmin('80800', on('3.9.3'))).toMatch(/^give the AdminServer port/);
    expect(validateAdmin('8080', on('3.8.0'))).toBe("server.1 runs ZooKeeper 3.8.0: the AdminServer's snapshot command needs 3.9+ (leave admin out: the copy is read from the disk)");
  });

  it('offers it by itself when the source runs 3.9+ on hosts zkpilot has no shell on', () => {
    expect(chooseSource({}, on('3.9.3', '10.1.2.3'))).toEqual({ via: 'admin', admin: '8080' });
    expect(chooseSource({}, on('3.9.3'))).toEqual({ via: 'disk' });
    expect(chooseSource({}, on('3.8.0', '10.1.2.3'))).toEqual({ via: 'disk' });
    expect(chooseSource({ dataDir: '/var/lib/zookeeper' }, on('3.9.3', '10.1.2.3'))).toEqual({ via: 'disk' });
    expect(chooseSource({ admin: '9090' }, on('3.9.3'))).toEqual({ via: 'admin', admin: '9090' });
  });

  it('does not pass a fetched snapshot older than the leader\'s last write (trap 7)', () => {
    const fetch = adminSteps('8080', 'data.tar.gz').find((s) => s.id === 'fetch')!;
    const fact = (z: string): Record<string, RecordedFact> => ({ 'snapshot.fetch': { at: 1, ok: true, text: `data.tar.gz: snapshot.${z.slice(2)} (${z})`, data: { zxid: z } } });
    const s = on('3.9.3');
    expect(fetch.commands!(context(s, {}), s.nodes[1]!)).toEqual(['snapshot fetch 127.0.0.1:8080 -o data.tar.gz']);
    expect(fetch.check!(context(s, {}, fact('0x100000005')), null)).toEqual({ ok: true, text: 'data.tar.gz: snapshot.100000005 (0x100000005)' });
    expect(fetch.check!(context(s, {}, fact('0x100000003')), null)).toEqual({
      ok: false,
      text: "the snapshot (0x100000003) is older than the source leader's last write (0x100000005): the writes after it would be lost (trap 7): fetch again from the leader",
    });
  });
});
