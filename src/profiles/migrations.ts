// Schema versions of the config file. A migration is a pure function over the parsed document,
// so the read-only loader and conf (which persists the result on the next write) apply the same
// steps. To change the file format: bump CONFIG_SCHEMA_VERSION and append a step that rewrites
// documents of the previous version; never edit a released step.
import type Conf from 'conf';
import type { ConfigDocument } from './types.js';

export const CONFIG_SCHEMA_VERSION = '1.0.0';

export interface MigrationStep {
  version: string;
  /** Rewrites a document of the previous version into this version's shape. */
  up(doc: ConfigDocument): ConfigDocument;
}

export const MIGRATIONS: readonly MigrationStep[] = [
  // 1.0.0: the first format. Files written by hand without a version are read as 1.0.0.
  { version: '1.0.0', up: (doc) => doc },
];

/** x.y.z compare; anything unparsable counts as 0.0.0 (a hand-written file). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : [0, 0, 0]);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export function documentVersion(doc: ConfigDocument): string {
  return doc.__internal__?.migrations?.version ?? '0.0.0';
}

/** The document brought up to CONFIG_SCHEMA_VERSION in memory (the file is not touched). */
export function migrateDocument(doc: ConfigDocument, steps: readonly MigrationStep[] = MIGRATIONS, target = CONFIG_SCHEMA_VERSION): ConfigDocument {
  const from = documentVersion(doc);
  let out = doc;
  for (const step of steps) {
    if (compareVersions(step.version, from) > 0 && compareVersions(step.version, target) <= 0) out = step.up(out);
  }
  return out;
}

/** The same steps in conf's form (conf records the version reached in `__internal__`). */
export function confMigrations(steps: readonly MigrationStep[] = MIGRATIONS): Record<string, (store: Conf<ConfigDocument>) => void> {
  return Object.fromEntries(
    steps.map((step) => [
      step.version,
      (store: Conf<ConfigDocument>) => {
        const { __internal__: _internal, ...rest } = store.store;
        const next = step.up(rest as ConfigDocument);
        for (const key of ['profiles', 'settings'] as const) {
          if (next[key] === undefined) store.delete(key);
          else store.set(key, next[key]);
        }
      },
    ]),
  );
}
