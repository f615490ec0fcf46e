// Dynamic configuration text (`/zookeeper/config`, `conf` membership, reconfig arguments):
// `server.N=host:quorumPort:electionPort[:participant|observer][;[clientHost:]clientPort]` lines
// plus `version=<hex>`, parsed and printed the way QuorumPeer.QuorumServer reads and writes them.

export type ServerRole = 'participant' | 'observer';

export interface ServerAddress {
  host: string; // IPv6 literals without brackets
  quorumPort: number;
  electionPort: number;
}

export interface ServerSpec extends ServerAddress {
  id: number;
  role: ServerRole;
  /** Further quorum addresses (`a:1:2|b:1:2`, multiAddress.enabled servers). */
  extraAddresses: ServerAddress[];
  /** null when the client part is only a port (the server then listens on 0.0.0.0). */
  clientHost: string | null;
  /** null when the line has no client part. */
  clientPort: number | null;
}

export interface DynamicConfig {
  servers: ServerSpec[];
  /** Hex config version without 0x (`100000000`), null when the text has none. */
  version: string | null;
}

export class DynamicConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamicConfigError';
  }
}

const WRONG_FORMAT =
  ' does not have the form server_config or server_config;client_config where server_config is the pipe' +
  ' separated list of host:port:port or host:port:port:type and client_config is port or host:port';

// ConfigUtils.getHostAndPort: `[v6]:a:b` keeps the literal whole, everything else splits on ':'.
function hostAndPort(text: string): string[] {
  if (!text.startsWith('[')) return text.split(':');
  const close = text.indexOf(']');
  if (close < 0) throw new DynamicConfigError(`${text} starts with '[' but has no matching ']:'`);
  if (close + 2 === text.length) throw new DynamicConfigError(`${text} doesn't have a port after colon`);
  if (close + 2 < text.length) return [text.slice(1, close), ...text.slice(close + 2).split(':')];
  return [text.replace(/[[\]]/g, '')];
}

function parsePort(text: string, context: string): number {
  if (!/^\d{1,5}$/.test(text.trim())) throw new DynamicConfigError(`Invalid port "${text}" in ${context}`);
  const port = Number(text.trim());
  if (port < 1 || port > 65535) throw new DynamicConfigError(`Port out of range (1-65535): ${port} in ${context}`);
  return port;
}

function parseRole(text: string): ServerRole {
  const role = text.trim().toLowerCase();
  if (role === 'participant' || role === 'observer') return role;
  throw new DynamicConfigError(`Unrecognised peertype: ${text}`);
}

/** Parses the value of a `server.N=` line (the part after `=`); throws DynamicConfigError. */
export function parseServerAddressSpec(id: number, value: string): ServerSpec {
  const serverClient = value.trim().split(';');
  if (serverClient.length > 2 || serverClient[0] === '') throw new DynamicConfigError(value + WRONG_FORMAT);
  let role: ServerRole = 'participant';
  const addresses: ServerAddress[] = [];
  for (const address of serverClient[0]!.split('|')) {
    const parts = hostAndPort(address);
    if (parts.length < 3 || parts.length > 4 || parts[0] === '') throw new DynamicConfigError(value + WRONG_FORMAT);
    addresses.push({
      host: parts[0]!,
      quorumPort: parsePort(parts[1]!, value),
      electionPort: parsePort(parts[2]!, value),
    });
    if (parts.length === 4) role = parseRole(parts[3]!);
  }
  let clientHost: string | null = null;
  let clientPort: number | null = null;
  const client = serverClient[1];
  if (client !== undefined && client.trim() !== '') {
    const parts = hostAndPort(client.trim());
    if (parts.length > 2) throw new DynamicConfigError(`${value}${WRONG_FORMAT} (client port)`);
    clientHost = parts.length === 2 ? parts[0]! : null;
    clientPort = parsePort(parts[parts.length - 1]!, value);
  }
  const [first, ...extra] = addresses;
  return { id, ...first!, role, extraAddresses: extra, clientHost, clientPort };
}

/** Server id from `server.N` (or the bare `N` zkCli's reconfig accepts); null if not a server key. */
export function serverIdFromKey(key: string): number | null {
  const match = /^(?:server\.)?(\d+)$/.exec(key.trim());
  if (match === null) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/** Parses one `server.N=...` (or `N=...`) line; throws DynamicConfigError with a readable message. */
export function parseServerLine(line: string): ServerSpec {
  const eq = line.indexOf('=');
  if (eq < 0) throw new DynamicConfigError(`${line} is not of the form server.N=host:port:port[:type][;[host:]port]`);
  const key = line.slice(0, eq);
  const id = serverIdFromKey(key);
  if (id === null) throw new DynamicConfigError(`Invalid server id: ${key.trim()}`);
  return parseServerAddressSpec(id, line.slice(eq + 1));
}

/** The validation message for a user-supplied server line, or null when it is fine. */
export function serverLineError(line: string): string | null {
  try {
    parseServerLine(line);
    return null;
  } catch (error) {
    return error instanceof DynamicConfigError ? error.message : String(error);
  }
}

// Properties.load, reduced to what config text uses: `key=value` / `key: value` lines, # and ! comments.
function propertyLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match === null) out.push([line, '']);
    else out.push([match[1]!, match[2]!.trim()]);
  }
  return out;
}

/**
 * Parses dynamic config text (`config` output, a `-file` for reconfig, the `membership:` block of
 * `conf`). Keys other than `server.N` and `version` (group/weight) are ignored.
 */
export function parseDynamicConfig(text: string): DynamicConfig {
  const servers: ServerSpec[] = [];
  let version: string | null = null;
  for (const [key, value] of propertyLines(text)) {
    if (key === 'version') version = value;
    else if (key.startsWith('server.')) {
      const id = serverIdFromKey(key);
      if (id === null) throw new DynamicConfigError(`Invalid server id: ${key}`);
      servers.push(parseServerAddressSpec(id, value));
    }
  }
  return { servers, version };
}

function delimitedHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function formatAddress(address: ServerAddress): string {
  return `${delimitedHost(address.host)}:${address.quorumPort}:${address.electionPort}`;
}

/** The value part as ZooKeeper prints it: `127.0.0.1:2888:3888:participant;127.0.0.1:2181`. */
export function formatServerValue(spec: ServerSpec): string {
  const addresses = [spec, ...spec.extraAddresses].map(formatAddress).join('|');
  let out = `${addresses}:${spec.role}`;
  if (spec.clientPort !== null) {
    out += spec.clientHost === null ? `;${spec.clientPort}` : `;${delimitedHost(spec.clientHost)}:${spec.clientPort}`;
  }
  return out;
}

/** `server.N=...` line. */
export function formatServerSpec(spec: ServerSpec): string {
  return `server.${spec.id}=${formatServerValue(spec)}`;
}

/** Config text as `config` prints it: server lines then `version=`. */
export function formatDynamicConfig(config: DynamicConfig): string {
  const lines = config.servers.map(formatServerSpec);
  if (config.version !== null) lines.push(`version=${config.version}`);
  return lines.join('\n');
}

/**
 * `host:port` clients use for this server, or null without a client port. A wildcard or missing
 * client host becomes `0.0.0.0` (as zkCli prints it) unless `useQuorumHostForWildcard` asks for
 * the quorum host, which is what a console needs to actually connect.
 */
export function serverSpecToClientAddress(
  spec: ServerSpec,
  opts: { useQuorumHostForWildcard?: boolean } = {},
): string | null {
  if (spec.clientPort === null) return null;
  let host = spec.clientHost ?? '0.0.0.0';
  if (opts.useQuorumHostForWildcard === true && (host === '0.0.0.0' || host === '::' || host === '0:0:0:0:0:0:0:0')) {
    host = spec.host;
  }
  return `${delimitedHost(host)}:${spec.clientPort}`;
}

// java.lang.String.hashCode
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Iteration order of java.util.Properties (a ConcurrentHashMap since Java 9; 16 bins, doubling at
 * 3/4 load), which is the order `config -c` lists hosts in. Collision handling during a resize is
 * reproduced; treeified bins (8+ collisions) are not.
 */
export function javaPropertiesOrder(keys: readonly string[]): string[] {
  const spread = (key: string): number => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & 0x7fffffff;
  };
  let bins: string[][] = Array.from({ length: 16 }, () => []);
  let count = 0;
  for (const key of keys) {
    const bin = bins[spread(key) & (bins.length - 1)]!;
    if (bin.includes(key)) continue;
    bin.push(key);
    count++;
    if (count >= bins.length - (bins.length >>> 2)) bins = resizeBins(bins, spread);
  }
  return bins.flat();
}

// ConcurrentHashMap.transfer: the tail run that already shares the new bit keeps its order,
// the nodes before it are pushed onto the front of their list (so they come out reversed).
function resizeBins(bins: string[][], spread: (key: string) => number): string[][] {
  const n = bins.length;
  const next: string[][] = Array.from({ length: n * 2 }, () => []);
  bins.forEach((bin, index) => {
    if (bin.length === 0) return;
    let lastRun = 0;
    let runBit = spread(bin[0]!) & n;
    for (let i = 1; i < bin.length; i++) {
      const bit = spread(bin[i]!) & n;
      if (bit !== runBit) {
        runBit = bit;
        lastRun = i;
      }
    }
    const low: string[] = runBit === 0 ? bin.slice(lastRun) : [];
    const high: string[] = runBit !== 0 ? bin.slice(lastRun) : [];
    for (let i = 0; i < lastRun; i++) {
      const key = bin[i]!;
      if ((spread(key) & n) === 0) low.unshift(key);
      else high.unshift(key);
    }
    next[index] = low;
    next[index + n] = high;
  });
  return next;
}

/**
 * `config -c` text: `<version> host:port,host:port` (ConfigUtils.getClientConfigStr), hosts in
 * Java's Properties order. A standalone server's empty config gives a single space, as in zkCli.
 */
export function formatClientConfig(configText: string): string {
  const entries = new Map<string, string>();
  for (const [key, value] of propertyLines(configText)) entries.set(key, value);
  const version = entries.get('version') ?? '';
  const hosts: string[] = [];
  for (const key of javaPropertiesOrder([...entries.keys()])) {
    if (!key.startsWith('server.')) continue;
    let spec: ServerSpec;
    try {
      spec = parseServerAddressSpec(-1, entries.get(key) ?? '');
    } catch {
      continue; // zkCli prints a stack trace and skips the entry
    }
    hosts.push(serverSpecToClientAddress(spec) ?? '');
  }
  return `${version} ${hosts.join(',')}`;
}

/** Parses `config -c` text back into its version and host list. */
export function parseClientConfig(text: string): { version: string | null; hosts: string[] } {
  const trimmed = text.trim();
  const space = text.indexOf(' ');
  const version = space < 0 ? trimmed : text.slice(0, space).trim();
  const rest = space < 0 ? '' : text.slice(space + 1).trim();
  return {
    version: version === '' ? null : version,
    hosts: rest === '' ? [] : rest.split(','),
  };
}

/** Config versions are zxids printed in hex; as a number (exact for epochs below 2^21). */
export function configVersionToNumber(version: string): number {
  const hex = version.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]+$/i.test(hex)) throw new DynamicConfigError(`Invalid config version: ${version}`);
  return parseInt(hex, 16);
}
