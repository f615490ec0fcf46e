// Parsers for four-letter-word replies (formats of ZooKeeper 3.8, see zk-operations.md §2; 3.4.13
// and 3.9.3 replies parse the same way: 3.4 lacks lines and keys, 3.9 adds mntr keys, see the tests).

import { parseDynamicConfig, type DynamicConfig } from './dynamicConfig.js';

export interface Zxid {
  value: number; // exact while epoch < 2^21
  hex: string; // as printed, with 0x
  epoch: number;
  counter: number;
}

export interface SrvrInfo {
  version: string | null;
  latency: { min: number; avg: number; max: number } | null;
  received: number | null;
  sent: number | null;
  connections: number | null;
  outstanding: number | null;
  zxid: Zxid | null;
  /** leader | follower | observer | standalone | read-only (non-voting followers say follower). */
  mode: string | null;
  nodeCount: number | null;
  /** Leader only. */
  proposalSizes: { last: number; min: number; max: number } | null;
  /** The `READ-ONLY mode; serving only read-only clients` line was present. */
  readOnly: boolean;
  /** `stat` only: the brief connection lines of the `Clients:` block, trimmed. */
  clients: string[];
}

export interface ConsEntry {
  address: string; // `127.0.0.1:58528` (no leading slash)
  interestOps: number | null;
  queued: number | null;
  received: number | null;
  sent: number | null;
  /** Hex session id without 0x; absent for connections without a session (the 4lw socket itself). */
  sessionId?: string;
  lastOperation?: string;
  establishedMs?: number;
  timeoutMs?: number;
  lastZxid?: string;
  /** Every `key=value` inside the parentheses, verbatim. */
  fields: Record<string, string>;
}

export interface ConfInfo {
  /** Every `key=value` line before `membership:`. */
  settings: Record<string, string>;
  /** `serverId=` (0 on a standalone server), null if absent. */
  serverId: number | null;
  /** The `membership:` block (3.5+), null when the reply has none. */
  membership: DynamicConfig | null;
}

export type MntrValue = string | number;

/** `0x100000004` (or `100000004`) -> value, epoch, counter. Null when not hex. */
export function parseZxid(text: string): Zxid | null {
  const hex = text.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{1,16}$/.test(hex)) return null;
  const big = BigInt(`0x${hex}`);
  return {
    value: Number(big),
    hex: `0x${hex}`,
    epoch: Number(big >> 32n),
    counter: Number(big & 0xffffffffn),
  };
}

function intOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

function triple(text: string | undefined): [number, number, number] | null {
  if (text === undefined) return null;
  const parts = text.trim().split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  return [parts[0]!, parts[1]!, parts[2]!];
}

/** `srvr` (and `stat`) reply. Lines are matched by prefix: read-only mode inserts one. */
export function parseSrvr(text: string): SrvrInfo {
  const value = new Map<string, string>();
  const clients: string[] = [];
  let readOnly = false;
  let inClients = false;
  for (const line of text.split(/\r?\n/)) {
    if (inClients) {
      if (line.trim() === '') inClients = false;
      else clients.push(line.trim());
      continue;
    }
    if (line.startsWith('Clients:')) {
      inClients = true;
      continue;
    }
    if (line.startsWith('READ-ONLY mode')) readOnly = true;
    const colon = line.indexOf(': ');
    if (colon > 0) value.set(line.slice(0, colon), line.slice(colon + 2));
  }
  const latency = triple(value.get('Latency min/avg/max'));
  const proposals = triple(value.get('Proposal sizes last/min/max'));
  const zxidText = value.get('Zxid');
  return {
    version: value.get('Zookeeper version') ?? null,
    latency: latency && { min: latency[0], avg: latency[1], max: latency[2] },
    received: intOrNull(value.get('Received')),
    sent: intOrNull(value.get('Sent')),
    connections: intOrNull(value.get('Connections')),
    outstanding: intOrNull(value.get('Outstanding')),
    zxid: zxidText === undefined ? null : parseZxid(zxidText),
    mode: value.get('Mode')?.trim() ?? null,
    nodeCount: intOrNull(value.get('Node count')),
    proposalSizes: proposals && { last: proposals[0], min: proposals[1], max: proposals[2] },
    readOnly,
    clients,
  };
}

/** `mntr` reply: `key<TAB>value` lines; values that are plain numbers become numbers. */
export function parseMntr(text: string): Record<string, MntrValue> {
  const out: Record<string, MntrValue> = {};
  for (const line of text.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const key = line.slice(0, tab).trim();
    const raw = line.slice(tab + 1).trim();
    out[key] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** `conf` reply: settings, serverId and the `membership:` block with its `version=`. */
export function parseConf(text: string): ConfInfo {
  const settings: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  const membershipAt = lines.findIndex((line) => line.trim() === 'membership:');
  const settingLines = membershipAt < 0 ? lines : lines.slice(0, membershipAt);
  for (const line of settingLines) {
    const eq = line.indexOf('=');
    if (eq > 0) settings[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const serverId = intOrNull(settings['serverId']);
  const membership = membershipAt < 0 ? null : parseDynamicConfig(lines.slice(membershipAt + 1).join('\n'));
  return { settings, serverId, membership };
}

// ` /127.0.0.1:58528[1](queued=0,recved=4,sent=4,sid=0x1000003c8790001,...)`
const CONS_LINE = /^\s*\/?(.*?)\[([0-9a-fA-F]+)\]\((.*)\)\s*$/;

/** One line of `cons` (or of the `Clients:` block of `stat`); null if it is not one. */
export function parseConsLine(line: string): ConsEntry | null {
  const match = CONS_LINE.exec(line);
  if (match === null) return null;
  const fields: Record<string, string> = {};
  for (const pair of match[3]!.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const entry: ConsEntry = {
    address: match[1]!,
    interestOps: parseInt(match[2]!, 16),
    queued: intOrNull(fields['queued']),
    received: intOrNull(fields['recved']),
    sent: intOrNull(fields['sent']),
    fields,
  };
  if (fields['sid'] !== undefined) entry.sessionId = fields['sid'].replace(/^0x/i, '').toLowerCase();
  if (fields['lop'] !== undefined) entry.lastOperation = fields['lop'];
  const est = intOrNull(fields['est']);
  if (est !== null) entry.establishedMs = est;
  const to = intOrNull(fields['to']);
  if (to !== null) entry.timeoutMs = to;
  if (fields['lzxid'] !== undefined) entry.lastZxid = fields['lzxid'];
  return entry;
}

/** `cons` reply: one entry per connection line. */
export function parseCons(text: string): ConsEntry[] {
  const out: ConsEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = parseConsLine(line);
    if (entry !== null) out.push(entry);
  }
  return out;
}

export interface HostPort {
  host: string; // IPv6 without brackets
  port: number;
}

/**
 * `host:port`, `[v6]:port`, or a bare host (then `defaultPort`). Throws Error on a bad port.
 * A bare IPv6 literal without brackets is taken as a host.
 */
export function parseHostPort(text: string, defaultPort = 2181): HostPort {
  const s = text.trim();
  let host: string;
  let portText: string | null;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) throw new Error(`Invalid address: ${text}`);
    host = s.slice(1, close);
    const rest = s.slice(close + 1);
    if (rest === '') portText = null;
    else if (rest.startsWith(':')) portText = rest.slice(1);
    else throw new Error(`Invalid address: ${text}`);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon < 0 || s.indexOf(':') !== colon) {
      host = s;
      portText = null;
    } else {
      host = s.slice(0, colon);
      portText = s.slice(colon + 1);
    }
  }
  if (host === '') throw new Error(`Invalid address: ${text}`);
  if (portText === null) return { host, port: defaultPort };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new Error(`Invalid port in address: ${text}`);
  }
  return { host, port: Number(portText) };
}

/** Splits a connect string `h1:p1,h2:p2/chroot` into its servers and chroot. */
export function parseConnectString(connectString: string, defaultPort = 2181): { servers: HostPort[]; chroot: string | null } {
  const slash = connectString.indexOf('/');
  const hosts = slash < 0 ? connectString : connectString.slice(0, slash);
  const chroot = slash < 0 ? null : connectString.slice(slash);
  const servers = hosts
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => parseHostPort(part, defaultPort));
  return { servers, chroot: chroot === '/' || chroot === '' ? null : chroot };
}

/**
 * `3.8.0-${mvngit.commit.id}, built on …` (Debian), `3.8.4-5a02a05e…, built on …` or Debian's
 * 3.4 banner `3.4.13-6--1, built on …` → `3.8.0`, `3.8.4`, `3.4.13`: the release an operator
 * compares across servers (a build suffix that is not a hash or a revision stays).
 */
export function shortServerVersion(version: string): string {
  const first = version.split(',')[0]!.trim();
  return first.replace(/-(?:[0-9a-f]{7,40}|\$\{[^}]*\}|\d+(?:-+\d+)*)$/, '');
}
