import { describe, expect, it } from 'vitest';
import {
  configVersionToNumber,
  DynamicConfigError,
  formatClientConfig,
  formatDynamicConfig,
  formatServerSpec,
  javaPropertiesOrder,
  parseClientConfig,
  parseDynamicConfig,
  parseServerLine,
  serverLineError,
  serverSpecToClientAddress,
} from '../../src/zk/dynamicConfig.js';

const GOLDEN_CONFIG = [
  'server.2=127.0.0.1:13002:14002:participant;127.0.0.1:12182',
  'server.3=127.0.0.1:13003:14003:participant;127.0.0.1:12183',
  'server.4=127.0.0.1:13004:14004:participant;127.0.0.1:12184',
  'version=100000005',
].join('\n');

describe('parseDynamicConfig', () => {
  it('parses zkCli\'s golden `config` output', () => {
    const config = parseDynamicConfig(GOLDEN_CONFIG);
    expect(config.version).toBe('100000005');
    expect(config.servers).toEqual([
      { id: 2, host: '127.0.0.1', quorumPort: 13002, electionPort: 14002, role: 'participant', extraAddresses: [], clientHost: '127.0.0.1', clientPort: 12182 },
      { id: 3, host: '127.0.0.1', quorumPort: 13003, electionPort: 14003, role: 'participant', extraAddresses: [], clientHost: '127.0.0.1', clientPort: 12183 },
      { id: 4, host: '127.0.0.1', quorumPort: 13004, electionPort: 14004, role: 'participant', extraAddresses: [], clientHost: '127.0.0.1', clientPort: 12184 },
    ]);
    expect(formatDynamicConfig(config)).toBe(GOLDEN_CONFIG);
  });

  it('handles an empty (standalone) config', () => {
    expect(parseDynamicConfig('')).toEqual({ servers: [], version: null });
  });

  it('reads observers, bare client ports, no client part, IPv6 and multi-address', () => {
    const config = parseDynamicConfig(
      [
        'server.3=127.0.0.1:31283:31383:observer;127.0.0.1:31183',
        'server.5=zk5:2888:3888;2181',
        'server.6=zk6:2888:3888:participant',
        'server.7=[::1]:2888:3888:participant;[::1]:2181',
        'server.8=a:1:2|b:3:4:participant;2181',
        'group.1=1:2:3',
        'version=200000006',
      ].join('\n'),
    );
    const [s3, s5, s6, s7, s8] = config.servers;
    expect(s3).toMatchObject({ id: 3, role: 'observer', clientHost: '127.0.0.1', clientPort: 31183 });
    expect(s5).toMatchObject({ id: 5, host: 'zk5', role: 'participant', clientHost: null, clientPort: 2181 });
    expect(s6).toMatchObject({ id: 6, clientHost: null, clientPort: null });
    expect(s7).toMatchObject({ host: '::1', clientHost: '::1', clientPort: 2181 });
    expect(s8).toMatchObject({ host: 'a', quorumPort: 1, electionPort: 2, extraAddresses: [{ host: 'b', quorumPort: 3, electionPort: 4 }] });
    expect(formatServerSpec(s5!)).toBe('server.5=zk5:2888:3888:participant;2181');
    expect(formatServerSpec(s6!)).toBe('server.6=zk6:2888:3888:participant');
    expect(formatServerSpec(s7!)).toBe('server.7=[::1]:2888:3888:participant;[::1]:2181');
    expect(formatServerSpec(s8!)).toBe('server.8=a:1:2|b:3:4:participant;2181');
    expect(config.version).toBe('200000006');
  });
});

describe('server lines (reconfig arguments)', () => {
  it('accepts server.N= and the short N= form', () => {
    expect(parseServerLine('server.4=127.0.0.1:2888:3888:participant;127.0.0.1:2181').id).toBe(4);
    expect(parseServerLine('5=127.0.0.1:1:2').id).toBe(5);
  });

  it('explains bad specs', () => {
    expect(serverLineError('server.4=127.0.0.1:2888:3888:participant;127.0.0.1:2181')).toBeNull();
    expect(serverLineError('server.4=127.0.0.1:2888')).toContain('does not have the form server_config or server_config;client_config');
    expect(serverLineError('server.4=127.0.0.1:2888:3888:voter;2181')).toBe('Unrecognised peertype: voter');
    expect(serverLineError('server.4=127.0.0.1:2888:x;2181')).toBe('Invalid port "x" in 127.0.0.1:2888:x;2181');
    expect(serverLineError('server.4=127.0.0.1:2888:70000')).toBe('Port out of range (1-65535): 70000 in 127.0.0.1:2888:70000');
    expect(serverLineError('server.x=127.0.0.1:1:2')).toBe('Invalid server id: server.x');
    expect(serverLineError('127.0.0.1:1:2')).toContain('is not of the form server.N=');
    expect(serverLineError('server.4=h:1:2;a:b:3')).toContain('(client port)');
    expect(serverLineError('server.4=[::1:1:2')).toBe("[::1:1:2 starts with '[' but has no matching ']:'");
    expect(() => parseDynamicConfig('server.1=nope')).toThrow(DynamicConfigError);
  });
});

describe('client addresses and `config -c`', () => {
  it('derives client addresses', () => {
    const spec = parseServerLine('server.5=zk5:2888:3888;2181');
    expect(serverSpecToClientAddress(spec)).toBe('0.0.0.0:2181');
    expect(serverSpecToClientAddress(spec, { useQuorumHostForWildcard: true })).toBe('zk5:2181');
    expect(serverSpecToClientAddress(parseServerLine('server.6=zk6:2888:3888'))).toBeNull();
  });

  it('matches zkCli\'s golden `config -c` lines (Java Properties order)', () => {
    expect(formatClientConfig(GOLDEN_CONFIG)).toBe('100000005 127.0.0.1:12182,127.0.0.1:12184,127.0.0.1:12183');
    expect(
      formatClientConfig(
        'server.1=127.0.0.1:31281:31381:participant;127.0.0.1:31181\nserver.2=127.0.0.1:31282:31382:participant;127.0.0.1:31182\nversion=100000003',
      ),
    ).toBe('100000003 127.0.0.1:31182,127.0.0.1:31181');
    expect(formatClientConfig('')).toBe(' ');
    expect(formatClientConfig('server.1=127.0.0.1:1:2:participant\nserver.2=127.0.0.1:1:3:participant;2181\nversion=1')).toBe('1 0.0.0.0:2181,');
  });

  // Expected lines from ConfigUtils.getClientConfigStr (Java 17), including table resizes.
  it.each([
    [5, '4002,4001,4005,4004,4003'],
    [11, '4010,4011,4002,4001,4006,4005,4004,4003,4009,4008,4007'],
    [13, '4010,4011,4002,4001,4012,4013,4006,4005,4004,4003,4009,4008,4007'],
    [20, '4018,4019,4016,4017,4010,4011,4020,4002,4014,4001,4015,4012,4013,4006,4005,4004,4003,4009,4008,4007'],
    [30, '4018,4019,4016,4017,4010,4011,4030,4014,4015,4012,4013,4029,4027,4028,4021,4022,4020,4002,4025,4001,4026,4023,4024,4006,4005,4004,4003,4009,4008,4007'],
  ])('orders %i servers like Java', (n, ports) => {
    const lines: string[] = [];
    for (let i = 1; i <= n; i++) lines.push(`server.${i}=127.0.0.1:${2000 + i}:${3000 + i}:participant;127.0.0.1:${4000 + i}`);
    lines.push('version=100000000');
    const expected = `100000000 ${ports.split(',').map((p) => `127.0.0.1:${p}`).join(',')}`;
    expect(formatClientConfig(lines.join('\n'))).toBe(expected);
  });

  it('orders keys without duplicates', () => {
    expect(javaPropertiesOrder(['server.1', 'server.2', 'server.1', 'version'])).toEqual(['server.2', 'server.1', 'version']);
  });

  it('parses `config -c` text back', () => {
    expect(parseClientConfig('100000005 127.0.0.1:12182,127.0.0.1:12184')).toEqual({ version: '100000005', hosts: ['127.0.0.1:12182', '127.0.0.1:12184'] });
    expect(parseClientConfig(' ')).toEqual({ version: null, hosts: [] });
  });

  it('converts versions', () => {
    expect(configVersionToNumber('100000005')).toBe(0x100000005);
    expect(configVersionToNumber('0x200000001')).toBe(0x200000001);
    expect(() => configVersionToNumber('xyz')).toThrow(DynamicConfigError);
  });
});
