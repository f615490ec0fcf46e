// `profile import FILE`: profiles from an export (or a whole config file) checked with the same
// rules as the config file; the first problem stops the import before anything is written.
import { readFileSync } from 'node:fs';
import { checkProfile } from './profileCheck.js';
import type { Profile } from './types.js';

export type ImportRead = { ok: true; profiles: Profile[] } | { ok: false; error: string };

export function readImportFile(file: string): ImportRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON: ${(e as Error).message}` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, error: `${file}: must hold {"profiles": {NAME: {…}}}` };
  const record = doc as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // A whole config file is fine to import from; its settings are not imported.
    if (!['profiles', 'settings', '__internal__'].includes(key)) return { ok: false, error: `${file}: unknown top-level key "${key}" (expected "profiles")` };
  }
  const profiles = record.profiles;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) return { ok: false, error: `${file}: "profiles" must be an object of NAME → profile` };
  const out: Profile[] = [];
  for (const [name, raw] of Object.entries(profiles)) {
    const checked = checkProfile(name, raw);
    if (!checked.ok) return { ok: false, error: `${file}: ${checked.error}` };
    out.push(checked.profile);
  }
  if (out.length === 0) return { ok: false, error: `${file}: no profiles in it` };
  return { ok: true, profiles: out };
}
