// Which servers to poll: the committed config's members, the servers of the connect string, and
// the extra hosts a profile or the sandbox names (spares, new servers not in the config yet).
// Servers that were members once stay in view while they still answer: a removed server keeps
// running as a non-voting follower until someone stops it (zk-operations.md §5).
import { serverSpecToClientAddress, type ServerSpec } from '../zk/dynamicConfig.js';
import { parseConnectString, parseHostPort, type HostPort } from '../zk/fourLetter.js';
import { DEAD_ROLES, type CommittedConfig, type EnsembleSnapshot, type NodeView, type PollTarget, type TargetSource } from './types.js';

export function targetKey(host: string, port: number): string {
  const h = host.toLowerCase();
  return h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`;
}

/** The address a console polls for a config member: its client address (wildcard → quorum host). */
export function specAddress(spec: ServerSpec): HostPort | null {
  const address = serverSpecToClientAddress(spec, { useQuorumHostForWildcard: true });
  if (address === null) return null;
  try {
    return parseHostPort(address);
  } catch {
    return null;
  }
}

/** Servers of a connect string; an unparsable string gives none (the shell reports it itself). */
export function connectStringHosts(connectString: string): HostPort[] {
  try {
    return parseConnectString(connectString).servers;
  } catch {
    return [];
  }
}

/** `host:port` entries given by a profile or the sandbox; malformed ones are skipped. */
export function parseExtraHosts(hosts: readonly string[]): HostPort[] {
  const out: HostPort[] = [];
  for (const text of hosts) {
    try {
      out.push(parseHostPort(text));
    } catch {
      // a bad entry in a profile must not take the panel down
    }
  }
  return out;
}

export interface TargetInputs {
  committed: CommittedConfig | null;
  connectHosts: readonly HostPort[];
  extraHosts: readonly HostPort[];
  /** Targets of the previous round: former members stay while `keepFormer(key)` says so. */
  previous: readonly PollTarget[];
  keepFormer: (key: string) => boolean;
  /** Keys known to be another address of a config member (same server id): not polled twice. */
  aliases: ReadonlySet<string>;
}

/** Config members first (in id order), then connect-string servers, extra hosts, former members. */
export function mergeTargets(inputs: TargetInputs): PollTarget[] {
  const byKey = new Map<string, PollTarget>();
  const add = (host: string, port: number, source: TargetSource, spec: ServerSpec | null): void => {
    const key = targetKey(host, port);
    if (inputs.aliases.has(key) && source !== 'config') return;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
      if (spec && !existing.spec) existing.spec = spec;
      return;
    }
    byKey.set(key, { key, host, port, sources: [source], spec });
  };
  const members = [...(inputs.committed?.servers ?? [])].sort((a, b) => a.id - b.id);
  for (const spec of members) {
    const address = specAddress(spec);
    if (address) add(address.host, address.port, 'config', spec);
  }
  for (const hp of inputs.connectHosts) add(hp.host, hp.port, 'connect', null);
  for (const hp of inputs.extraHosts) add(hp.host, hp.port, 'extra', null);
  for (const old of inputs.previous) {
    if (byKey.has(old.key) || !inputs.keepFormer(old.key)) continue;
    byKey.set(old.key, { key: old.key, host: old.host, port: old.port, sources: ['former'], spec: null });
  }
  return [...byKey.values()];
}

/** A round's targets from the model's inputs; a former member stays while it still answers. */
export function roundTargets(inputs: {
  committed: CommittedConfig | null;
  connectString: string;
  extraHosts: readonly string[];
  previous: readonly PollTarget[];
  previousNodes: readonly NodeView[];
  aliases: ReadonlySet<string>;
}): PollTarget[] {
  const previousRoles = new Map(inputs.previousNodes.map((n) => [n.key, n.role]));
  return mergeTargets({
    committed: inputs.committed,
    connectHosts: connectStringHosts(inputs.connectString),
    extraHosts: parseExtraHosts(inputs.extraHosts),
    previous: inputs.previous,
    // Removed servers keep running as non-voting followers until someone stops them.
    keepFormer: (key) => {
      const role = previousRoles.get(key);
      return role !== undefined && role !== 'unknown' && !DEAD_ROLES.has(role);
    },
    aliases: inputs.aliases,
  });
}

/** A server named by id (`3`), `server.3` or address (`host:port`, bare host = port 2181). */
export function resolveServer(nodes: readonly NodeView[], text: string): NodeView | { host: string; port: number; key: string } | null {
  const t = text.trim();
  const idMatch = /^(?:server\.)?(\d+)$/.exec(t);
  if (idMatch) return nodes.find((n) => n.id === Number(idMatch[1])) ?? null;
  try {
    const { host, port } = parseHostPort(t);
    const key = targetKey(host, port);
    return nodes.find((n) => n.key === key) ?? { host, port, key };
  } catch {
    return null;
  }
}

/** Every host of `connectString` is a member of the committed config in view (another door to it). */
export function isMemberDoor(targets: readonly PollTarget[], connectString: string): boolean {
  const members = new Set(targets.filter((t) => t.sources.includes('config')).map((t) => t.key));
  const hosts = connectStringHosts(connectString);
  return hosts.length > 0 && hosts.every((hp) => members.has(targetKey(hp.host, hp.port)));
}

/** Some serving server's own `conf` is on a later config version than the committed one shown. */
export function newerConfigSeen(s: EnsembleSnapshot): boolean {
  const committed = s.committed?.version;
  if (!committed || s.committed?.source !== 'session' || !/^[0-9a-f]+$/i.test(committed)) return false;
  const mine = BigInt(`0x${committed}`);
  return s.nodes.some((n) => n.configVersion !== null && /^[0-9a-f]+$/i.test(n.configVersion) && BigInt(`0x${n.configVersion}`) > mine);
}
