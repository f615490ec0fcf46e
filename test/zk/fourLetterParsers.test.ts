import { describe, expect, it } from 'vitest';
import {
  classifyFourLetterReply,
  parseConf,
  parseCons,
  parseConnectString,
  parseHostPort,
  parseMntr,
  parseSrvr,
  parseZxid,
} from '../../src/zk/fourLetter.js';

// Fixtures: zk-operations.md §2 (real 3.8.0 replies).
const SRVR_LEADER = `Zookeeper version: 3.8.0-\${mvngit.commit.id}, built on 2024-12-29 17:54 UTC
Latency min/avg/max: 0/0.0/0
Received: 3
Sent: 2
Connections: 1
Outstanding: 0
Zxid: 0x100000000
Mode: leader
Node count: 5
Proposal sizes last/min/max: -1/-1/-1
`;

const STAT_FOLLOWER = `Zookeeper version: 3.8.0-\${mvngit.commit.id}, built on 2024-12-29 17:54 UTC
Clients:
 /127.0.0.1:58528[1](queued=0,recved=4,sent=4)
 /127.0.0.1:42860[0](queued=0,recved=1,sent=0)

Latency min/avg/max: 2/7.3333/15
Received: 13
Sent: 12
Connections: 2
Outstanding: 0
Zxid: 0x100000004
Mode: follower
Node count: 7
`;

const SRVR_READ_ONLY = `Zookeeper version: 3.8.0-\${mvngit.commit.id}, built on 2024-12-29 17:54 UTC
READ-ONLY mode; serving only read-only clients
Latency min/avg/max: 0/0.0/0
Received: 1
Sent: 0
Connections: 1
Outstanding: 0
Zxid: 0x200000003
Mode: read-only
Node count: 6
`;

const CONF = `clientPort=23183
secureClientPort=-1
dataDir=/data/zk-lab/n3/data/version-2
dataDirSize=645
dataLogDir=/data/zk-lab/n3/data/version-2
dataLogSize=645
tickTime=2000
maxClientCnxns=60
minSessionTimeout=4000
maxSessionTimeout=40000
clientPortListenBacklog=-1
serverId=3
initLimit=10
syncLimit=5
electionAlg=3
electionPort=23383
quorumPort=23283
peerType=0
membership: 
server.1=127.0.0.1:23281:23381:participant;127.0.0.1:23181
server.2=127.0.0.1:23282:23382:participant;127.0.0.1:23182
server.3=127.0.0.1:23283:23383:participant;127.0.0.1:23183
version=100000000`;

const CONS = ` /127.0.0.1:42828[0](queued=0,recved=1,sent=0)
 /127.0.0.1:58528[1](queued=0,recved=4,sent=4,sid=0x1000003c8790001,lop=CREA,est=1795317501619,to=30000,lcxid=0x3,lzxid=0x100000004,lresp=269198,llat=4,minlat=0,avglat=3,maxlat=5)
`;

const MNTR = [
  'zk_version\t3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC',
  'zk_server_state\tleader',
  'zk_peer_state\tleading - broadcast',
  'zk_znode_count\t5',
  'zk_avg_election_time\t382.0',
  'zk_synced_followers\t2',
  'zk_synced_non_voting_followers\t0',
  'zk_quorum_size\t3',
  'zk_min_latency\t-1',
  '',
].join('\n');

describe('parseSrvr', () => {
  it('reads a leader', () => {
    const info = parseSrvr(SRVR_LEADER);
    expect(info).toEqual({
      version: '3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC',
      latency: { min: 0, avg: 0, max: 0 },
      received: 3,
      sent: 2,
      connections: 1,
      outstanding: 0,
      zxid: { value: 0x100000000, hex: '0x100000000', epoch: 1, counter: 0 },
      mode: 'leader',
      nodeCount: 5,
      proposalSizes: { last: -1, min: -1, max: -1 },
      readOnly: false,
      clients: [],
    });
  });

  it('reads `stat` with its Clients block', () => {
    const info = parseSrvr(STAT_FOLLOWER);
    expect(info.mode).toBe('follower');
    expect(info.latency).toEqual({ min: 2, avg: 7.3333, max: 15 });
    expect(info.zxid?.counter).toBe(4);
    expect(info.proposalSizes).toBeNull();
    expect(info.clients).toEqual(['/127.0.0.1:58528[1](queued=0,recved=4,sent=4)', '/127.0.0.1:42860[0](queued=0,recved=1,sent=0)']);
  });

  it('survives the read-only line', () => {
    const info = parseSrvr(SRVR_READ_ONLY);
    expect(info.readOnly).toBe(true);
    expect(info.mode).toBe('read-only');
    expect(info.zxid?.epoch).toBe(2);
    expect(info.nodeCount).toBe(6);
  });
});

describe('parseZxid', () => {
  it('splits epoch and counter', () => {
    expect(parseZxid('0x200000002')).toEqual({ value: 8589934594, hex: '0x200000002', epoch: 2, counter: 2 });
    expect(parseZxid('c91')).toMatchObject({ value: 0xc91, epoch: 0, counter: 0xc91 });
    expect(parseZxid('nope')).toBeNull();
  });
});

describe('parseMntr', () => {
  it('maps keys to numbers or strings', () => {
    expect(parseMntr(MNTR)).toEqual({
      zk_version: '3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC',
      zk_server_state: 'leader',
      zk_peer_state: 'leading - broadcast',
      zk_znode_count: 5,
      zk_avg_election_time: 382,
      zk_synced_followers: 2,
      zk_synced_non_voting_followers: 0,
      zk_quorum_size: 3,
      zk_min_latency: -1,
    });
  });
});

describe('parseConf', () => {
  it('reads settings, serverId and membership (reply without trailing newline)', () => {
    const conf = parseConf(CONF);
    expect(conf.serverId).toBe(3);
    expect(conf.settings['clientPort']).toBe('23183');
    expect(conf.settings['peerType']).toBe('0');
    expect(conf.membership?.version).toBe('100000000');
    expect(conf.membership?.servers.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(conf.membership?.servers[2]).toMatchObject({ quorumPort: 23283, electionPort: 23383, clientPort: 23183 });
  });

  it('handles a standalone reply without membership', () => {
    const conf = parseConf('clientPort=2181\nserverId=0\n');
    expect(conf.serverId).toBe(0);
    expect(conf.membership).toBeNull();
  });
});

describe('parseCons', () => {
  it('reads brief and full lines', () => {
    const [bare, full] = parseCons(CONS);
    expect(bare).toEqual({ address: '127.0.0.1:42828', interestOps: 0, queued: 0, received: 1, sent: 0, fields: { queued: '0', recved: '1', sent: '0' } });
    expect(full).toMatchObject({
      address: '127.0.0.1:58528',
      interestOps: 1,
      received: 4,
      sessionId: '1000003c8790001',
      lastOperation: 'CREA',
      establishedMs: 1795317501619,
      timeoutMs: 30000,
      lastZxid: '0x100000004',
    });
    expect(full?.fields['maxlat']).toBe('5');
  });

  it('reads IPv6 client addresses and ignores other lines', () => {
    expect(parseCons(' /0:0:0:0:0:0:0:1:50412[1](queued=0,recved=2,sent=2)\n\n')).toEqual([
      expect.objectContaining({ address: '0:0:0:0:0:0:0:1:50412', interestOps: 1 }),
    ]);
  });
});

describe('classifyFourLetterReply', () => {
  it('recognises refusals', () => {
    expect(classifyFourLetterReply('mntr', 'mntr is not executed because it is not in the whitelist.\n').kind).toBe('notWhitelisted');
    expect(classifyFourLetterReply('srvr', 'This ZooKeeper instance is not currently serving requests\n').kind).toBe('notServing');
    expect(classifyFourLetterReply('ruok', 'imok')).toEqual({ kind: 'ok', text: 'imok' });
  });
});

describe('host/port parsing', () => {
  it('parses host:port forms', () => {
    expect(parseHostPort('127.0.0.1:2181')).toEqual({ host: '127.0.0.1', port: 2181 });
    expect(parseHostPort('zk1')).toEqual({ host: 'zk1', port: 2181 });
    expect(parseHostPort('zk1', 12181)).toEqual({ host: 'zk1', port: 12181 });
    expect(parseHostPort('[::1]:2182')).toEqual({ host: '::1', port: 2182 });
    expect(parseHostPort('[::1]')).toEqual({ host: '::1', port: 2181 });
    expect(parseHostPort('::1')).toEqual({ host: '::1', port: 2181 });
    expect(() => parseHostPort('zk1:abc')).toThrow('Invalid port');
    expect(() => parseHostPort('zk1:70000')).toThrow('Invalid port');
    expect(() => parseHostPort(':2181')).toThrow('Invalid address');
  });

  it('splits connect strings', () => {
    expect(parseConnectString('a:1,b:2/app')).toEqual({ servers: [{ host: 'a', port: 1 }, { host: 'b', port: 2 }], chroot: '/app' });
    expect(parseConnectString('a')).toEqual({ servers: [{ host: 'a', port: 2181 }], chroot: null });
  });
});
