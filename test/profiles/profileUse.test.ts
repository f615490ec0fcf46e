import { describe, expect, it } from 'vitest';
import { profileColourAccent } from '../../src/profiles/accent.js';
import { splitCommandLine } from '../../src/profiles/commandLine.js';
import { dataDirFor, nodeActionCommand, pegasusShellSpawn } from '../../src/profiles/profileUse.js';
import type { Profile } from '../../src/profiles/types.js';

const profile: Profile = {
  name: 'prod-a',
  connectString: 'zk1:2181,zk2:2181,zk3:2181',
  pegasus: { command: `./run.sh shell --cluster "10.0.0.1:34601,10.0.0.2:34601" --name 'prod a'`, cwd: '/opt/pegasus' },
  nodeActions: { restart: 'ssh {host} sudo systemctl restart zookeeper' },
  dataDirs: { zk1: '/data/zk1', '*': '/var/lib/zookeeper' },
};

describe('using a profile', () => {
  it('builds the node-action command for a server, or null when not configured', () => {
    expect(nodeActionCommand(profile, 'restart', { host: 'zk2', id: 2, clientPort: 2181 })).toBe('ssh zk2 sudo systemctl restart zookeeper');
    expect(nodeActionCommand(profile, 'stop', { host: 'zk2', id: 2, clientPort: 2181 })).toBeNull();
  });

  it('finds a host dataDir, falling back to *', () => {
    expect(dataDirFor(profile, 'zk1')).toBe('/data/zk1');
    expect(dataDirFor(profile, 'zk3')).toBe('/var/lib/zookeeper');
    expect(dataDirFor({ name: 'x', connectString: 'z' }, 'zk3')).toBeNull();
  });

  it('splits the Pegasus shell command line as a shell would', () => {
    expect(pegasusShellSpawn(profile)).toEqual({ argv: ['./run.sh', 'shell', '--cluster', '10.0.0.1:34601,10.0.0.2:34601', '--name', 'prod a'], cwd: '/opt/pegasus' });
    expect(pegasusShellSpawn({ name: 'x', connectString: 'z' })).toBeNull();
    expect(splitCommandLine(String.raw`a\ b "c\"d" ''`)).toEqual({ ok: true, argv: ['a b', 'c"d', ''] });
    expect(splitCommandLine('a "b')).toEqual({ ok: false, error: 'unclosed double quote in command line' });
  });

  it('paints production red with a PROD badge, honours an explicit accent, and leaves others plain', () => {
    expect(profileColourAccent({ name: 'prod-a', production: true })).toEqual({ colour: 'red', production: true, badge: 'PROD prod-a' });
    expect(profileColourAccent({ name: 'prod-a', production: true, accent: 'magenta' })).toEqual({ colour: 'magenta', production: true, badge: 'PROD prod-a' });
    expect(profileColourAccent({ name: 'stage', accent: 'yellow' })).toEqual({ colour: 'yellow', production: false, badge: 'stage' });
    expect(profileColourAccent({ name: 'dev' })).toBeNull();
  });
});
