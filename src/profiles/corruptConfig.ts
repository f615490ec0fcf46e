// Reading the config file without trusting it: a missing file is normal, anything else that goes
// wrong (unreadable, not JSON, written by a newer zkpilot) becomes one line naming the file and
// the first error, so the program can start on defaults and say why.
import { readFileSync } from 'node:fs';
import { CONFIG_SCHEMA_VERSION, compareVersions, documentVersion } from './migrations.js';
import type { ConfigDocument } from './types.js';

export type RawConfig = { kind: 'missing' } | { kind: 'document'; doc: ConfigDocument } | { kind: 'unusable'; problem: string };

/** `path: why` — the shape of every problem line about the file. */
export function fileProblem(path: string, why: string): string {
  return `${path}: ${why}`;
}

export function readRawConfig(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', problem: fileProblem(path, `cannot read (${code ?? (e as Error).message})`) };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { kind: 'unusable', problem: fileProblem(path, `not valid JSON: ${(e as Error).message}`) };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { kind: 'unusable', problem: fileProblem(path, 'must hold a JSON object {"profiles": {…}, "settings": {…}}') };
  }
  const version = documentVersion(doc as ConfigDocument);
  if (compareVersions(version, CONFIG_SCHEMA_VERSION) > 0) {
    return { kind: 'unusable', problem: fileProblem(path, `written by a newer zkpilot (config version ${version}; this one reads up to ${CONFIG_SCHEMA_VERSION})`) };
  }
  return { kind: 'document', doc: doc as ConfigDocument };
}

/** Where conf's first schema violation is, e.g. ['profiles', 'prod-a', 'connectString']; null if not one. */
export function confErrorPath(error: unknown): string[] | null {
  const message = error instanceof Error ? error.message : String(error);
  const m = /^Config schema violation: `([^`]*)`/.exec(message);
  return m ? m[1]!.split('/') : null;
}

/** Our readable problem line about the same place as conf's violation, when we have one. */
export function problemAt(problems: readonly string[], where: readonly string[]): string | undefined {
  const [top, key] = where;
  const prefix = top === 'profiles' && key ? `profile "${key}"` : top === 'settings' && key ? `settings.${key}` : top === '' ? 'unknown top-level key' : null;
  return prefix === null ? undefined : problems.find((p) => p.startsWith(prefix));
}

/**
 * conf's errors in one line: `Config schema violation: \`profiles/a/connectString\` must match
 * pattern "^…$"; …` → `profiles.a.connectString: has a bad format`. Regexes are for machines.
 */
export function firstConfError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const violation = /^Config schema violation: (.*)$/s.exec(message);
  if (!violation) return message.split('\n')[0]!;
  const first = violation[1]!.split('; ')[0]!;
  const m = /^`([^`]*)` (.*)$/.exec(first);
  if (!m) return first;
  const where = m[1] === '' ? 'top level' : m[1]!.replace(/\//g, '.');
  const what = m[2]!.startsWith('must match pattern') ? 'has a bad format' : m[2]!;
  return `${where}: ${what}`;
}
