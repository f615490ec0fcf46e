// The JSON schema conf enforces on every read and write of the config file. It mirrors the
// field checks of profileCheck.ts/settings.ts as far as JSON schema can express them; the
// schema-agreement tests keep the two in step.
import type { Schema } from 'conf';
import { NUMERIC_SETTINGS } from './settings.js';
import { ACCENT_NAMES, NODE_ACTION_IDS, type ConfigDocument } from './types.js';
import { PROFILE_NAME, SESSION_TIMEOUT_RANGE } from './profileCheck.js';

type JsonSchema = Schema<ConfigDocument>[keyof ConfigDocument];

const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)`;
const PORT = String.raw`(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))`;
const SERVER = `${HOST}${PORT}?`;
// `/` alone means no chroot; otherwise segments that are not `.`/`..`, no trailing slash.
const CHROOT = String.raw`(?:/|(?:/(?!\.{1,2}(?:/|$))[^/\u0000-\u001f\u007f-\u009f]+)+)?`;
export const CONNECT_STRING_PATTERN = `^${SERVER}(?:,${SERVER})*${CHROOT}$`;
export const SERVER_PATTERN = `^${SERVER}$`;
// Literal text, {{ }}, ${VAR}, or one of the known placeholders; any other {word} is refused.
const templatePattern = (names: string) => String.raw`^(?:\{\{|\$\{|\{(?:${names})\}|\{(?![A-Za-z_][A-Za-z0-9_]*\})|[^{])*$`;
export const TEMPLATE_PATTERN = templatePattern('host|id|clientPort');
/** A config template may also write the server lines: {members}. */
export const CONFIG_TEMPLATE_PATTERN = templatePattern('host|id|clientPort|members');
/** An upgrade template also gets the target version: {version}. */
export const UPGRADE_TEMPLATE_PATTERN = templatePattern('host|id|clientPort|version');
const templatePatternOf = (id: string) => (id === 'config' ? CONFIG_TEMPLATE_PATTERN : id === 'upgrade' ? UPGRADE_TEMPLATE_PATTERN : TEMPLATE_PATTERN);

const absoluteDir = { type: 'string', pattern: '^/' } as const;

const profileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['connectString'],
  properties: {
    connectString: { type: 'string', pattern: CONNECT_STRING_PATTERN },
    sessionTimeoutMs: { type: 'integer', minimum: SESSION_TIMEOUT_RANGE.min, maximum: SESSION_TIMEOUT_RANGE.max },
    watchHosts: { type: 'array', items: { type: 'string', pattern: SERVER_PATTERN } },
    pegasus: {
      type: 'object',
      additionalProperties: false,
      required: ['command'],
      properties: { command: { type: 'string', pattern: String.raw`\S` }, cwd: absoluteDir },
    },
    nodeActions: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        NODE_ACTION_IDS.map((id) => [id, { type: 'string', allOf: [{ pattern: templatePatternOf(id) }, { pattern: String.raw`\S` }] }]),
      ),
    },
    dataDirs: {
      type: 'object',
      propertyNames: { pattern: String.raw`^(\*|[A-Za-z0-9_.:\[\]-]+)$` },
      additionalProperties: absoluteDir,
    },
    superDigest: {
      type: 'object',
      additionalProperties: false,
      required: ['user'],
      properties: {
        user: { type: 'string', pattern: String.raw`^[^\s:]+$` },
        storePassword: { type: 'boolean' },
        password: { type: 'string', minLength: 1 },
      },
      // The password may only be in the file after the explicit opt-in.
      dependentSchemas: { password: { required: ['storePassword'], properties: { storePassword: { const: true } } } },
    },
    production: { type: 'boolean' },
    accent: { anyOf: [{ enum: [...ACCENT_NAMES] }, { type: 'string', pattern: '^#[0-9A-Fa-f]{6}$' }] },
    description: { type: 'string', maxLength: 200, pattern: String.raw`^[^\r\n]*$` },
  },
} as const;

const numericSettings = Object.fromEntries(
  Object.entries(NUMERIC_SETTINGS).map(([key, rule]) => [key, { type: 'integer', minimum: rule.min, maximum: rule.max }]),
);

/**
 * Key-binding action ids are only checked for their shape here: an id the keymap no longer knows
 * (after an upgrade) is ignored with a warning when loading, and must not block profile changes.
 */
export function configSchema(): Schema<ConfigDocument> {
  const keyList = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] };
  return {
    profiles: {
      type: 'object',
      propertyNames: { pattern: PROFILE_NAME.source },
      additionalProperties: profileSchema,
    } as JsonSchema,
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...numericSettings,
        sessionsDir: { type: 'string', pattern: '^(/|~/|~$)' },
        keyBindings: { type: 'object', propertyNames: { pattern: '^[A-Za-z]+(\\.[A-Za-z]+)*$' }, additionalProperties: keyList },
      },
    } as JsonSchema,
    __internal__: { type: 'object' },
  };
}

/** Top level: only our three keys, so a typo such as `profile` is caught instead of ignored. */
export const ROOT_SCHEMA = { additionalProperties: false } as const;
