// The live model on real 3.4.13 and 3.9.3 replies (test/zk/versionReplies.ts), served by a fake
// four-letter-word function: a standalone server of any release is healthy (panel, compact line,
// --json), a 3.4 ensemble gets its membership from the connect string's servers (its conf lists
// none) or from what `node config` wrote, and says so; a 3.4 leader's synced count leaves the
// spare out; no mntr every round for a peer state that 3.4 and standalone servers never report.
import { afterEach, describe, expect, it } from 'vitest';
import { configText, healthLine } from '../../src/ensemble/cells.js';
import { compactLineText } from '../../src/ensemble/compactLine.js';
import { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
import { describeEvent } from '../../src/ensemble/eventText.js';
import { snapshotToJson } from '../../src/ensemble/snapshotJson.js';
import { healthText } from '../../src/ui/ensemble/EnsemblePanel.js';
import { quorumServing } from '../../src/runbooks/checks.js';
import { parseServerLine } from '../../src/zk/dynamicConfig.js';
import type { FourLetterResult } from '../../src/zk/fourLetter.js';
import {
  CONF_34_STANDALONE, CONF_39_STANDALONE, MNTR_34_FOLLOWER, MNTR_34_LEADER, MNTR_34_STANDALONE, MNTR_39_STANDALONE, SRVR_34_FOLLOWER, SRVR_34_LEADER,
  SRVR_34_STANDALONE, SRVR_39_STANDALONE, conf34,
} from '../zk/versionReplies.js';

type Replies = Record<string, Partial<Record<string, string>> | 'down'>;

const models: EnsembleModel[] = [];
afterEach(async () => {
  for (const m of models.splice(0)) await m.dispose();
});

function fakeServers(replies: Replies, asked: string[] = []) {
  return async (host: string, port: number, word: string): Promise<FourLetterResult> => {
    asked.push(`${port} ${word}`);
    const server = replies[`${host}:${port}`];
    if (server === undefined || server === 'down') return { kind: 'refused' };
    const text = server[word];
    return text === undefined ? { kind: 'ok', text: '' } : { kind: 'ok', text };
  };
}

function model(connectString: string, replies: Replies, opts: { extraHosts?: string[]; asked?: string[] } = {}): EnsembleModel {
  const m = new EnsembleModel({ connectString, extraHosts: opts.extraHosts, clientFactory: null, fourLetter: fakeServers(replies, opts.asked), pollIntervalMs: 60_000 });
  models.push(m);
  return m;
}

describe('a standalone server is healthy, whatever its release', () => {
  it.each([
    ['3.4.13', SRVR_34_STANDALONE, CONF_34_STANDALONE, MNTR_34_STANDALONE],
    ['3.9.3', SRVR_39_STANDALONE, CONF_39_STANDALONE, MNTR_39_STANDALONE],
  ])('%s: ✓ standalone in the health line, the compact line, the panel and --json', async (version, srvr, conf, mntr) => {
    const m = model('127.0.0.1:11518', { '127.0.0.1:11518': { srvr, conf, mntr } });
    const s = await m.refresh();
    expect(s.nodes).toHaveLength(1);
    expect(s.nodes[0]).toMatchObject({ role: 'standalone', version, id: null });
    expect(s.health).toMatchObject({ quorumServing: true, standaloneKey: '127.0.0.1:11518', votersUp: 1, votersTotal: 1, quorumSize: 1, leaderKey: null });
    expect(healthLine(s)).toMatch(/^standalone: 127\.0\.0\.1:11518 serves alone \(no quorum to lose\) · epoch \d+ · config none$/);
    expect(healthLine(s)).not.toContain('NO QUORUM');
    expect(compactLineText(s, 120)).toMatch(/^✓ standalone · 127\.0\.0\.1:11518 S · epoch \d+ · config none$/);
    expect(healthText(s, 30)).toBe('✓ standalone 127.0.0.1:11518');
    expect((snapshotToJson(s) as { health: { quorumServing: boolean } }).health.quorumServing).toBe(true);
    expect(m.events().map((e) => describeEvent(e).text)).toEqual(['watching: 127.0.0.1:11518 serving standalone (one server, no quorum to lose)']);
    // A checklist's "quorum serving" check passes, naming no leader a standalone server has not got.
    expect(quorumServing(s)).toMatchObject({ ok: true, text: 'standalone: 127.0.0.1:11518 serves alone' });
  });

  it('a 3.5+ standalone server whose config lists itself is healthy too', async () => {
    const m = model('127.0.0.1:12713', { '127.0.0.1:12713': { srvr: SRVR_39_STANDALONE, conf: CONF_39_STANDALONE, mntr: MNTR_39_STANDALONE } });
    const s = await m.refresh();
    expect(s.health.quorumServing).toBe(true);
    expect(configText(s)).toBe('config none');
  });

  it('asks mntr and conf only on detailed rounds: a standalone server reports no peer state to wait for', async () => {
    const asked: string[] = [];
    const m = model('127.0.0.1:11518', { '127.0.0.1:11518': { srvr: SRVR_34_STANDALONE, conf: CONF_34_STANDALONE, mntr: MNTR_34_STANDALONE } }, { asked });
    await m.refresh();
    asked.length = 0;
    await m.refresh();
    expect(asked).toEqual(['11518 srvr']);
  });
});

describe('3.4.13 ensemble: membership without a membership block', () => {
  // 1,2,3 members (connect string), 4 a spare following the leader (watchHosts).
  const ports = { 1: [32744, 63512, 10577], 2: [19395, 26792, 19576], 3: [22562, 21111, 21112], 4: [65129, 32175, 65370] } as const;
  const server = (id: 1 | 2 | 3 | 4, leader = false) => ({
    srvr: leader ? SRVR_34_LEADER : SRVR_34_FOLLOWER,
    mntr: leader ? MNTR_34_LEADER : MNTR_34_FOLLOWER,
    conf: conf34(id, ports[id][0], ports[id][1], ports[id][2]),
  });
  const replies: Replies = {
    '127.0.0.1:32744': server(1),
    '127.0.0.1:19395': server(2),
    '127.0.0.1:22562': server(3, true),
    '127.0.0.1:65129': server(4),
  };
  const connect = '127.0.0.1:32744,127.0.0.1:19395,127.0.0.1:22562';

  it("takes the members from the connect string's servers, calls the spare non-voting and says where membership came from", async () => {
    const asked: string[] = [];
    const m = model(connect, replies, { extraHosts: ['127.0.0.1:65129'], asked });
    const s = await m.refresh();
    expect(s.committed).toMatchObject({ source: 'static', origin: "the connect string's servers", version: null });
    expect(s.committed!.servers.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(s.nodes.map((n) => [n.id, n.role, n.version])).toEqual([
      [1, 'follower', '3.4.13'], [2, 'follower', '3.4.13'], [3, 'leader', '3.4.13'], [4, 'non-voting', '3.4.13'],
    ]);
    expect(s.health).toMatchObject({ quorumServing: true, votersUp: 3, votersTotal: 3, quorumSize: 2, leaderId: 3 });
    // zk_synced_followers 3 counts the spare; 3.4 has no zk_synced_non_voting_followers key.
    expect(s.health.syncedVotingFollowers).toBe(2);
    expect(healthLine(s)).toBe("quorum serving (voters 3/3 up, quorum 2) · leader server.3 · epoch 1 · membership static, from the connect string's servers (conf lists none) · synced followers 2");
    expect(compactLineText(s, 200)).toContain('· config static');
    // A member down later stays a member: the quorum is judged on three voters.
    replies['127.0.0.1:19395'] = 'down';
    try {
      const down = await m.refresh();
      expect(down.health).toMatchObject({ votersUp: 2, votersTotal: 3, quorumServing: true });
      // Followers of 3.4 never report zk_peer_state: the next plain round asks srvr (the leader also mntr).
      asked.length = 0;
      await m.refresh();
      expect(asked.filter((a) => a.endsWith('mntr'))).toEqual(['22562 mntr']);
    } finally {
      replies['127.0.0.1:19395'] = server(2);
    }
  });

  it('without the spare in view the synced count still stops at the voters; a follower alone in view serves a leader outside it', async () => {
    const all = await model(connect, replies).refresh();
    expect(all.health.syncedVotingFollowers).toBe(2);
    const one = await model('127.0.0.1:32744', replies).refresh();
    expect(one.health).toMatchObject({ quorumServing: true, leaderKey: null, votersUp: 1, votersTotal: 1 });
    expect(healthLine(one)).toBe("quorum serving (voters 1/1 up, quorum 1) · leader not in view (list every server in the connect string) · membership static, from the connect string's servers (conf lists none)");
  });

  it('takes the leader\'s list from `node config` once the leader restarted with it', async () => {
    const m = model(connect, replies, { extraHosts: ['127.0.0.1:65129'] });
    await m.refresh();
    const line = (id: 1 | 2 | 3 | 4) => parseServerLine(`server.${id}=127.0.0.1:${ports[id][1]}:${ports[id][2]}:participant;127.0.0.1:${ports[id][0]}`);
    m.noteMemberLines(3, [line(1), line(2), line(3), line(4)]);
    // Written, not yet in force: the leader still runs its old list.
    expect((await m.refresh()).committed?.origin).toBe("the connect string's servers");
    replies['127.0.0.1:22562'] = 'down';
    await m.refresh();
    replies['127.0.0.1:22562'] = server(3, true);
    const s = await m.refresh();
    expect(s.committed).toMatchObject({ source: 'static', origin: 'node config' });
    expect(s.committed!.servers.map((x) => x.id)).toEqual([1, 2, 3, 4]);
    expect(s.nodes.find((n) => n.id === 4)?.role).toBe('follower');
    expect(s.nodes.find((n) => n.id === 3)?.membership?.map((x) => x.id)).toEqual([1, 2, 3, 4]);
    expect(configText(s)).toBe('membership static, from node config (conf lists none)');
  });
});
