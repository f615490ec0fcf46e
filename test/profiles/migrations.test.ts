// The migration mechanism, exercised with a made-up future format (2.0.0 renames `pegasus.command`
// to `pegasus.cmd`), through both paths: in memory for reading, through conf for writing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { confMigrations, migrateDocument, MIGRATIONS, type MigrationStep } from '../../src/profiles/migrations.js';
import type { ConfigDocument } from '../../src/profiles/types.js';
import { useTempXdg } from './helpers.js';

const home = useTempXdg();

const FUTURE: MigrationStep[] = [
  ...MIGRATIONS,
  {
    version: '2.0.0',
    up: (doc) => ({
      ...doc,
      profiles: Object.fromEntries(Object.entries(doc.profiles ?? {}).map(([name, p]) => {
        const { pegasus, ...rest } = p;
        return [name, pegasus ? { ...rest, pegasus: { cmd: pegasus.command } } : rest] as const;
      })) as ConfigDocument['profiles'],
    }),
  },
];

const V1 = { profiles: { a: { connectString: 'zk1', pegasus: { command: './run.sh shell' } } }, __internal__: { migrations: { version: '1.0.0' } } };

describe('config migrations', () => {
  it('brings a document up to the target version in memory', () => {
    expect(migrateDocument(V1 as ConfigDocument, FUTURE, '2.0.0').profiles).toEqual({ a: { connectString: 'zk1', pegasus: { cmd: './run.sh shell' } } });
    expect(migrateDocument(V1 as ConfigDocument, FUTURE, '1.0.0')).toEqual(V1);
    const v2 = { ...V1, __internal__: { migrations: { version: '2.0.0' } } };
    expect(migrateDocument(v2 as ConfigDocument, FUTURE, '2.0.0')).toEqual(v2);
  });

  it('runs the same steps through conf, which records the version in the file', () => {
    const dir = join(home().root, 'conf');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify(V1));
    new Conf<ConfigDocument>({ cwd: dir, projectVersion: '2.0.0', migrations: confMigrations(FUTURE), accessPropertiesByDotNotation: false });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { a: { connectString: 'zk1', pegasus: { cmd: './run.sh shell' } } },
      __internal__: { migrations: { version: '2.0.0' } },
    });
  });
});
