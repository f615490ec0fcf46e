// The whole file checked leniently: every valid profile and setting is kept, every bad one is a
// problem line and is left out (a bad profile is remembered with its error, so `--cluster` on it
// says what is wrong instead of "no such profile").
import { migrateDocument } from './migrations.js';
import { checkProfile } from './profileCheck.js';
import { checkSettings, defaultSettings } from './settings.js';
import type { ConfigDocument, Profile, Settings } from './types.js';

export interface DocumentCheck {
  profiles: Profile[];
  /** Profile name → why it cannot be used. */
  invalidProfiles: Map<string, string>;
  settings: Settings;
  problems: string[];
}

const TOP_LEVEL = ['profiles', 'settings', '__internal__'];

export function checkDocument(raw: ConfigDocument, validActions?: readonly string[]): DocumentCheck {
  const doc = migrateDocument(raw);
  const problems: string[] = [];
  const profiles: Profile[] = [];
  const invalidProfiles = new Map<string, string>();
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.includes(key)) problems.push(`unknown top-level key "${key}" (known: profiles, settings); ignored`);
  }
  const rawProfiles: unknown = doc.profiles;
  if (rawProfiles !== undefined && (typeof rawProfiles !== 'object' || rawProfiles === null || Array.isArray(rawProfiles))) {
    problems.push('profiles: must be an object of name → profile; no profiles loaded');
  } else {
    for (const [name, value] of Object.entries(rawProfiles ?? {})) {
      const checked = checkProfile(name, value);
      if (checked.ok) profiles.push(checked.profile);
      else {
        invalidProfiles.set(name, checked.error);
        problems.push(checked.error);
      }
    }
  }
  const settingsCheck = validActions ? checkSettings(doc.settings, validActions) : checkSettings(doc.settings);
  problems.push(...settingsCheck.problems);
  profiles.sort((a, b) => a.name.localeCompare(b.name));
  return { profiles, invalidProfiles, settings: settingsCheck.settings, problems };
}

export function emptyCheck(): DocumentCheck {
  return { profiles: [], invalidProfiles: new Map(), settings: defaultSettings(), problems: [] };
}
