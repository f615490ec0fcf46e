// The 4lw parsers on real 3.4.13 and 3.9.3 replies (3.8.0's are in fourLetterParsers.test.ts),
// and what a release can do, judged from its banner.
import { describe, expect, it } from 'vitest';
import { parseConf, parseMntr, parseSrvr, shortServerVersion } from '../../src/zk/fourLetter.js';
import { missingFeature, parseReleaseVersion, releaseAtLeast, silentWordReason } from '../../src/zk/serverVersion.js';
import {
  CONF_34_STANDALONE, CONF_39_LEADER, CONF_39_STANDALONE, MNTR_34_LEADER, MNTR_34_STANDALONE, MNTR_39_LEADER, SRVR_34_FOLLOWER, SRVR_34_LEADER,
  SRVR_34_STANDALONE, SRVR_39_STANDALONE, conf34,
} from './versionReplies.js';

describe('3.4.13 replies', () => {
  it('srvr: the same lines as 3.8, an integer latency average, no Proposal sizes on a standalone or a follower', () => {
    const s = parseSrvr(SRVR_34_STANDALONE);
    expect(s).toMatchObject({ mode: 'standalone', latency: { min: 0, avg: 0, max: 0 }, nodeCount: 4, proposalSizes: null, outstanding: 0 });
    expect(s.zxid).toMatchObject({ hex: '0x0', epoch: 0, counter: 0 });
    expect(parseSrvr(SRVR_34_FOLLOWER)).toMatchObject({ mode: 'follower', proposalSizes: null });
    expect(parseSrvr(SRVR_34_LEADER)).toMatchObject({ mode: 'leader', proposalSizes: { last: -1, min: -1, max: -1 } });
  });

  it("the Debian banner's revision is not part of the release", () => {
    expect(shortServerVersion(parseSrvr(SRVR_34_STANDALONE).version!)).toBe('3.4.13');
    expect(shortServerVersion('3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC')).toBe('3.8.0');
    expect(shortServerVersion('3.8.4-5a02a05eddb59aee6ac762f7ea82e92a68eb9c0f, built on 2024-02-12 22:16 UTC')).toBe('3.8.4');
    expect(shortServerVersion('3.5.0-alpha')).toBe('3.5.0-alpha');
  });

  it('conf: own id and ports, no membership block, no secureClientPort or dataDirSize; standalone says serverId=0', () => {
    expect(parseConf(CONF_34_STANDALONE)).toMatchObject({ serverId: 0, membership: null });
    const c = parseConf(conf34(2, 19395, 26792, 19576));
    expect(c).toMatchObject({ serverId: 2, membership: null });
    expect(c.settings).toMatchObject({ clientPort: '19395', quorumPort: '26792', electionPort: '19576', peerType: '0' });
    expect(c.settings['secureClientPort']).toBeUndefined();
  });

  it('mntr: no zk_peer_state, zk_quorum_size, zk_learners or zk_synced_non_voting_followers; zk_followers instead', () => {
    const leader = parseMntr(MNTR_34_LEADER);
    expect(leader).toMatchObject({ zk_server_state: 'leader', zk_followers: 3, zk_synced_followers: 3, zk_pending_syncs: 0 });
    for (const key of ['zk_peer_state', 'zk_quorum_size', 'zk_learners', 'zk_synced_non_voting_followers', 'zk_uptime']) expect(leader[key]).toBeUndefined();
    expect(Object.keys(parseMntr(MNTR_34_STANDALONE))).toHaveLength(16);
  });
});

describe('3.9.3 replies', () => {
  it('srvr and conf read as on 3.8; a standalone server has serverId=0 and no membership', () => {
    expect(parseSrvr(SRVR_39_STANDALONE)).toMatchObject({ mode: 'standalone', proposalSizes: null, latency: { avg: 0 } });
    expect(shortServerVersion(parseSrvr(SRVR_39_STANDALONE).version!)).toBe('3.9.3');
    expect(parseConf(CONF_39_STANDALONE)).toMatchObject({ serverId: 0, membership: null });
    const c = parseConf(CONF_39_LEADER);
    expect(c.serverId).toBe(3);
    expect(c.membership?.version).toBe('100000000');
    expect(c.membership?.servers.map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it('mntr adds restore/snapshot counters beside the keys the model reads', () => {
    expect(parseMntr(MNTR_39_LEADER)).toMatchObject({ zk_peer_state: 'leading - broadcast', zk_synced_followers: 3, zk_synced_non_voting_followers: 1, zk_quorum_size: 3, zk_restore_error_count: 0 });
  });
});

describe('what a release can do', () => {
  it('reads the release from a banner or a short version', () => {
    expect(parseReleaseVersion('3.4.13-6--1, built on Sat, 28 Oct 2023')).toMatchObject({ major: 3, minor: 4, patch: 13, text: '3.4.13' });
    expect(parseReleaseVersion('banana')).toBeNull();
    expect(releaseAtLeast('3.9.3', 3, 5)).toBe(true);
    expect(releaseAtLeast('3.4.13', 3, 5)).toBe(false);
    expect(releaseAtLeast(null, 3, 5)).toBe(false);
  });

  it('says in one line naming the release what is missing; nothing when the feature is there or the release unknown', () => {
    expect(missingFeature('3.4.13', 'dynamic config', '127.0.0.1:2181')).toBe('server 127.0.0.1:2181 runs ZooKeeper 3.4.13; dynamic config needs 3.5 or later');
    expect(missingFeature('3.8.0', 'a TTL node', 'x:1')).toBeNull();
    expect(missingFeature(null, 'a TTL node', 'x:1')).toBeNull();
  });

  it('explains a four-letter word a server sent nothing back for', () => {
    expect(silentWordReason('dirs', '3.4.13')).toBe('ZooKeeper 3.4.13 has no dirs: it needs 3.5 or later');
    expect(silentWordReason('hash', '3.4.13')).toBe('ZooKeeper 3.4.13 has no hash: it needs 3.6 or later');
    expect(silentWordReason('xyzw', '3.9.3')).toBe('not a four-letter word ZooKeeper 3.9.3 knows');
    expect(silentWordReason('xyzw', null)).toBe('not a four-letter word this server knows');
  });
});
