import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles, resolveCluster } from '../../src/profiles/loadProfiles.js';
import { configFilePath } from '../../src/profiles/configPath.js';
import { cli, configJson, configText, useTempXdg } from './helpers.js';

const home = useTempXdg();

const EVERY_FIELD = [
  'add', 'prod-a',
  '--server', 'zk1:2181,zk2:2181,zk3:2181/pegasus',
  '--session-timeout', '40000',
  '--watch', 'zk4:2181', '--watch', 'zk5:2182,zk6',
  '--pegasus-shell', "./run.sh shell --cluster '10.0.0.1:34601,10.0.0.2:34601'",
  '--pegasus-cwd', '/opt/pegasus',
  '--node-action', 'start=ssh {host} sudo systemctl start zookeeper',
  '--node-action', 'stop=ssh {host} sudo systemctl stop zookeeper',
  '--node-action=restart=ssh {host} sudo systemctl restart zookeeper',
  '--node-action', "status=echo srvr | nc {host} {clientPort} # myid {id}",
  '--data-dir', 'zk1=/data/zk1', '--data-dir', '*=/var/lib/zookeeper',
  '--super-user', 'ops',
  '--production',
  '--accent', 'magenta',
  '--description', 'Pegasus prod, region A',
];

const EVERY_FIELD_STORED = {
  connectString: 'zk1:2181,zk2:2181,zk3:2181/pegasus',
  sessionTimeoutMs: 40000,
  watchHosts: ['zk4:2181', 'zk5:2182', 'zk6'],
  pegasus: { command: "./run.sh shell --cluster '10.0.0.1:34601,10.0.0.2:34601'", cwd: '/opt/pegasus' },
  nodeActions: {
    start: 'ssh {host} sudo systemctl start zookeeper',
    stop: 'ssh {host} sudo systemctl stop zookeeper',
    restart: 'ssh {host} sudo systemctl restart zookeeper',
    status: 'echo srvr | nc {host} {clientPort} # myid {id}',
  },
  dataDirs: { zk1: '/data/zk1', '*': '/var/lib/zookeeper' },
  superDigest: { user: 'ops' },
  production: true,
  accent: 'magenta',
  description: 'Pegasus prod, region A',
};

describe('profile add / show / list', () => {
  it('round-trips every field through the file, loadProfiles and export → import', async () => {
    const added = await cli(EVERY_FIELD);
    expect(added).toMatchObject({ code: 0, stderr: '', asked: [] });
    expect(added.stdout).toBe(`profile "prod-a" added (${configFilePath()})\n`);
    expect(configFilePath()).toBe(`${home().configHome}/zkpilot/config.json`);
    expect(configJson().profiles['prod-a']).toEqual(EVERY_FIELD_STORED);
    expect(resolveCluster('prod-a')).toEqual({ ok: true, profile: { name: 'prod-a', ...EVERY_FIELD_STORED } });

    const exported = await cli(['export', 'prod-a']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ profiles: { 'prod-a': EVERY_FIELD_STORED } });
    expect((await cli(['rm', 'prod-a'])).code).toBe(0);
    expect(loadProfiles().profiles).toEqual([]);

    const file = `${home().root}/export.json`;
    writeFileSync(file, exported.stdout);
    expect(await cli(['import', file])).toMatchObject({ code: 0, stdout: 'imported 1 profile(s): prod-a\n' });
    expect(configJson().profiles['prod-a']).toEqual(EVERY_FIELD_STORED);
  });

  it('writes the file with mode 0600 in a 0700 directory, as $XDG_CONFIG_HOME/zkpilot/config.json', async () => {
    await cli(['add', 'a', '--server', 'localhost:2181']);
    expect(statSync(configFilePath()).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(configFilePath())).mode & 0o777).toBe(0o700);
    expect(configJson().__internal__).toEqual({ migrations: { version: '1.0.0' } });
  });

  it('shows a profile in full and lists all of them', async () => {
    await cli(EVERY_FIELD);
    await cli(['add', 'stage', '--server', 'szk1:2181', '--description', 'staging']);
    const shown = await cli(['show', 'prod-a']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        'prod-a  [PROD]',
        '  connect string   zk1:2181,zk2:2181,zk3:2181/pegasus',
        '  session timeout  40000 ms',
        '  watch hosts      zk4:2181, zk5:2182, zk6',
        "  pegasus shell    ./run.sh shell --cluster '10.0.0.1:34601,10.0.0.2:34601'",
        '  pegasus cwd      /opt/pegasus',
        '  node actions     start    ssh {host} sudo systemctl start zookeeper',
        '                   stop     ssh {host} sudo systemctl stop zookeeper',
        '                   restart  ssh {host} sudo systemctl restart zookeeper',
        '                   status   echo srvr | nc {host} {clientPort} # myid {id}',
        '  data dirs        zk1 /data/zk1',
        '                   *   /var/lib/zookeeper',
        '  super digest     ops, password asked when needed',
        '  production       yes',
        '  accent           magenta',
        '  description      Pegasus prod, region A',
        '',
      ].join('\n'),
    );
    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')).toEqual([
      'NAME    CONNECT STRING                      NOTES',
      'prod-a  zk1:2181,zk2:2181,zk3:2181/pegasus  PROD; super-digest ops, password asked when needed; Pegasus prod, region A',
      'stage   szk1:2181                           staging',
      '',
    ]);
  });

  it('creates no file when the first add is refused', async () => {
    expect((await cli(['add', 'a', '--server', 'zk1:0'])).code).toBe(1);
    expect(existsSync(configFilePath())).toBe(false);
    expect(existsSync(dirname(configFilePath()))).toBe(false);
  });

  it('refuses a duplicate name, a bad name and a missing --server', async () => {
    await cli(['add', 'a', '--server', 'zk1']);
    expect(await cli(['add', 'a', '--server', 'zk2'])).toMatchObject({ code: 1, stderr: 'zkpilot profile: profile "a" already exists (change it with zkpilot profile edit a …)\n' });
    expect((await cli(['add', 'a b', '--server', 'zk2'])).stderr).toMatch(/^zkpilot profile: bad profile name "a b"/);
    expect(await cli(['add', 'b'])).toMatchObject({ code: 2, stderr: 'zkpilot profile: profile add needs --server host:port[,host:port…][/chroot]\n' });
    expect(await cli(['add', 'b', '--server', 'zk1', '--bogus'])).toMatchObject({ code: 2, stderr: 'zkpilot profile: unknown option --bogus (see zkpilot profile --help)\n' });
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it.each([
    [['--server', 'zk1:99999'], 'profile "b": connectString: bad server "zk1:99999": port must be a number 1..65535, got "99999"'],
    [['--server', 'zk1,,zk2'], 'profile "b": connectString: bad connect string "zk1,,zk2": empty server between commas'],
    [['--server', 'zk1', '--node-action', 'stop=ssh {hostname} stop'], 'profile "b": nodeActions: stop: unknown placeholder {hostname} (known: {host}, {id}, {clientPort}; write {{ }} for literal braces)'],
    [['--server', 'zk1', '--node-action', 'reboot=ssh {host} reboot'], 'profile "b": nodeActions: unknown action "reboot" (known: start, stop, restart, status, config, wipe, upgrade)'],
    [['--server', 'zk1', '--watch', 'zk9:0'], 'profile "b": watchHosts: bad server "zk9:0": port must be a number 1..65535, got "0"'],
    [['--server', 'zk1', '--session-timeout', '10'], 'profile "b": sessionTimeoutMs: must be a whole number of milliseconds 1000..600000, got 10'],
    [['--server', 'zk1', '--pegasus-shell', "./run.sh 'shell"], 'profile "b": pegasus: command: unclosed single quote in command line'],
    [['--server', 'zk1', '--pegasus-cwd', '/opt/pegasus'], 'profile "b": pegasus: command: missing (the Pegasus shell command line)'],
    [['--server', 'zk1', '--pegasus-shell', './run.sh shell', '--pegasus-cwd', 'rel/dir'], 'profile "b": pegasus: cwd: must be an absolute directory, got "rel/dir"'],
    [['--server', 'zk1', '--data-dir', 'zk1=data'], 'profile "b": dataDirs: zk1: must be an absolute directory, got "data"'],
    [['--server', 'zk1', '--accent', 'pink'], 'profile "b": accent: must be one of red, yellow, green, blue, magenta, cyan, white, gray or #rrggbb, got "pink"'],
    [['--server', 'zk1', '--super-user', 'a:b'], 'profile "b": superDigest: user: must be a user name without spaces or \':\', got "a:b"'],
  ])('rejects %j with one line, writing nothing', async (flags, error) => {
    await cli(['add', 'a', '--server', 'zk1']);
    const before = configText();
    const run = await cli(['add', 'b', ...flags]);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: `zkpilot profile: ${error}\n` });
    expect(configText()).toBe(before);
  });
});

describe('profile edit / rm', () => {
  it('changes, removes and unsets fields with the add flags', async () => {
    await cli(EVERY_FIELD);
    const edited = await cli([
      'edit', 'prod-a', '--server', 'zk1:2181,zk2:2181,zk3:2181,zk4:2181/pegasus', '--node-action', 'status=', '--data-dir', 'zk1=',
      '--data-dir', 'zk4=/data/zk4', '--no-production', '--unset', 'accent', '--unset', 'watch', '--session-timeout', '30000',
    ]);
    expect(edited).toMatchObject({ code: 0, stdout: `profile "prod-a" updated (${configFilePath()})\n` });
    const { status: _s, ...actions } = EVERY_FIELD_STORED.nodeActions;
    expect(configJson().profiles['prod-a']).toEqual({
      connectString: 'zk1:2181,zk2:2181,zk3:2181,zk4:2181/pegasus',
      sessionTimeoutMs: 30000,
      pegasus: EVERY_FIELD_STORED.pegasus,
      nodeActions: actions,
      dataDirs: { '*': '/var/lib/zookeeper', zk4: '/data/zk4' },
      superDigest: { user: 'ops' },
      description: 'Pegasus prod, region A',
    });
    await cli(['edit', 'prod-a', '--unset', 'pegasus', '--unset', 'node-actions', '--unset', 'data-dirs', '--unset', 'super-user', '--unset', 'description', '--unset', 'session-timeout']);
    expect(configJson().profiles['prod-a']).toEqual({ connectString: 'zk1:2181,zk2:2181,zk3:2181,zk4:2181/pegasus' });
  });

  it('refuses to edit or remove an unknown profile, and edit without options off a terminal', async () => {
    expect(await cli(['edit', 'nope', '--server', 'zk1'])).toMatchObject({ code: 1, stderr: 'zkpilot profile: no profile "nope" (create it with zkpilot profile add nope --server …)\n' });
    expect(await cli(['rm', 'nope'])).toMatchObject({ code: 1, stderr: 'zkpilot profile: no profile "nope"\n' });
    await cli(['add', 'a', '--server', 'zk1']);
    expect(await cli(['edit', 'a'])).toMatchObject({ code: 2, stderr: 'zkpilot profile: profile edit a needs options (e.g. --server …); see zkpilot profile --help\n' });
    expect(await cli(['rm', 'a'])).toMatchObject({ code: 0, stdout: 'profile "a" removed\n' });
    expect(configJson().profiles).toEqual({});
  });
});

describe('profile path / settings / list on a broken file', () => {
  it('prints the config path and the effective settings with their problems', async () => {
    expect(await cli(['path'])).toMatchObject({ code: 0, stdout: `${configFilePath()}\n` });
    await cli(['add', 'a', '--server', 'zk1']);
    const doc = configJson();
    doc.settings = { pollIntervalMs: 5, historySize: 10, keyBindings: { 'history.search': 'ctrl+s' } };
    writeFileSync(configFilePath(), JSON.stringify(doc));
    const run = await cli(['settings']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`zkpilot profile: ${configFilePath()}: settings.pollIntervalMs: must be a whole number 200..60000, got 5; default 1000 kept\n`);
    expect(run.stdout).toContain('pollIntervalMs    1000\n');
    expect(run.stdout).toContain('historySize       10\n');
    expect(run.stdout).toContain(`sessionsDir       ${home().dataHome}/zkpilot/sessions\n`);
    expect(run.stdout).toContain('  history.search        ctrl+s\n');
  });

  it('lists nothing but the problem when the file is not JSON', async () => {
    mkdirSync(dirname(configFilePath()), { recursive: true });
    writeFileSync(configFilePath(), '{oops');
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^zkpilot profile: .*config\.json: not valid JSON: [^\n]*\n$/);
    expect((await cli(['show', 'a'])).stderr).toMatch(/^zkpilot profile: .*config\.json: not valid JSON: [^\n]*\n$/);
  });
});
