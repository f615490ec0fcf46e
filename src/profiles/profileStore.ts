// The config file on disk: where it lives and the one way to change it. Changes go through conf
// (JSON schema validation, migrations, atomic writes with mode 0600); reading for startup goes
// through loadProfiles, which never writes and never throws.
import { mkdirSync } from 'node:fs';
import Conf from 'conf';
import { configDir, configFilePath } from './configPath.js';
import { confErrorPath, fileProblem, firstConfError, problemAt, readRawConfig } from './corruptConfig.js';
import { checkDocument } from './documentCheck.js';
import { CONFIG_SCHEMA_VERSION, confMigrations } from './migrations.js';
import { ROOT_SCHEMA, configSchema } from './profileSchema.js';
import type { ConfigDocument, StoredProfile } from './types.js';

/** A change that could not be made; the message is one line with the file path. Nothing was written. */
export class ProfileStoreError extends Error {}

export class ProfileStore {
  private constructor(private conf: Conf<ConfigDocument> | null) {}

  /**
   * Opens the file for a change. A file that is not valid (bad JSON, schema violation, newer
   * version) is refused rather than overwritten: the operator's hand edits are never lost.
   * Without a file, nothing is created until the first save (a refused `add` leaves no file).
   */
  static open(): ProfileStore {
    const path = configFilePath();
    const raw = readRawConfig(path);
    if (raw.kind === 'unusable') throw new ProfileStoreError(`${raw.problem} — fix or move the file, nothing was changed`);
    if (raw.kind === 'missing') return new ProfileStore(null);
    try {
      return new ProfileStore(openConf());
    } catch (e) {
      // Prefer our readable line about the same place to ajv's wording.
      const where = confErrorPath(e);
      const ours = where ? problemAt(checkDocument(raw.doc).problems, where) : undefined;
      throw new ProfileStoreError(`${fileProblem(path, ours ?? firstConfError(e))} — fix or move the file, nothing was changed`);
    }
  }

  get path(): string {
    return configFilePath();
  }

  profiles(): Record<string, StoredProfile> {
    return { ...(this.conf?.get('profiles') ?? {}) };
  }

  /** Replaces the whole profile map in one atomic write; a schema violation writes nothing. */
  saveProfiles(next: Record<string, StoredProfile>): void {
    try {
      this.conf ??= openConf();
      this.conf.set('profiles', next);
    } catch (e) {
      throw new ProfileStoreError(fileProblem(this.path, `${firstConfError(e)} — nothing was changed`));
    }
  }
}

function openConf(): Conf<ConfigDocument> {
  // The profile directory may hold secrets: only the owner may list it.
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  return new Conf<ConfigDocument>({
    projectName: 'zkpilot',
    cwd: configDir(),
    configName: 'config',
    configFileMode: 0o600,
    schema: configSchema(),
    rootSchema: ROOT_SCHEMA,
    projectVersion: CONFIG_SCHEMA_VERSION,
    migrations: confMigrations(),
    accessPropertiesByDotNotation: false,
    // conf's default would inject schema defaults into the file; settings.ts owns defaults.
    ajvOptions: { useDefaults: false },
  });
}
