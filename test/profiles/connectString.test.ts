import { describe, expect, it } from 'vitest';
import { connectStringError, parseConnectString, parseServerAddress } from '../../src/profiles/connectString.js';

describe('connect strings', () => {
  it('parses servers, default port, IPv6 and chroot', () => {
    expect(parseConnectString('zk1:2181,zk2,[::1]:2182/pegasus/meta')).toEqual({
      ok: true,
      value: {
        servers: [{ host: 'zk1', port: 2181 }, { host: 'zk2', port: 2181 }, { host: '::1', port: 2182 }],
        chroot: '/pegasus/meta',
      },
    });
    expect(parseConnectString('10.0.0.1:2181/')).toEqual({ ok: true, value: { servers: [{ host: '10.0.0.1', port: 2181 }], chroot: null } });
  });

  it.each([
    ['', 'connect string is empty'],
    ['zk1:99999', 'bad server "zk1:99999": port must be a number 1..65535, got "99999"'],
    ['zk1:0', 'bad server "zk1:0": port must be a number 1..65535, got "0"'],
    ['zk1:21a1', 'bad server "zk1:21a1": port must be a number 1..65535, got "21a1"'],
    ['zk1:', 'bad server "zk1:": port must be a number 1..65535, got ""'],
    ['zk1,,zk2', 'bad connect string "zk1,,zk2": empty server between commas'],
    ['zk1 zk2', 'bad connect string "zk1 zk2": no spaces allowed (servers are separated by commas)'],
    ['zk_1!:2181', 'bad server "zk_1!:2181": not a host name or IPv4 address'],
    [':2181', 'bad server ":2181": missing host'],
    ['[::1:2181', 'bad server "[::1:2181": unclosed [ in IPv6 address'],
    ['zk1/a//b', 'bad chroot "/a//b" in connect string: Invalid path string "/a//b" caused by empty node name specified @3'],
    ['zk1/a/', 'bad chroot "/a/" in connect string: Path must not end with / character'],
  ])('rejects %j in one line', (text, error) => {
    expect(connectStringError(text)).toBe(error);
  });

  it('parses watch-host addresses on their own', () => {
    expect(parseServerAddress('zk4:2281')).toEqual({ ok: true, value: { host: 'zk4', port: 2281 } });
    expect(parseServerAddress('zk4:70000').ok).toBe(false);
  });
});
