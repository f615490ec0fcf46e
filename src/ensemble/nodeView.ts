// Builds the panel's rows from the latest replies: parses srvr/mntr/conf once, classifies the
// role, and fills in zxid, lag, versions and counters. Pure: same inputs, same rows.
import { parseConf, parseMntr, parseSrvr, type ConfInfo, type MntrValue, type SrvrInfo } from '../zk/fourLetter.js';
import type { ServerSpec } from '../zk/dynamicConfig.js';
import { shortServerVersion } from '../zk/fourLetterParsers.js';
import { computeLag } from './lag.js';
import { classifyRole } from './roleClassifier.js';
import type {
  CommittedConfig, FourLetterWordName, NodeMarker, NodeSample, NodeView, PollTarget, WordAllowance,
} from './types.js';

/** What one server answered, parsed (kept per server between rounds). */
export interface ParsedSample {
  sample: NodeSample;
  srvr: SrvrInfo | null;
  mntr: Record<string, MntrValue> | null;
  conf: ConfInfo | null;
}

export function parseSample(sample: NodeSample, previous: ParsedSample | null): ParsedSample {
  const srvr = sample.srvr.kind === 'ok' ? parseSrvr(sample.srvr.text) : null;
  // mntr and conf are asked every few rounds only: a word not asked this round, or that alone
  // timed out, keeps last round's reading while srvr says the server is still serving. A server
  // that stopped serving keeps nothing stale.
  const carry = <T>(reply: NodeSample['mntr'], parse: (text: string) => T, last: T | null): T | null => {
    if (reply?.kind === 'ok') return parse(reply.text);
    if (srvr !== null && (reply === undefined || reply.kind === 'timeout')) return last;
    return null;
  };
  const mntr = carry(sample.mntr, parseMntr, previous?.mntr ?? null);
  const conf = carry(sample.conf, parseConf, previous?.conf ?? null);
  return { sample, srvr, mntr, conf };
}

/** `3.8.4-5a02a05e…, built on 2024-02-12 22:16 UTC` → `3.8.4`; Debian's `3.8.0-${mvngit.commit.id}` → `3.8.0`. */

function numberOf(mntr: Record<string, MntrValue> | null, key: string): number | null {
  const v = mntr?.[key];
  return typeof v === 'number' ? v : null;
}

export interface NodeViewInputs {
  target: PollTarget;
  parsed: ParsedSample | null;
  allowed: Record<FourLetterWordName, WordAllowance>;
  committed: CommittedConfig | null;
  previous: NodeView | null;
  marker: NodeMarker | null;
}

/** One row, without lag (lag needs the leader's row: see withLag). */
export function buildNodeView(inputs: NodeViewInputs): NodeView {
  const { target, parsed, committed, previous } = inputs;
  const srvr = parsed?.srvr ?? null;
  const confId = parsed?.conf?.serverId ?? null;
  const spec = target.spec;
  const { role, detail } = classifyRole({
    srvr: parsed?.sample.srvr,
    mode: srvr?.mode ?? null,
    confServerId: confId !== null && confId > 0 ? confId : null,
    spec,
    committed,
  });
  const configVersion = parsed?.conf?.membership?.version ?? null;
  const committedVersion = committed?.version ?? null;
  const polledAt = parsed?.sample.at ?? null;
  const peerState = typeof parsed?.mntr?.['zk_peer_state'] === 'string' ? (parsed.mntr['zk_peer_state'] as string) : null;
  const missing = role !== 'unknown' && parsed?.srvr && inputs.allowed.conf === 'no' ? 'conf not in 4lw whitelist: config version unknown' : null;
  return {
    key: target.key,
    host: target.host,
    port: target.port,
    // A server that stops answering keeps the id it told us while it did.
    id: spec?.id ?? (confId !== null && confId > 0 ? confId : (previous?.id ?? null)),
    sources: [...target.sources],
    configRole: spec?.role ?? null,
    voter: spec?.role === 'participant',
    role,
    roleSince: previous && previous.role === role ? previous.roleSince : (polledAt ?? Date.now()),
    detail: detail ?? peerState ?? missing,
    zxid: srvr?.zxid ?? null,
    lag: null,
    version: srvr?.version ? shortServerVersion(srvr.version) : null,
    configVersion,
    configOk: configVersion !== null && committedVersion !== null ? configVersion === committedVersion : null,
    membership: parsed?.conf?.membership?.servers ?? null,
    ownSpec: parsed?.conf ? ownSpec(parsed.conf, target.host) : null,
    latency: srvr?.latency ?? null,
    outstanding: srvr?.outstanding ?? numberOf(parsed?.mntr ?? null, 'zk_outstanding_requests'),
    znodes: srvr?.nodeCount ?? numberOf(parsed?.mntr ?? null, 'zk_znode_count'),
    connections: srvr?.connections ?? numberOf(parsed?.mntr ?? null, 'zk_num_alive_connections'),
    peerState,
    allowed: { ...inputs.allowed },
    polledAt,
    elapsedMs: parsed?.sample.elapsedMs ?? null,
    marker: inputs.marker,
  };
}

/** Fills every row's lag against the (single) leader's zxid. */
export function withLag(nodes: NodeView[]): NodeView[] {
  const leaders = nodes.filter((n) => n.role === 'leader');
  const leaderZxid = leaders.length === 1 ? leaders[0]!.zxid : null;
  return nodes.map((n) => ({ ...n, lag: computeLag({ role: n.role, zxid: n.zxid, leaderZxid, peerState: n.peerState }) }));
}

/** The server's own line: from its membership when it lists itself, else from its settings. */
export function ownSpec(conf: ConfInfo, host: string): ServerSpec | null {
  const id = conf.serverId;
  if (id === null || id <= 0) return null;
  const listed = conf.membership?.servers.find((s) => s.id === id);
  if (listed) return listed;
  const port = (key: string): number | null => {
    const n = Number(conf.settings[key]);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const quorumPort = port('quorumPort');
  const electionPort = port('electionPort');
  if (quorumPort === null || electionPort === null) return null;
  // peerType 1 is an observer (QuorumPeer.LearnerType); the client part only when it listens.
  const role = conf.settings['peerType'] === '1' ? 'observer' : 'participant';
  const clientPort = port('clientPort');
  return { id, host, quorumPort, electionPort, role, extraAddresses: [], clientHost: clientPort === null ? null : host, clientPort };
}
