import { describe, expect, it } from 'vitest';
import { formatJavaDate, formatStat, hex0x, javaHex } from '../../src/zk/statFormat.js';
import type { Stat } from '../../src/zk/types.js';

// Dates checked against java.util.Date.toString() (Java 17) with the same TZ.
describe('formatJavaDate', () => {
  it('prints the epoch and the golden 2026 times in UTC', () => {
    expect(formatJavaDate(0, 'UTC')).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(formatJavaDate(1795317563000, 'UTC')).toBe('Sun Nov 22 03:19:23 UTC 2026');
    expect(formatJavaDate(1795317563999, 'Etc/UTC')).toBe('Sun Nov 22 03:19:23 UTC 2026');
  });

  it('uses Java\'s zone abbreviations', () => {
    expect(formatJavaDate(0, 'America/New_York')).toBe('Wed Dec 31 19:00:00 EST 1969');
    expect(formatJavaDate(1795317563000, 'America/New_York')).toBe('Sat Nov 21 22:19:23 EST 2026');
    expect(formatJavaDate(0, 'Asia/Kolkata')).toBe('Thu Jan 01 05:30:00 IST 1970');
    expect(formatJavaDate(1795317563000, 'Europe/Berlin')).toBe('Sun Nov 22 04:19:23 CET 2026');
    expect(formatJavaDate(1795317563000, 'Asia/Shanghai')).toBe('Sun Nov 22 11:19:23 CST 2026');
    expect(formatJavaDate(1795317563000, 'Australia/Sydney')).toBe('Sun Nov 22 14:19:23 AEDT 2026');
    expect(formatJavaDate(1795317563000, 'America/Los_Angeles')).toBe('Sat Nov 21 19:19:23 PST 2026');
    expect(formatJavaDate(1795317563000, 'Africa/Johannesburg')).toBe('Sun Nov 22 05:19:23 SAST 2026');
  });

  it('falls back to Java\'s GMT offset form', () => {
    expect(formatJavaDate(1795317563000, 'Etc/GMT+5')).toBe('Sat Nov 21 22:19:23 GMT-05:00 2026');
  });

  it('defaults to the process time zone', () => {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatJavaDate(1795317563000)).toBe(formatJavaDate(1795317563000, zone));
  });
});

describe('hex', () => {
  it('prints like Long.toHexString', () => {
    expect(javaHex(0)).toBe('0');
    expect(javaHex(0x100000005)).toBe('100000005');
    expect(javaHex(-1)).toBe('ffffffffffffffff');
    expect(javaHex('8000000000000000')).toBe('8000000000000000');
    expect(javaHex('1000003C8790001')).toBe('1000003c8790001');
    expect(javaHex('0')).toBe('0');
    expect(hex0x(20)).toBe('0x14');
  });
});

describe('formatStat (StatPrinter)', () => {
  it('prints the golden `get -s /app` block', () => {
    const stat: Stat = {
      czxid: 0x14,
      ctime: 1795317563000,
      mzxid: 0x14,
      mtime: 1795317563000,
      pzxid: 0x20,
      cversion: 5,
      version: 0,
      aversion: 0,
      ephemeralOwner: '0',
      dataLength: 5,
      numChildren: 5,
    };
    expect(formatStat(stat, 'UTC').join('\n')).toBe(
      [
        'cZxid = 0x14',
        'ctime = Sun Nov 22 03:19:23 UTC 2026',
        'mZxid = 0x14',
        'mtime = Sun Nov 22 03:19:23 UTC 2026',
        'pZxid = 0x20',
        'cversion = 5',
        'dataVersion = 0',
        'aclVersion = 0',
        'ephemeralOwner = 0x0',
        'dataLength = 5',
        'numChildren = 5',
      ].join('\n'),
    );
  });

  it('prints the golden `config -s` block (negative versions, big zxid)', () => {
    const stat: Stat = {
      czxid: 0,
      ctime: 0,
      mzxid: 0x100000005,
      mtime: 1795317381000,
      pzxid: 0,
      cversion: 0,
      version: -1,
      aversion: -1,
      ephemeralOwner: '0',
      dataLength: 194,
      numChildren: 0,
    };
    const lines = formatStat(stat, 'UTC');
    expect(lines).toHaveLength(11);
    expect(lines).toEqual([
      'cZxid = 0x0',
      'ctime = Thu Jan 01 00:00:00 UTC 1970',
      'mZxid = 0x100000005',
      'mtime = Sun Nov 22 03:16:21 UTC 2026',
      'pZxid = 0x0',
      'cversion = 0',
      'dataVersion = -1',
      'aclVersion = -1',
      'ephemeralOwner = 0x0',
      'dataLength = 194',
      'numChildren = 0',
    ]);
  });

  it('prints a session id as ephemeralOwner', () => {
    const stat = { czxid: 1, ctime: 0, mzxid: 1, mtime: 0, pzxid: 1, cversion: 0, version: 0, aversion: 0, ephemeralOwner: '1000003c8790001', dataLength: 0, numChildren: 0 };
    expect(formatStat(stat, 'UTC')[8]).toBe('ephemeralOwner = 0x1000003c8790001');
  });
});
