// ACL text as zkCli reads it (AclParser) and prints it (getAcl), plus digest ids.

import { createRequire } from 'node:module';

// Loaded on first use (a digest is rare; loading node:crypto is not free at every start).
const nodeCrypto = (): typeof import('node:crypto') => createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
import { PERM, type Acl } from './types.js';

export const OPEN_ACL_UNSAFE: readonly Acl[] = [{ scheme: 'world', id: 'anyone', perms: PERM.ALL }];
export const READ_ACL_UNSAFE: readonly Acl[] = [{ scheme: 'world', id: 'anyone', perms: PERM.READ }];
export const CREATOR_ALL_ACL: readonly Acl[] = [{ scheme: 'auth', id: '', perms: PERM.ALL }];

export interface AclParseResult {
  acl: Acl[];
  /** zkCli's stderr lines, in order (`<a> does not have the form scheme:id:perm`, `Unknown perm type: <c>`). */
  errors: string[];
}

export interface PermParseResult {
  perms: number;
  errors: string[];
}

const PERM_BY_CHAR: Readonly<Record<string, number>> = {
  r: PERM.READ,
  w: PERM.WRITE,
  c: PERM.CREATE,
  d: PERM.DELETE,
  a: PERM.ADMIN,
};

/**
 * Permission letters -> bit set. Like zkCli, an unknown letter is reported and ignored (the
 * rest of the entry is still used: `world:anyone:rq` yields READ plus `Unknown perm type: q`).
 */
export function parsePerms(text: string): PermParseResult {
  let perms = 0;
  const errors: string[] = [];
  for (const c of text) {
    const bit = PERM_BY_CHAR[c];
    if (bit === undefined) errors.push(`Unknown perm type: ${c}`);
    else perms |= bit;
  }
  return { perms, errors };
}

/** Bit set -> letters in zkCli's order `cdrwa` (empty string for 0). */
export function permsToString(perms: number): string {
  let out = '';
  if (perms & PERM.CREATE) out += 'c';
  if (perms & PERM.DELETE) out += 'd';
  if (perms & PERM.READ) out += 'r';
  if (perms & PERM.WRITE) out += 'w';
  if (perms & PERM.ADMIN) out += 'a';
  return out;
}

// Java's String.split(","): keeps leading/inner empty pieces, drops trailing ones.
function javaSplitComma(text: string): string[] {
  const parts = text.split(',');
  if (text === '') return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Parses `scheme:id:perms[,scheme:id:perms...]` exactly like zkCli's AclParser: the id is
 * everything between the first and the last ':' (so `digest:user:hash=:cdrwa` has id
 * `user:hash=`); an entry without two distinct colons is reported and skipped.
 */
export function parseAcl(text: string): AclParseResult {
  const acl: Acl[] = [];
  const errors: string[] = [];
  for (const entry of javaSplitComma(text)) {
    const first = entry.indexOf(':');
    const last = entry.lastIndexOf(':');
    if (first === -1 || first === last) {
      errors.push(`${entry} does not have the form scheme:id:perm`);
      continue;
    }
    const perms = parsePerms(entry.slice(last + 1));
    errors.push(...perms.errors);
    acl.push({ scheme: entry.slice(0, first), id: entry.slice(first + 1, last), perms: perms.perms });
  }
  return { acl, errors };
}

/** `scheme:id:perms` (the form parseAcl reads back; used for copy/export, not zkCli output). */
export function aclToString(acl: Acl): string {
  return `${acl.scheme}:${acl.id}:${permsToString(acl.perms)}`;
}

// Jute's CSV record text (Utils.toCSVString): a leading quote and a few %-escapes.
function toCsvString(value: string): string {
  let out = "'";
  for (const c of value) {
    switch (c) {
      case '\0':
        out += '%00';
        break;
      case '\n':
        out += '%0A';
        break;
      case '\r':
        out += '%0D';
        break;
      case ',':
        out += '%2C';
        break;
      case '}':
        out += '%7D';
        break;
      case '%':
        out += '%25';
        break;
      default:
        out += c;
    }
  }
  return out;
}

/**
 * getAcl's text for one entry: Java prints `Id.toString() + ": " + perms`, and the jute record
 * text ends with a newline, hence two lines: `'world,'anyone` then `: cdrwa`.
 */
export function formatAclEntry(acl: Acl): [string, string] {
  return [`${toCsvString(acl.scheme)},${toCsvString(acl.id)}`, `: ${permsToString(acl.perms)}`];
}

/** All getAcl output lines for a list (two per entry). */
export function formatAclLines(acl: readonly Acl[]): string[] {
  return acl.flatMap((entry) => formatAclEntry(entry));
}

/** The digest ACL id for a user: `user:` + base64(sha1(`user:password`)), as the server computes it. */
export function digestFor(user: string, password: string): string {
  const hash = nodeCrypto().createHash('sha1').update(`${user}:${password}`, 'utf8').digest('base64');
  return `${user}:${hash}`;
}

/**
 * digestFor over addauth's `user:password` form, as DigestAuthenticationProvider.generateDigest
 * does it: the user is the text before the first ':', the hash covers the whole credential.
 */
export function digestForCredential(credential: string): string {
  const colon = credential.indexOf(':');
  const user = colon === -1 ? credential : credential.slice(0, colon);
  return `${user}:${nodeCrypto().createHash('sha1').update(credential, 'utf8').digest('base64')}`;
}

/** A credential safe to show: `alice:secret` -> `alice:***`. */
export function redactCredential(credential: string): string {
  const colon = credential.indexOf(':');
  return colon === -1 ? '***' : `${credential.slice(0, colon)}:***`;
}
