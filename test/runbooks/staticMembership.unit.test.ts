// The pure parts of static membership changes (Z2/Z3): quorum arithmetic over every server's own
// list, the node-config guard and member lines, Z3's parameter, the highest id ever seen, and the
// config roll's steps. Snapshots are built the way the model builds them from real 3.8.0 replies
// (conf `version=0` on every server with reconfigEnabled=false).
import { describe, expect, it } from 'vitest';
import { resolveMembers } from '../../src/commands/nodeActions/members.js';
import { nodeActionGuard } from '../../src/runbooks/guards/nodeActionGuard.js';
import { isStaticEnsemble, staticStopRefusal } from '../../src/runbooks/guards/staticQuorum.js';
import { parseReplacements, validateReplacements } from '../../src/runbooks/library/z3Params.js';
import { rollSteps } from '../../src/runbooks/rolling.js';
import { configCommand, highestKnownId, listsMembership, parseLines, rollSafeVersion } from '../../src/runbooks/staticMembership.js';
import type { CommandJournalView, JournalEntry } from '../../src/runbooks/commandJournal.js';
import { z3StaticMigration } from '../../src/runbooks/library/z3StaticMigration.js';
import { formatServerSpec } from '../../src/zk/dynamicConfig.js';
import { list, snap, spec, view } from './fixtures.js';

describe('static quorum: every list a serving server holds keeps a majority', () => {
  it('Z3 in the seed\'s order: old 3 down, 4 joined with 1,2,4 — restarting 1 loses the leader\'s majority', () => {
    const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'down', null), view(4, 'non-voting', list(1, 2, 4), false)]);
    expect(isStaticEnsemble(s)).toBe(true);
    expect(staticStopRefusal(s, 'stop', 1)).toBe("stop of server.1 would leave 1 of the 3 voters in server.2's zoo.cfg (1,2,3) serving, fewer than a majority (2)");
    expect(nodeActionGuard(s, 'restart', 1).refuse).toBe(staticStopRefusal(s, 'restart', 1));
  });

  it('Z3 in zkpilot\'s order: the leader is restarted last, when only it still holds the old list', () => {
    // 1 and 4 hold 1,2,4; the old 3 is down; the session's config is still the leader's 1,2,3.
    const s = snap([view(1, 'follower', list(1, 2, 4)), view(2, 'leader', list(1, 2, 3)), view(3, 'down', null), view(4, 'non-voting', list(1, 2, 4), false)]);
    expect(staticStopRefusal(s, 'stop', 2)).toBeNull();
    expect(nodeActionGuard(s, 'stop', 2).refuse).toBeNull();
    // The committed-config arithmetic alone would refuse it (2 voters of 1,2,3 up, quorum 2).
    expect(s.health.votersUp).toBe(2);
  });

  it('Z2: the leader still counts by 1,2,3 while the others list 1,2,3,4', () => {
    const s = snap([view(1, 'follower', list(1, 2, 3, 4)), view(2, 'follower', list(1, 2, 3, 4)), view(3, 'leader', list(1, 2, 3)), view(4, 'non-voting', list(1, 2, 3, 4), false)]);
    expect(staticStopRefusal(s, 'stop', 3)).toBeNull();
    const oneDown = snap([view(1, 'down', null), view(2, 'follower', list(1, 2, 3, 4)), view(3, 'leader', list(1, 2, 3)), view(4, 'non-voting', list(1, 2, 3, 4), false)]);
    expect(staticStopRefusal(oneDown, 'stop', 2)).toBe("stop of server.2 would leave 1 of the 3 voters in server.3's zoo.cfg (1,2,3) serving, fewer than a majority (2)");
  });

  it('a non-voting follower of a static ensemble may be restarted (nothing rewrote its zoo.cfg)', () => {
    const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'follower', list(1, 2, 3)), view(4, 'non-voting', list(1, 2, 3, 4), false)]);
    expect(nodeActionGuard(s, 'restart', 4).refuse).toBeNull();
    expect(nodeActionGuard(s, 'start', 5).warn).toBeNull();
  });
});

describe('node config', () => {
  const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'down', null), view(4, 'non-voting', list(1, 2, 3, 4), false)]);

  it('refuses a list without the server itself or with an id twice; warns that a running server reads it at restart', () => {
    expect(nodeActionGuard(s, 'config', 3, [1, 2]).refuse).toBe('the membership does not list server.3 itself: it would die at start with "My id 3 not in the peer list"');
    expect(nodeActionGuard(s, 'config', 3, [1, 3, 3]).refuse).toBe('server.3 is given twice');
    expect(nodeActionGuard(s, 'config', 3, [1, 2, 3])).toEqual({ refuse: null, warn: null });
    expect(nodeActionGuard(s, 'config', 1, [1, 2, 3, 4]).warn).toBe('server.1 is running: the new membership takes effect when it restarts');
  });

  it('takes full lines or ids whose line is known; sorts by id', () => {
    const from = { snapshot: s, provider: {} };
    const line5 = 'server.5=10.0.0.5:2888:3888:participant;10.0.0.5:2181';
    expect(resolveMembers(['4', line5, 'server.1'], from)).toEqual([
      { id: 1, line: 'server.1=127.0.0.1:21881:21882:participant;127.0.0.1:21181' },
      { id: 4, line: 'server.4=127.0.0.1:24881:24882:participant;127.0.0.1:24181' },
      { id: 5, line: line5 },
    ]);
    expect(() => resolveMembers(['7'], from)).toThrow('node config: the address of server.7 is not known: give its line, server.7=host:quorumPort:electionPort:participant;host:clientPort');
    expect(() => resolveMembers(['1', 'server.1=a:1:2'], from)).toThrow('node config: server.1 is given twice');
    expect(() => resolveMembers(['server.2=a:b'], from)).toThrow(/^node config: a:b does not have the form/);
  });
});

describe('ids and parameters', () => {
  const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'follower', list(1, 2, 3)), view(4, 'non-voting', list(1, 2, 3, 4), false), view(7, 'down', null, false)]);

  it('the highest id ever seen leaves out the candidate\'s own row (a new server already running)', () => {
    expect(highestKnownId(s, 4)).toBe(7);
    expect(highestKnownId(snap(s.nodes.slice(0, 4)), 4)).toBe(3);
  });

  it('Z3 replace=OLD:server.NEW=…: old must vote, new ids above every id ever used, nothing twice', () => {
    const line = (id: number) => `server.${id}=10.0.0.${id}:2888:3888:participant;10.0.0.${id}:2181`;
    expect(parseReplacements(`3:${line(8)},server.1:${line(9)}`).map((r) => [r.old, r.spec.id])).toEqual([[3, 8], [1, 9]]);
    expect(validateReplacements(`3:${line(8)}`, s)).toBeNull();
    expect(validateReplacements(`3:${line(5)}`, s)).toBe('server.5: a new id must be greater than every id ever used (> 7)');
    expect(validateReplacements(`6:${line(8)}`, s)).toBe('server.6 is not a voter of the ensemble (1,2,3)');
    expect(validateReplacements(`3:${line(8)},3:${line(9)}`, s)).toBe('an old server is given twice');
    expect(validateReplacements('3=server.8', s)).toMatch(/^"3=server.8" is not OLD:server.NEW=/);
  });

  it('membership changes by rolling restart need ZOOKEEPER-3829 fixed', () => {
    expect(['3.5.8', '3.6.1'].map(rollSafeVersion)).toEqual([false, false]);
    expect(['3.5.9', '3.6.2', '3.7.0', '3.8.0', '3.9.2'].map(rollSafeVersion)).toEqual([true, true, true, true, true]);
  });
});

describe('the config roll', () => {
  it('writes, stops, starts each server; the start waits for its conf to list the new membership', () => {
    const target = list(1, 2, 3, 4);
    const steps = rollSteps([1, 2, 3], 'roll', { startWhy: 'w', configure: { why: 'c', specs: () => target } });
    expect(steps.map((x) => x.id)).toEqual(['roll-config-1', 'roll-stop-1', 'roll-start-1', 'roll-config-2', 'roll-stop-2', 'roll-start-2', 'roll-config-3', 'roll-stop-3', 'roll-start-3']);
    expect(steps[0]!.check).toBeUndefined(); // a manual step: `node config` (or the hand edit + step done)
    const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'follower', list(1, 2, 3))]);
    const c = { snapshot: s, params: {}, memory: {}, requestCanary: () => undefined, facts: { digestAuth: false, connectString: '' }, recorded: {}, probe: () => null, stepStartedAt: 0, now: 0 };
    const t = steps[0]!.target!(c)!;
    expect(t.id).toBe(1);
    expect(steps[0]!.commands!(c, t)).toEqual([configCommand(1, target)]);
    expect(steps[0]!.instructions!(c, t)[0]).toMatch(/^on 127\.0\.0\.1: make these the only server\.N= lines of the zoo\.cfg server\.1 starts with/);
    expect(listsMembership(t, [1, 2, 3, 4])).toEqual({ ok: false, text: "server.1's zoo.cfg lists 1,2,3, want 1,2,3,4: write it and restart it" });
    expect(parseLines(target.map((x) => `server.${x.id}=${x.host}:${x.quorumPort}:${x.electionPort}:participant;${x.clientHost}:${x.clientPort}`).join(','))).toEqual(target);
  });
});

describe('Z3: the old server must not lead', () => {
  const restart: JournalEntry = { id: 1, line: 'node restart 3', command: 'node', pegasus: null, args: ['restart', '3'], exitCode: 0, startedAt: 2000, endedAt: 4000, stdout: [], stderr: [] };
  const journal = (entries: JournalEntry[]): CommandJournalView => ({
    last: (match, since = 0) => entries.filter((e) => e.startedAt >= since && match(e)).at(-1) ?? null,
  });
  const check = (leaderSince: number, entries: JournalEntry[]) => {
    const s = snap([view(1, 'follower', list(1, 2, 3)), view(2, 'follower', list(1, 2, 3)), { ...view(3, 'leader', list(1, 2, 3)), roleSince: leaderSince }]);
    const params = z3StaticMigration.prepare!({ replace: `3:${formatServerSpec(spec(4))}` }, s);
    const pick = z3StaticMigration.steps(params).find((x) => x.id === 'r1-pick')!;
    const c = { snapshot: s, params, memory: {}, requestCanary: () => undefined, facts: { digestAuth: false, connectString: '', journal: journal(entries) }, recorded: {}, probe: () => null, stepStartedAt: 1000, now: 5000 };
    return pick.check!(c, pick.target!(c));
  };

  it('asks for a restart; after one the model saw, says it leads again (highest id wins a tie) rather than look stuck', () => {
    expect(check(500, []).text).toBe('server.3 leads: restart it so another server leads (one election)');
    // The restart ran, but the model has not seen the server go yet: nothing to conclude.
    expect(check(500, [restart]).text).toBe('server.3 leads: restart it so another server leads (one election)');
    expect(check(3500, [restart]).text).toBe('server.3 leads again after its restart (with equal zxids the highest id wins the election): restart it once more');
    expect(check(3500, [{ ...restart, exitCode: 1 }]).ok).toBe(false);
    expect(check(3500, [{ ...restart, exitCode: 1 }]).text).not.toContain('again');
  });
});
