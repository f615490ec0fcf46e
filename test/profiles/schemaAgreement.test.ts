// conf's JSON schema guards every write; profileCheck/settings give the readable errors. The two
// must agree on what a valid file is, or an edit could pass one and be refused by the other.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/profiles/profileCheck.js';
import { ROOT_SCHEMA, configSchema } from '../../src/profiles/profileSchema.js';
import { checkSettings } from '../../src/profiles/settings.js';
import { useTempXdg } from './helpers.js';

const home = useTempXdg();

function schemaAccepts(doc: unknown): boolean {
  const dir = join(home().root, `schema-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(doc));
  try {
    new Conf({ cwd: dir, schema: configSchema(), rootSchema: ROOT_SCHEMA, accessPropertiesByDotNotation: false, ajvOptions: { useDefaults: false } });
    return true;
  } catch {
    return false;
  }
}

const GOOD_PROFILES: unknown[] = [
  { connectString: 'zk1' },
  { connectString: 'zk1:2181,zk2:2182,[::1]:2183,10.0.0.4:65535/a/b.c' },
  { connectString: 'zk1:2181/' },
  { connectString: 'z', sessionTimeoutMs: 1000, watchHosts: ['zk4', 'zk5:1'], pegasus: { command: 'pegasus_shell', cwd: '/opt' } },
  { connectString: 'z', nodeActions: { stop: "ssh {host} 'echo ${HOME}; awk \"{print $1}\"; echo {{id}}' {clientPort} {id}" } },
  { connectString: 'z', dataDirs: { '*': '/d', 'zk1.example.com': '/e' }, superDigest: { user: 'super', storePassword: true, password: 'x' } },
  { connectString: 'z', nodeActions: { config: 'ssh {host} sudo zk-members {members}', wipe: 'ssh {host} sudo zk-wipe {id}' } },
  { connectString: 'z', superDigest: { user: 'ops', storePassword: false }, production: false, accent: '#ff8800', description: 'd' },
];

const BAD_PROFILES: unknown[] = [
  {},
  { connectString: '' },
  { connectString: 'zk1:99999' },
  { connectString: 'zk1:0' },
  { connectString: 'zk1:02181' },
  { connectString: 'zk1,,zk2' },
  { connectString: 'zk1 zk2' },
  { connectString: 'zk1/a/' },
  { connectString: 'zk1/a//b' },
  { connectString: 'zk1/a/../b' },
  { connectString: 'zk!' },
  { connectString: 'z', sessionTimeoutMs: 999 },
  { connectString: 'z', sessionTimeoutMs: 1000.5 },
  { connectString: 'z', watchHosts: ['zk:70000'] },
  { connectString: 'z', watchHosts: 'zk4' },
  { connectString: 'z', pegasus: { cwd: '/opt' } },
  { connectString: 'z', pegasus: { command: 'x', cwd: 'opt' } },
  { connectString: 'z', pegasus: { command: 'x', env: {} } },
  { connectString: 'z', nodeActions: { stop: 'ssh {hostname}' } },
  { connectString: 'z', nodeActions: { stop: '}}{port}' } },
  { connectString: 'z', nodeActions: { stop: '   ' } },
  { connectString: 'z', nodeActions: { reboot: 'ssh {host} reboot' } },
  { connectString: 'z', nodeActions: { stop: 'ssh {host} stop {members}' } },
  { connectString: 'z', dataDirs: { zk1: 'relative' } },
  { connectString: 'z', dataDirs: { 'zk 1': '/d' } },
  { connectString: 'z', superDigest: { user: 'ops', password: 'x' } },
  { connectString: 'z', superDigest: { user: 'ops', storePassword: false, password: 'x' } },
  { connectString: 'z', superDigest: { user: 'a:b' } },
  { connectString: 'z', superDigest: { password: 'x', storePassword: true } },
  { connectString: 'z', production: 'yes' },
  { connectString: 'z', accent: 'pink' },
  { connectString: 'z', description: 'two\nlines' },
  { connectString: 'z', connectstring: 'typo' },
];

describe('JSON schema and field checks agree', () => {
  it.each(GOOD_PROFILES.map((p) => [JSON.stringify(p), p]))('both accept %s', (_label, profile) => {
    expect(checkProfile('p', profile)).toMatchObject({ ok: true });
    expect(schemaAccepts({ profiles: { p: profile } })).toBe(true);
  });

  it.each(BAD_PROFILES.map((p) => [JSON.stringify(p), p]))('both reject %s', (_label, profile) => {
    expect(checkProfile('p', profile)).toMatchObject({ ok: false });
    expect(schemaAccepts({ profiles: { p: profile } })).toBe(false);
  });

  it('agree on profile names and settings', () => {
    expect(schemaAccepts({ profiles: { 'prod-a.1_x': { connectString: 'z' } } })).toBe(true);
    expect(schemaAccepts({ profiles: { '-bad': { connectString: 'z' } } })).toBe(false);
    expect(checkProfile('-bad', { connectString: 'z' })).toMatchObject({ ok: false });
    const good = { pollIntervalMs: 200, scrollbackLines: 100, historySize: 0, callTimeoutMs: 100, connectTimeoutMs: 600000, sessionsDir: '/s', keyBindings: { 'history.search': ['ctrl+s'], 'help.open': 'f1' } };
    expect(checkSettings(good).problems).toEqual([]);
    expect(schemaAccepts({ settings: good })).toBe(true);
    for (const bad of [{ pollIntervalMs: 199 }, { historySize: -1 }, { sessionsDir: 'rel' }, { keyBindings: { 'help.open': [] } }, { colour: 'red' }]) {
      expect(checkSettings(bad).problems, JSON.stringify(bad)).toHaveLength(1);
      expect(schemaAccepts({ settings: bad }), JSON.stringify(bad)).toBe(false);
    }
    expect(schemaAccepts({ profile: {} })).toBe(false);
    // An action id the keymap dropped is ignored when loading and does not block writes.
    expect(checkSettings({ keyBindings: { 'no.such': 'f1' } }).problems).toEqual(['settings.keyBindings["no.such"]: unknown action (see the F1 help for action names); ignored']);
    expect(schemaAccepts({ settings: { keyBindings: { 'no.such': 'f1' } } })).toBe(true);
  });
});
