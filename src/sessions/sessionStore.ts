// Where sessions live and how they are named: one directory per run under the sessions dir
// (settings.sessionsDir, default $XDG_DATA_HOME/zkpilot/sessions), mode 0700, named by its id:
// UTC start time + a short random part, so `ls` and `zkpilot sessions` sort them by time.
import { nodeCrypto } from '../util/lazyBuiltins.js';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadProfiles } from '../profiles/loadProfiles.js';
import { EVENTS_FILE, INBOX_FILE, SCREEN_FILE } from './sessionEvents.js';

export const DIR_MODE = 0o700;

const ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4,}$/;

export interface SessionRef {
  id: string;
  dir: string;
  eventsFile: string;
  screenFile: string;
  inboxFile: string;
}

export class SessionLookupError extends Error {}

/** The configured sessions directory (a bad config file falls back to the default). */
export function defaultSessionsDir(): string {
  return loadProfiles().settings.sessionsDir;
}

/** `20251005-091244-3fa2`: UTC, sortable, unique enough for one operator's runs. */
export function newSessionId(now: Date = new Date(), random: string = nodeCrypto().randomBytes(2).toString('hex')): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(now.getUTCFullYear(), 4)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}`;
  const time = `${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${date}-${time}-${random}`;
}

export function isSessionId(name: string): boolean {
  return ID_PATTERN.test(name);
}

export function sessionRef(root: string, id: string): SessionRef {
  const dir = join(root, id);
  return { id, dir, eventsFile: join(dir, EVENTS_FILE), screenFile: join(dir, SCREEN_FILE), inboxFile: join(dir, INBOX_FILE) };
}

/** Makes a new, empty session directory (0700; the root too when it is created here). */
export function createSessionDir(root: string, now: Date = new Date()): SessionRef {
  if (!existsSync(root)) mkdirSync(root, { recursive: true, mode: DIR_MODE });
  for (let attempt = 0; ; attempt++) {
    const ref = sessionRef(root, newSessionId(now));
    try {
      mkdirSync(ref.dir, { mode: DIR_MODE });
    } catch (e) {
      // Two runs in the same second with the same random part: draw again.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 20) continue;
      throw e;
    }
    chmodSync(ref.dir, DIR_MODE); // mkdir's mode is masked by the umask
    return ref;
  }
}

/** Every session in the root, oldest first. A missing root is simply no sessions. */
export function listSessionRefs(root: string): SessionRef[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((n) => isSessionId(n) && existsSync(join(root, n, EVENTS_FILE)))
    .sort()
    .map((n) => sessionRef(root, n));
}

/**
 * A session by id, unique id prefix, or path to its directory (a recording copied elsewhere for a
 * postmortem). Throws SessionLookupError with the one line to show.
 */
export function resolveSession(root: string, idOrPath: string): SessionRef {
  const asPath = resolve(idOrPath);
  if ((idOrPath.includes('/') || idOrPath.startsWith('.')) && isDir(asPath)) {
    if (!existsSync(join(asPath, EVENTS_FILE))) throw new SessionLookupError(`${idOrPath}: not a session directory (no ${EVENTS_FILE})`);
    return sessionRef(dirname(asPath), basename(asPath));
  }
  const all = listSessionRefs(root);
  const exact = all.find((r) => r.id === idOrPath);
  if (exact) return exact;
  const matches = all.filter((r) => r.id.startsWith(idOrPath) || r.id.endsWith(`-${idOrPath}`));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new SessionLookupError(`session "${idOrPath}" is ambiguous: ${matches.slice(0, 5).map((r) => r.id).join(', ')}${matches.length > 5 ? ', …' : ''}`);
  }
  throw new SessionLookupError(`no session "${idOrPath}" in ${root} (zkpilot sessions lists them)`);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
