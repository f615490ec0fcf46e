// Four-letter-word replies captured from real sandbox servers: Debian's 3.4.13 (bullseye) and
// 3.9.3 (trixie) on Java 17, one standalone server each and a 3-server ensemble with one spare
// (started with the members plus itself). mntr replies keep the keys that matter (3.9.3 sends
// ~510 lines, most of them _avg/_min/_max/_p99 summaries). Ports as they were on the day.

/** 3.4.13 standalone: no `Proposal sizes` line, `serverId=0`, no membership, a short mntr. */
export const SRVR_34_STANDALONE = `Zookeeper version: 3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
Latency min/avg/max: 0/0/0
Received: 4
Sent: 3
Connections: 1
Outstanding: 0
Zxid: 0x0
Mode: standalone
Node count: 4
`;

export const CONF_34_STANDALONE = `clientPort=11518
dataDir=/tmp/cap/s34/node-1/data/version-2
dataLogDir=/tmp/cap/s34/node-1/data/version-2
tickTime=1000
maxClientCnxns=60
minSessionTimeout=2000
maxSessionTimeout=20000
serverId=0
`;

export const MNTR_34_STANDALONE = `zk_version\t3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
zk_avg_latency\t0
zk_max_latency\t0
zk_min_latency\t0
zk_packets_received\t12
zk_packets_sent\t11
zk_num_alive_connections\t1
zk_outstanding_requests\t0
zk_server_state\tstandalone
zk_znode_count\t4
zk_watch_count\t0
zk_ephemerals_count\t0
zk_approximate_data_size\t27
zk_open_file_descriptor_count\t14
zk_max_file_descriptor_count\t20000
zk_fsync_threshold_exceed_count\t0
`;

/** 3.4.13 leader of 1,2,3 with spare 4 following: zk_followers/zk_synced_followers count the spare. */
export const SRVR_34_LEADER = `Zookeeper version: 3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
Latency min/avg/max: 0/0/0
Received: 4
Sent: 3
Connections: 1
Outstanding: 0
Zxid: 0x100000000
Mode: leader
Node count: 4
Proposal sizes last/min/max: -1/-1/-1
`;

export const MNTR_34_LEADER = `zk_version\t3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
zk_avg_latency\t0
zk_max_latency\t0
zk_min_latency\t0
zk_packets_received\t6
zk_packets_sent\t5
zk_num_alive_connections\t1
zk_outstanding_requests\t0
zk_server_state\tleader
zk_znode_count\t4
zk_watch_count\t0
zk_ephemerals_count\t0
zk_approximate_data_size\t27
zk_open_file_descriptor_count\t22
zk_max_file_descriptor_count\t20000
zk_fsync_threshold_exceed_count\t0
zk_followers\t3
zk_synced_followers\t3
zk_pending_syncs\t0
zk_last_proposal_size\t-1
zk_max_proposal_size\t-1
zk_min_proposal_size\t-1
`;

export const SRVR_34_FOLLOWER = `Zookeeper version: 3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
Latency min/avg/max: 0/0/0
Received: 3
Sent: 2
Connections: 1
Outstanding: 0
Zxid: 0x100000000
Mode: follower
Node count: 4
`;

export const MNTR_34_FOLLOWER = `zk_version\t3.4.13-6--1, built on Sat, 28 Oct 2023 23:16:44 +0200
zk_outstanding_requests\t0
zk_server_state\tfollower
zk_znode_count\t4
`;

/** A 3.4.13 server's conf in an ensemble: its own id and ports, no `membership:` block. */
export function conf34(id: number, clientPort: number, quorumPort: number, electionPort: number): string {
  return `clientPort=${clientPort}
dataDir=/tmp/cap/e34/node-${id}/data/version-2
dataLogDir=/tmp/cap/e34/node-${id}/data/version-2
tickTime=1000
maxClientCnxns=60
minSessionTimeout=2000
maxSessionTimeout=20000
serverId=${id}
initLimit=10
syncLimit=5
electionAlg=3
electionPort=${electionPort}
quorumPort=${quorumPort}
peerType=0
`;
}

/** 3.9.3 in an ensemble: the same srvr and conf as 3.8.0 (conf without a trailing newline). */
export const SRVR_39_LEADER = `Zookeeper version: 3.9.3-\${mvngit.commit.id}, built on 2026-03-08 16:19 UTC
Latency min/avg/max: 0/0.0/0
Received: 4
Sent: 3
Connections: 1
Outstanding: 0
Zxid: 0x100000000
Mode: leader
Node count: 5
Proposal sizes last/min/max: -1/-1/-1
`;

export const CONF_39_LEADER = `clientPort=23546
secureClientPort=-1
dataDir=/tmp/cap/e39/node-3/data/version-2
dataDirSize=67109546
dataLogDir=/tmp/cap/e39/node-3/data/version-2
dataLogSize=67109546
tickTime=1000
maxClientCnxns=60
minSessionTimeout=2000
maxSessionTimeout=20000
clientPortListenBacklog=-1
serverId=3
initLimit=10
syncLimit=5
electionAlg=3
electionPort=32549
quorumPort=25344
peerType=0
membership: 
server.1=127.0.0.1:32229:14797:participant;127.0.0.1:27265
server.2=127.0.0.1:25694:26593:participant;127.0.0.1:13807
server.3=127.0.0.1:25344:32549:participant;127.0.0.1:23546
version=100000000`;

/** 3.9.3 leader mntr: the 3.8 keys, plus restore/snapshot counters 3.8.0 does not have. */
export const MNTR_39_LEADER = `zk_version\t3.9.3-\${mvngit.commit.id}, built on 2026-03-08 16:19 UTC
zk_server_state\tleader
zk_peer_state\tleading - broadcast
zk_synced_followers\t3
zk_synced_non_voting_followers\t1
zk_synced_observers\t0
zk_pending_syncs\t0
zk_learners\t3
zk_quorum_size\t3
zk_restore_error_count\t0
zk_restore_rate_limited_count\t0
zk_snapshot_error_count\t0
zk_snapshot_rate_limited_count\t0
`;

/** 3.9.3 run standalone (standaloneEnabled=true, one server): no peer state, serverId=0. */
export const SRVR_39_STANDALONE = `Zookeeper version: 3.9.3-\${mvngit.commit.id}, built on 2026-03-08 16:19 UTC
Latency min/avg/max: 0/0.0/0
Received: 4
Sent: 3
Connections: 1
Outstanding: 0
Zxid: 0x100000006
Mode: standalone
Node count: 5
`;

export const CONF_39_STANDALONE = `clientPort=12713
secureClientPort=-1
dataDir=/tmp/cap/s39/node-1/data/version-2
dataDirSize=67109974
dataLogDir=/tmp/cap/s39/node-1/data/version-2
dataLogSize=67109974
tickTime=1000
maxClientCnxns=60
minSessionTimeout=2000
maxSessionTimeout=20000
clientPortListenBacklog=-1
serverId=0
`;

export const MNTR_39_STANDALONE = `zk_version\t3.9.3-\${mvngit.commit.id}, built on 2026-03-08 16:19 UTC
zk_server_state\tstandalone
zk_znode_count\t5
zk_outstanding_requests\t0
zk_num_alive_connections\t1
zk_uptime\t9670
zk_restore_error_count\t0
zk_snapshot_error_count\t0
`;
