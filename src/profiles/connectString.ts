// Connect strings and host[:port] lists, checked the way ZooKeeper's ConnectStringParser reads
// them (a missing port means 2181, IPv6 in brackets, an optional /chroot after the last server),
// so a profile that validates here is one the client library will accept.
import { pathError } from '../zk/paths.js';

export const DEFAULT_CLIENT_PORT = 2181;

export interface ServerAddress {
  host: string;
  port: number;
}

export interface ParsedConnectString {
  servers: ServerAddress[];
  /** null when there is no chroot (or it is `/`). */
  chroot: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;
const PORT = /^[1-9]\d{0,4}$/;

/** `zk1`, `zk1:2181`, `10.0.0.1:2181`, `[::1]:2181` → host and port, or why not. */
export function parseServerAddress(text: string): Parsed<ServerAddress> {
  const bad = (why: string): Parsed<ServerAddress> => ({ ok: false, error: `bad server "${text}": ${why}` });
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return bad('unclosed [ in IPv6 address');
    host = text.slice(1, close);
    if (!IPV6.test(host) || !host.includes(':')) return bad('not an IPv6 address');
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return bad('expected :port after ]');
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
    if (host === '') return bad('missing host');
    if (!HOST_NAME.test(host)) return bad('not a host name or IPv4 address');
  }
  if (portText === undefined) return { ok: true, value: { host, port: DEFAULT_CLIENT_PORT } };
  const port = Number(portText);
  if (!PORT.test(portText) || port < 1 || port > 65535) return bad(`port must be a number 1..65535, got "${portText}"`);
  return { ok: true, value: { host, port } };
}

/** `zk1:2181,zk2:2181,zk3:2181/pegasus` → servers and chroot, or the first problem in one line. */
export function parseConnectString(text: string): Parsed<ParsedConnectString> {
  if (text === '') return { ok: false, error: 'connect string is empty' };
  if (/\s/.test(text)) return { ok: false, error: `bad connect string "${text}": no spaces allowed (servers are separated by commas)` };
  const slash = text.indexOf('/');
  const serverPart = slash < 0 ? text : text.slice(0, slash);
  const chrootPart = slash < 0 ? null : text.slice(slash);
  let chroot: string | null = null;
  if (chrootPart !== null && chrootPart !== '/') {
    const why = pathError(chrootPart);
    if (why !== null) return { ok: false, error: `bad chroot "${chrootPart}" in connect string: ${why}` };
    chroot = chrootPart;
  }
  const servers: ServerAddress[] = [];
  for (const item of serverPart.split(',')) {
    if (item === '') return { ok: false, error: `bad connect string "${text}": empty server between commas` };
    const parsed = parseServerAddress(item);
    if (!parsed.ok) return parsed;
    servers.push(parsed.value);
  }
  return { ok: true, value: { servers, chroot } };
}

/** The one-line error for a bad connect string, or null when it is fine. */
export function connectStringError(text: string): string | null {
  const parsed = parseConnectString(text);
  return parsed.ok ? null : parsed.error;
}
