// The one redaction module: every writer (scrollback, history, recorder, exports, logs) passes
// text through here before it is kept anywhere. Secrets: addauth credentials, super digests,
// passwords in settings and in node-action command lines.

const ADDAUTH = /^(\s*addauth\s+\S+\s+)(\S+)(.*)$/;
const SUPER_DIGEST_FLAG = /(-Dzookeeper\.DigestAuthenticationProvider\.superDigest=)([^\s"'`]+)/g;
const DIGEST_ACL = /(digest:[^:\s,]+:)([A-Za-z0-9+/]{27}=)/g;
const PASSWORD_KV = /((?:password|passwd|secret|superPassword)\s*[=:]\s*)("[^"]*"|'[^']*'|\S+?(?=`?(?:\s|$)))/gi;
// A settings or profile dump in JSON: `"password": "hunter2"` (the key's closing quote sits before the colon).
const PASSWORD_JSON = /("(?:password|passwd|secret|superPassword)"\s*:\s*)("(?:[^"\\]|\\.)*")/gi;
// Any other spelling of a super digest: a zoo.cfg/java.env property, JSON, `ps` output without -D.
const SUPER_DIGEST_ANY = /(superDigest"?\s*[=:]\s*"?)([^\s"'`{[]+)/gi;
// zkCli's getAcl form of a digest ACL: `'digest,'alice:aYXl…=`.
const DIGEST_GETACL = /('digest,'[^:\s]+:)([A-Za-z0-9+/]{27}=)/g;
// An addauth line quoted inside other text (a recording, a `history` dump, a runbook step).
// The credential runs to the next blank; a closing quote or backtick of the surrounding text stays.
const ADDAUTH_INLINE = /(\baddauth\s+[A-Za-z0-9_-]+\s+)([^\s:`'"]+):(\S+?)([`'"]?)(?=\s|$)/g;

/** `user:secret` → `user:***`; a credential without a user part becomes `***`. */
export function maskCredential(auth: string): string {
  const colon = auth.indexOf(':');
  return colon >= 0 ? `${auth.slice(0, colon)}:***` : '***';
}

/** Redacts a command line the operator typed (before history, scrollback echo, recording). */
export function redactCommandLine(line: string): string {
  const m = ADDAUTH.exec(line);
  if (m) {
    const tail = m[3]!.trim().length > 0 ? ' ***' : '';
    return `${m[1]}${maskCredential(m[2]!)}${tail}`;
  }
  return redactText(line);
}

/** Redacts free text: output lines, node-action command lines and their output, settings dumps. */
export function redactText(text: string): string {
  return text
    .replace(PASSWORD_JSON, (_all, key: string) => `${key}"***"`)
    .replace(ADDAUTH_INLINE, (_all, head: string, user: string, _secret: string, close: string) => `${head}${user}:***${close}`)
    .replace(SUPER_DIGEST_FLAG, (_all, key: string, value: string) => `${key}${maskCredential(value)}`)
    .replace(SUPER_DIGEST_ANY, (_all, key: string, value: string) => `${key}${maskCredential(value)}`)
    .replace(DIGEST_ACL, (_all, prefix: string) => `${prefix}***`)
    .replace(DIGEST_GETACL, (_all, prefix: string) => `${prefix}***`)
    .replace(PASSWORD_KV, (_all, key: string) => `${key}***`);
}

/**
 * Redacts every string inside a value (a recorded event, an exported object), keys excepted.
 * `scrub` adds the run-time secrets of a SecretRegistry. Returns a new value; the input is untouched.
 */
export function redactDeep<T>(value: T, scrub: (text: string) => string = (t) => t, depth = 0): T {
  if (typeof value === 'string') return scrub(redactText(value)) as T;
  // Events are plain data; a cycle or a monster nesting must not take the recorder down.
  if (depth > 32) return '[nested too deep]' as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, scrub, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v, scrub, depth + 1);
    return out as T;
  }
  return value;
}

/** Secrets known at run time (e.g. a password typed at a prompt) are masked wherever they appear. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  add(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
    // A `user:password` credential: the password alone is a secret too (typed again by mistake,
    // pasted into a note). Short ones are left alone, they would mask ordinary words.
    const colon = secret.indexOf(':');
    if (colon > 0 && secret.length - colon - 1 >= 6) this.secrets.add(secret.slice(colon + 1));
  }
  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }
}
