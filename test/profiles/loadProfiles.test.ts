// Startup reading of a hand-edited or corrupt file: never throws, keeps what is good, says what
// is wrong in one line naming the file, and leaves the file as it was.
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles, resolveCluster, resolveConnectArgument } from '../../src/profiles/loadProfiles.js';
import { configFilePath } from '../../src/profiles/configPath.js';
import { defaultSettings } from '../../src/profiles/settings.js';
import { cli, useTempXdg } from './helpers.js';

const home = useTempXdg();

function writeConfig(text: string): string {
  const path = configFilePath();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('loadProfiles', () => {
  it('gives defaults and no problem without a file, and does not create one', () => {
    const loaded = loadProfiles();
    expect(loaded).toMatchObject({ profiles: [], problems: [], path: configFilePath() });
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings).toEqual({ ...defaultSettings(), sessionsDir: join(home().dataHome, 'zkpilot', 'sessions') });
    expect(existsSync(configFilePath())).toBe(false);
  });

  it('turns a corrupt JSON file into defaults plus one line naming the path', () => {
    const path = writeConfig('{"profiles": {"a": {"connectString": "zk1:2181"},}}');
    const loaded = loadProfiles();
    expect(loaded.profiles).toEqual([]);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problem).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: .+`));
    expect(loaded.problem).not.toContain('\n');
    expect(readFileSync(path, 'utf8')).toBe('{"profiles": {"a": {"connectString": "zk1:2181"},}}');
    expect(resolveCluster('a')).toEqual({ ok: false, error: `zkpilot: no cluster profile "a": ${loaded.problem}` });
  });

  it('reports an unreadable file and a non-object file', () => {
    const path = writeConfig('[1, 2]');
    expect(loadProfiles().problem).toBe(`${path}: must hold a JSON object {"profiles": {…}, "settings": {…}}`);
    writeConfig('{}');
    chmodSync(path, 0o000);
    const unreadable = loadProfiles();
    chmodSync(path, 0o600);
    // root can read anything; everyone else gets EACCES.
    if (process.getuid?.() !== 0) expect(unreadable.problem).toBe(`${path}: cannot read (EACCES)`);
  });

  it('keeps good profiles and settings when one profile or setting is bad, naming the first', () => {
    const path = writeConfig(JSON.stringify({
      profiles: {
        good: { connectString: 'zk1:2181' },
        bad: { connectString: 'zk1:2181', nodeActions: { stop: 'ssh {hostname} stop' } },
        typo: { connectstring: 'zk1:2181' },
      },
      settings: { pollIntervalMs: 50, historySize: 500, keyBindings: { 'history.search': 'ctrl+rr', 'help.open': 'f2' } },
    }));
    const loaded = loadProfiles();
    expect(loaded.profiles.map((p) => p.name)).toEqual(['good']);
    expect(loaded.problems).toEqual([
      `${path}: profile "bad": nodeActions: stop: unknown placeholder {hostname} (known: {host}, {id}, {clientPort}; write {{ }} for literal braces)`,
      `${path}: profile "typo": connectString: missing`,
      `${path}: settings.pollIntervalMs: must be a whole number 200..60000, got 50; default 1000 kept`,
      `${path}: settings.keyBindings["history.search"]: "ctrl+rr" is not a key: expected a named key (enter, tab, esc, up, pageup, …), f1..f12 or one character, with ctrl+/alt+/shift+ in front; default kept`,
    ]);
    expect(loaded.problem).toBe(`${loaded.problems[0]} (and 3 more)`);
    expect(loaded.settings).toMatchObject({ pollIntervalMs: 1000, historySize: 500, keyBindings: { 'help.open': ['f2'] } });
    expect(loaded.settings.keyBindings['history.search']).toBeUndefined();
    expect(resolveCluster('bad')).toEqual({ ok: false, error: `zkpilot: cluster profile "bad" cannot be used: ${loaded.problems[0]}` });
    expect(resolveCluster('good')).toEqual({ ok: true, profile: { name: 'good', connectString: 'zk1:2181' } });
    expect(resolveCluster('nope')).toEqual({ ok: false, error: 'zkpilot: no cluster profile "nope" (known: good)' });
  });

  it('refuses to write over a broken file, and leaves it untouched', async () => {
    const text = JSON.stringify({ profiles: { a: { connectString: 'zk1:99999' } } });
    const path = writeConfig(text);
    const run = await cli(['add', 'b', '--server', 'zk2']);
    expect(run).toMatchObject({
      code: 1,
      stderr: `zkpilot profile: ${path}: profile "a": connectString: bad server "zk1:99999": port must be a number 1..65535, got "99999" — fix or move the file, nothing was changed\n`,
    });
    writeConfig('not json');
    expect((await cli(['rm', 'a'])).stderr).toMatch(/^zkpilot profile: .*config\.json: not valid JSON: .* — fix or move the file, nothing was changed\n$/);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });

  it('names the problem conf refused, not an earlier one only our checks see', async () => {
    const path = writeConfig(JSON.stringify({
      profiles: { a: { connectString: 'zk1', pegasus: { command: "./run.sh 'shell" } } },
      settings: { pollIntervalMs: 5, keyBindings: { 'gone.action': 'f9' } },
    }));
    expect(loadProfiles().problems[0]).toBe(`${path}: profile "a": pegasus: command: unclosed single quote in command line`);
    expect((await cli(['add', 'b', '--server', 'zk2'])).stderr).toBe(
      `zkpilot profile: ${path}: settings.pollIntervalMs: must be a whole number 200..60000, got 5; default 1000 kept — fix or move the file, nothing was changed\n`,
    );
  });

  it('refuses a file written by a newer zkpilot', async () => {
    const path = writeConfig(JSON.stringify({ profiles: {}, __internal__: { migrations: { version: '2.0.0' } } }));
    expect(loadProfiles().problem).toBe(`${path}: written by a newer zkpilot (config version 2.0.0; this one reads up to 1.0.0)`);
    expect((await cli(['add', 'a', '--server', 'zk1'])).code).toBe(1);
  });

  it('reads a hand-written file without a version and stamps the version on the next write', async () => {
    const path = writeConfig(JSON.stringify({ profiles: { a: { connectString: 'zk1' } } }));
    expect(loadProfiles().profiles).toEqual([{ name: 'a', connectString: 'zk1' }]);
    await cli(['add', 'b', '--server', 'zk2']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      profiles: { a: { connectString: 'zk1' }, b: { connectString: 'zk2' } },
      __internal__: { migrations: { version: '1.0.0' } },
    });
  });

  it('tells a connect argument that names a profile from a connect string', async () => {
    await cli(['add', 'zk1', '--server', 'zk1:2181,zk2:2181']);
    expect(resolveConnectArgument('zk1')).toMatchObject({ kind: 'profile', profile: { connectString: 'zk1:2181,zk2:2181' } });
    expect(resolveConnectArgument('zk3:2181/app')).toEqual({ kind: 'connectString', connectString: 'zk3:2181/app' });
    expect(resolveConnectArgument('zk3:0')).toEqual({ kind: 'error', error: 'bad server "zk3:0": port must be a number 1..65535, got "0"' });
  });

  it('follows XDG_CONFIG_HOME, and ~/.config when it is unset', () => {
    expect(configFilePath()).toBe(join(home().configHome, 'zkpilot', 'config.json'));
    delete process.env.XDG_CONFIG_HOME;
    expect(configFilePath()).toBe(join(homedir(), '.config', 'zkpilot', 'config.json'));
  });
});
