// Checks one profile field by field and says what is wrong with the first bad field, in words an
// operator can act on (`profile "prod-a": connectString: bad server "zk1:99999": port must be …`).
// The JSON schema in profileSchema.ts guards every write; this is the readable front door.
import { parseConnectString, parseServerAddress } from './connectString.js';
import { splitCommandLine } from './commandLine.js';
import { nodeActionTemplateError } from './nodeActionTemplate.js';
import { ACCENT_NAMES, NODE_ACTION_IDS, type Profile, type StoredProfile } from './types.js';

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const SESSION_TIMEOUT_RANGE = { min: 1000, max: 600_000 } as const;
export const SUPER_USER = /^[^\s:]+$/;
export const ACCENT_HEX = /^#[0-9A-Fa-f]{6}$/;
export const DATA_DIR_HOST = /^(\*|[A-Za-z0-9_.:\[\]-]+)$/;
const PROFILE_FIELDS = ['connectString', 'sessionTimeoutMs', 'watchHosts', 'pegasus', 'nodeActions', 'dataDirs', 'superDigest', 'production', 'accent', 'description'];

export type ProfileCheck = { ok: true; profile: Profile } | { ok: false; error: string };

export function profileNameError(name: string): string | null {
  return PROFILE_NAME.test(name) ? null : `bad profile name "${name}": use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** The first problem of one field, or null. Field checks are independent, so order is file order. */
function fieldError(field: string, value: unknown): string | null {
  switch (field) {
    case 'connectString': {
      if (typeof value !== 'string') return `must be a string like "zk1:2181,zk2:2181/chroot", got ${show(value)}`;
      const parsed = parseConnectString(value);
      return parsed.ok ? null : parsed.error;
    }
    case 'sessionTimeoutMs': {
      const { min, max } = SESSION_TIMEOUT_RANGE;
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : `must be a whole number of milliseconds ${min}..${max}, got ${show(value)}`;
    }
    case 'watchHosts': {
      if (!Array.isArray(value)) return `must be a list of host:port, got ${show(value)}`;
      for (const item of value) {
        if (typeof item !== 'string') return `must be a list of host:port, got ${show(item)} in it`;
        const parsed = parseServerAddress(item);
        if (!parsed.ok) return parsed.error;
      }
      return null;
    }
    case 'pegasus': {
      if (!isObject(value)) return `must be an object {command, cwd?}, got ${show(value)}`;
      for (const key of Object.keys(value)) if (key !== 'command' && key !== 'cwd') return `unknown field "${key}" (known: command, cwd)`;
      if (typeof value.command !== 'string') return 'command: missing (the Pegasus shell command line)';
      const split = splitCommandLine(value.command);
      if (!split.ok) return `command: ${split.error}`;
      if (value.cwd !== undefined && (typeof value.cwd !== 'string' || !value.cwd.startsWith('/'))) return `cwd: must be an absolute directory, got ${show(value.cwd)}`;
      return null;
    }
    case 'nodeActions': {
      if (!isObject(value)) return `must be an object of action → command, got ${show(value)}`;
      for (const [action, template] of Object.entries(value)) {
        if (!(NODE_ACTION_IDS as readonly string[]).includes(action)) return `unknown action "${action}" (known: ${NODE_ACTION_IDS.join(', ')})`;
        if (typeof template !== 'string') return `${action}: must be a command line, got ${show(template)}`;
        const error = nodeActionTemplateError(template, action);
        if (error !== null) return `${action}: ${error}`;
      }
      return null;
    }
    case 'dataDirs': {
      if (!isObject(value)) return `must be an object of host → directory, got ${show(value)}`;
      for (const [host, dir] of Object.entries(value)) {
        if (!DATA_DIR_HOST.test(host)) return `bad host "${host}" (a host name, or * for every other host)`;
        if (typeof dir !== 'string' || !dir.startsWith('/')) return `${host}: must be an absolute directory, got ${show(dir)}`;
      }
      return null;
    }
    case 'superDigest': {
      if (!isObject(value)) return `must be an object {user, storePassword?, password?}, got ${show(value)}`;
      for (const key of Object.keys(value)) if (!['user', 'storePassword', 'password'].includes(key)) return `unknown field "${key}" (known: user, storePassword, password)`;
      if (typeof value.user !== 'string' || !SUPER_USER.test(value.user)) return `user: must be a user name without spaces or ':', got ${show(value.user)}`;
      if (value.storePassword !== undefined && typeof value.storePassword !== 'boolean') return `storePassword: must be true or false, got ${show(value.storePassword)}`;
      if (value.password !== undefined) {
        if (typeof value.password !== 'string' || value.password === '') return 'password: must be a non-empty string';
        // A password in the file without the explicit opt-in is refused rather than silently used.
        if (value.storePassword !== true) return 'password: present but storePassword is not true (remove the password, or opt in with "storePassword": true)';
      }
      return null;
    }
    case 'production':
      return typeof value === 'boolean' ? null : `must be true or false, got ${show(value)}`;
    case 'accent':
      return typeof value === 'string' && ((ACCENT_NAMES as readonly string[]).includes(value) || ACCENT_HEX.test(value)) ? null : `must be one of ${ACCENT_NAMES.join(', ')} or #rrggbb, got ${show(value)}`;
    case 'description':
      return typeof value === 'string' && value.length <= 200 && !/[\r\n]/.test(value) ? null : 'must be one line of at most 200 characters';
    default:
      return `unknown field (known: ${PROFILE_FIELDS.join(', ')})`;
  }
}

/** A stored profile checked under its name: the usable profile, or the first problem in one line. */
export function checkProfile(name: string, raw: unknown): ProfileCheck {
  const where = `profile "${name}"`;
  const nameError = profileNameError(name);
  if (nameError !== null) return { ok: false, error: nameError };
  if (!isObject(raw)) return { ok: false, error: `${where}: must be an object, got ${show(raw)}` };
  if (raw.connectString === undefined) return { ok: false, error: `${where}: connectString: missing` };
  for (const [field, value] of Object.entries(raw)) {
    const error = fieldError(field, value);
    if (error !== null) return { ok: false, error: `${where}: ${field}: ${error}` };
  }
  return { ok: true, profile: { name, ...(structuredClone(raw) as unknown as StoredProfile) } };
}

/** The stored form: the profile without its name (the name is the key in the file). */
export function toStored(profile: Profile): StoredProfile {
  const { name: _name, ...stored } = profile;
  return stored;
}
