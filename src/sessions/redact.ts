// The one redaction module: every writer (scrollback, history, recorder, exports, logs) passes
// text through here before it is kept anywhere. Secrets: addauth credentials, super digests,
// passwords in settings and in node-action command lines.

const ADDAUTH = /^(\s*addauth\s+\S+\s+)(\S+)(.*)$/;
const SUPER_DIGEST_FLAG = /(-Dzookeeper\.DigestAuthenticationProvider\.superDigest=)(\S+)/g;
const DIGEST_ACL = /(digest:[^:\s,]+:)([A-Za-z0-9+/]{27}=)/g;
const PASSWORD_KV = /((?:password|passwd|secret|superPassword)\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi;

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
    .replace(SUPER_DIGEST_FLAG, (_all, key: string, value: string) => `${key}${maskCredential(value)}`)
    .replace(DIGEST_ACL, (_all, prefix: string) => `${prefix}***`)
    .replace(PASSWORD_KV, (_all, key: string) => `${key}***`);
}

/** Secrets known at run time (e.g. a password typed at a prompt) are masked wherever they appear. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  add(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }
  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }
}
