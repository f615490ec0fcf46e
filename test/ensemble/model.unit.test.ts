// The pure parts of the model on replies captured from real 3.8.0 servers (zk-operations.md §2/§4):
// role classification (incl. a server refusing srvr itself, which 3.8 never does but older or
// patched servers and some proxies do), lag rules, event derivation, column layout, markers.
import { describe, expect, it } from 'vitest';
import { EventDeriver, diffMembership } from '../../src/ensemble/ensembleEvents.js';
import { computeLag } from '../../src/ensemble/lag.js';
import { MarkerSet } from '../../src/ensemble/markers.js';
import { classifyRole } from '../../src/ensemble/roleClassifier.js';
import { mergeTargets } from '../../src/ensemble/targets.js';
import type { CommittedConfig, EnsembleSnapshot, NodeView } from '../../src/ensemble/types.js';
import { parseServerLine } from '../../src/zk/dynamicConfig.js';
import { parseZxid } from '../../src/zk/fourLetter.js';
import { healthText } from '../../src/ui/ensemble/EnsemblePanel.js';
import { layoutColumns } from '../../src/ui/ensemble/tableLayout.js';
import { computeHealth } from '../../src/ensemble/health.js';

const committed: CommittedConfig = {
  version: '100000000',
  servers: [1, 2, 3].map((id) => parseServerLine(`server.${id}=127.0.0.1:2328${id}:2338${id}:participant;127.0.0.1:2318${id}`)),
  source: 'session',
  at: 0,
};
const ok = (text: string) => ({ kind: 'ok' as const, text });

describe('classifyRole', () => {
  const base = { confServerId: null, spec: committed.servers[0]!, committed };
  it.each([
    [{ kind: 'refused' as const }, 'down'],
    [{ kind: 'timeout' as const }, 'no-answer'],
    [{ kind: 'error' as const, message: 'EHOSTUNREACH' }, 'unreachable'],
    [{ kind: 'notServing' as const, text: 'This ZooKeeper instance is not currently serving requests' }, 'not-serving'],
    [{ kind: 'notWhitelisted' as const, text: 'srvr is not executed because it is not in the whitelist.' }, '4lw-disabled'],
  ])('%j → %s', (srvr, role) => {
    expect(classifyRole({ ...base, srvr, mode: null }).role).toBe(role);
  });

  it('a follower absent from the committed config is non-voting, by its conf id or else by address', () => {
    expect(classifyRole({ srvr: ok(''), mode: 'follower', confServerId: 4, spec: null, committed }).role).toBe('non-voting');
    expect(classifyRole({ srvr: ok(''), mode: 'follower', confServerId: null, spec: null, committed }).role).toBe('non-voting');
    expect(classifyRole({ srvr: ok(''), mode: 'follower', confServerId: 2, spec: null, committed }).role).toBe('follower');
    // No committed config to judge by: take the server's word.
    expect(classifyRole({ srvr: ok(''), mode: 'follower', confServerId: 4, spec: null, committed: null }).role).toBe('follower');
    expect(classifyRole({ srvr: ok(''), mode: 'leader', confServerId: 4, spec: null, committed }).role).toBe('leader');
  });
});

describe('computeLag', () => {
  const z = (hex: string) => parseZxid(hex)!;
  it('counts transactions within an epoch, never negative', () => {
    expect(computeLag({ role: 'follower', zxid: z('0x200000003'), leaderZxid: z('0x200000005'), peerState: null })).toEqual({ kind: 'txns', behind: 2 });
    expect(computeLag({ role: 'follower', zxid: z('0x200000006'), leaderZxid: z('0x200000005'), peerState: null })).toEqual({ kind: 'txns', behind: 0 });
  });
  it('an old-epoch zxid right after an election is not comparable (trap 5)', () => {
    expect(computeLag({ role: 'follower', zxid: z('0x100000005'), leaderZxid: z('0x200000000'), peerState: null })?.kind).toBe('not-comparable');
    expect(computeLag({ role: 'follower', zxid: z('0x100000005'), leaderZxid: z('0x200000004'), peerState: 'following - broadcast' })?.kind).toBe('not-comparable');
    expect(computeLag({ role: 'follower', zxid: z('0x100000005'), leaderZxid: z('0x300000004'), peerState: 'following - synchronization - snap' })).toEqual({ kind: 'behind-epoch', epochs: 2 });
  });
});

function view(key: string, id: number, role: NodeView['role'], hex: string | null, extra: Partial<NodeView> = {}): NodeView {
  return {
    key, host: '127.0.0.1', port: Number(key.split(':')[1]), id, sources: ['config'], configRole: 'participant', voter: true,
    role, roleSince: 0, detail: null, zxid: hex ? parseZxid(hex) : null, lag: null, version: '3.8.0', configVersion: '100000000',
    configOk: true, latency: { min: 0, avg: 0.5, max: 3 }, outstanding: 0, znodes: 5, connections: 1, peerState: null,
    allowed: { srvr: 'yes', mntr: 'yes', conf: 'yes' }, polledAt: 0, elapsedMs: 1, marker: null, ...extra,
  };
}

function snap(round: number, at: number, nodes: NodeView[]): EnsembleSnapshot {
  return { round, at, pollIntervalMs: 1000, timeoutMs: 600, nodes, committed, health: computeHealth(nodes, committed, null), session: null };
}

describe('EventDeriver', () => {
  it('measures the election gap from the rounds around a leaderless stretch', () => {
    const d = new EventDeriver();
    const a = '127.0.0.1:23181';
    const b = '127.0.0.1:23182';
    expect(d.derive(null, snap(1, 1000, [view(a, 1, 'leader', '0x100000005'), view(b, 2, 'follower', '0x100000005')])).map((e) => e.kind)).toEqual(['ensemble.observed']);
    const lost = d.derive(snap(1, 1000, [view(a, 1, 'leader', '0x100000005'), view(b, 2, 'follower', '0x100000005')]),
      snap(2, 2000, [view(a, 1, 'down', null), view(b, 2, 'not-serving', null)]));
    expect(lost.map((e) => e.kind)).toEqual(['leader.lost', 'node.down', 'role.changed']);
    const elected = d.derive(snap(2, 2000, [view(a, 1, 'down', null), view(b, 2, 'not-serving', null)]),
      snap(3, 2250, [view(a, 1, 'down', null), view(b, 2, 'leader', '0x200000000')]));
    expect(elected).toEqual([
      { kind: 'leader.elected', node: { id: 2, key: b }, epoch: 2, previous: { id: 1, key: a } },
      { kind: 'election.gap', from: { id: 1, key: a }, to: { id: 2, key: b }, minMs: 250, maxMs: 1250 },
      { kind: 'epoch.changed', from: 1, to: 2 },
    ]);
  });

  it('diffs membership into added, removed and changed server lines', () => {
    const four = parseServerLine('server.4=127.0.0.1:23284:23384:participant;127.0.0.1:23184');
    const observer3 = parseServerLine('server.3=127.0.0.1:23283:23383:observer;127.0.0.1:23183');
    const diff = diffMembership(committed.servers, [committed.servers[1]!, observer3, four]);
    expect(diff.added).toEqual(['server.4=127.0.0.1:23284:23384:participant;127.0.0.1:23184']);
    expect(diff.removed).toEqual(['server.1=127.0.0.1:23281:23381:participant;127.0.0.1:23181']);
    expect(diff.changed).toEqual(['server.3=127.0.0.1:23283:23383:participant;127.0.0.1:23183 -> 127.0.0.1:23283:23383:observer;127.0.0.1:23183']);
  });
});

describe('targets and markers', () => {
  it('merges config members, connect string and extra hosts into one row per address', () => {
    const targets = mergeTargets({
      committed,
      connectHosts: [{ host: '127.0.0.1', port: 23181 }, { host: 'LOCALHOST', port: 23182 }],
      extraHosts: [{ host: '127.0.0.1', port: 23184 }],
      previous: [{ key: '127.0.0.1:23185', host: '127.0.0.1', port: 23185, sources: ['config'], spec: null }],
      keepFormer: () => true,
      aliases: new Set(['localhost:23182']),
    });
    expect(targets.map((t) => [t.key, t.sources.join('+')])).toEqual([
      ['127.0.0.1:23181', 'config+connect'],
      ['127.0.0.1:23182', 'config'],
      ['127.0.0.1:23183', 'config'],
      ['127.0.0.1:23184', 'extra'],
      ['127.0.0.1:23185', 'former'],
    ]);
  });

  it('marks by id or address; owners clear only their own', () => {
    const m = new MarkerSet();
    m.set(2, { label: 'next: restart', owner: 'a' });
    m.set('127.0.0.1:23183', { label: 'last', owner: 'b' });
    expect(m.forNode({ id: 2, key: 'x' })?.label).toBe('next: restart');
    expect(m.forNode({ id: null, key: '127.0.0.1:23183' })?.label).toBe('last');
    m.clear({ owner: 'a' });
    expect(m.forNode({ id: 2, key: 'x' })).toBeNull();
    expect(m.forNode({ id: 3, key: '127.0.0.1:23183' })?.label).toBe('last');
  });
});

describe('panel layout', () => {
  const nodes = [view('127.0.0.1:23181', 1, 'leader', '0x200000005'), view('127.0.0.1:23182', 2, 'non-voting', '0x200000005')];
  it.each([38, 45, 62, 100])('columns fit %i columns, role and lag always shown', (width) => {
    const cols = layoutColumns(nodes, width);
    const used = cols.reduce((sum, c) => sum + c.width, 0) + cols.length - 1;
    expect(used).toBeLessThanOrEqual(width);
    expect(cols.map((c) => c.id)).toEqual(expect.arrayContaining(['id', 'role', 'ec', 'lag', 'cfg']));
    if (width >= 100) expect(cols.map((c) => c.id)).toEqual(['mark', 'id', 'address', 'role', 'zxid', 'ec', 'lag', 'version', 'cfg', 'latency']);
  });
  it.each([36, 45, 60, 120])('the health line fits %i columns', (width) => {
    const s = snap(3, 0, nodes);
    expect([...healthText(s, width)].length).toBeLessThanOrEqual(Math.max(width, 36));
  });
});
