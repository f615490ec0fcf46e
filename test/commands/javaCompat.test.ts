// The Java behaviours the zkCli commands reproduce, checked against values captured from the
// real zkCli 3.8.0 / JDK 17 (no server needed).
import { describe, expect, it } from 'vitest';
import { hashSetCloneOrder } from '../../src/commands/zk/javaCollections.js';
import { JavaNumberFormatError, decodeJavaInt, parseJavaInt, parseJavaLong } from '../../src/commands/zk/javaNumbers.js';
import { StatsTrack } from '../../src/commands/zk/statsTrack.js';
import { EventBus } from '../../src/shell/appEvents.js';
import type { ShellSettings } from '../../src/shell/context.js';
import { attachWatchPrinter } from '../../src/shell/watchPrinter.js';

describe('Java number parsing', () => {
  it('Integer.parseInt accepts what Java accepts, with its messages', () => {
    expect(parseJavaInt('42')).toBe(42);
    expect(parseJavaInt('+7')).toBe(7);
    expect(parseJavaInt('-2147483648')).toBe(-2147483648);
    for (const bad of ['abc', '', '-', '1.0', ' 1', '2147483648', '0x10']) {
      expect(() => parseJavaInt(bad)).toThrow(JavaNumberFormatError);
    }
    expect(() => parseJavaInt('abc')).toThrow('For input string: "abc"');
  });

  it('Long.parseLong with radix 16 (reconfig -v)', () => {
    expect(parseJavaLong('100000003', 16)).toBe(0x100000003n);
    expect(parseJavaLong('7fffffffffffffff', 16)).toBe(2n ** 63n - 1n);
    expect(() => parseJavaLong('xyz', 16)).toThrow('For input string: "xyz" under radix 16');
  });

  it('Integer.decode (redo): hex, #, octal, sign', () => {
    expect(decodeJavaInt('0x1f')).toBe(31);
    expect(decodeJavaInt('#10')).toBe(16);
    expect(decodeJavaInt('010')).toBe(8);
    expect(decodeJavaInt('-3')).toBe(-3);
    expect(decodeJavaInt('0')).toBe(0);
    expect(() => decodeJavaInt('')).toThrow('Zero length string');
    expect(() => decodeJavaInt('abc')).toThrow('For input string: "abc"');
    expect(() => decodeJavaInt('-+1')).toThrow('Sign character in wrong position');
  });
});

describe('StatsTrack text', () => {
  it('writes zkCli limits text and reads it back', () => {
    const q = new StatsTrack();
    q.count = 3n;
    q.bytes = -1n;
    q.countHardLimit = -1n;
    q.byteHardLimit = -1n;
    expect(q.toString()).toBe('count=3,bytes=-1=;byteHardLimit=-1;countHardLimit=-1');
    const back = new StatsTrack('count=3,bytes=100=;byteHardLimit=10;countHardLimit=-1');
    expect([back.count, back.bytes, back.byteHardLimit, back.countHardLimit]).toEqual([3n, 100n, 10n, -1n]);
    expect(back.toString()).toBe('count=3,bytes=100=;byteHardLimit=10;countHardLimit=-1');
    expect(new StatsTrack('count=7,bytes=24').toString()).toBe('count=7,bytes=24');
    expect(new StatsTrack('').toString()).toBe('count=-1,bytes=-1');
  });
});

describe("the server's HashSet order (getEphemerals)", () => {
  it('matches what zkCli 3.8.0 printed for 14 ephemerals of one session', () => {
    const created = [
      '/eph/e1', '/eph/zz', '/eph/a10', '/eph/b7', '/eph/node-3', '/eph/x', '/eph/qq', '/eph/foo',
      '/eph/bar', '/eph/baz', '/eph/Aa', '/eph/BB', '/eph/s-0000000012', '/ephx',
    ];
    // Captured: `getEphemerals` in that session.
    const printed = [
      '/eph/x', '/eph/baz', '/eph/a10', '/eph/bar', '/eph/b7', '/eph/node-3', '/ephx', '/eph/e1',
      '/eph/s-0000000012', '/eph/zz', '/eph/qq', '/eph/Aa', '/eph/BB', '/eph/foo',
    ];
    expect(hashSetCloneOrder(created)).toEqual(printed);
    // `getEphemerals /eph/b` kept the same relative order.
    expect(hashSetCloneOrder(['/eph/b7', '/eph/bar', '/eph/baz'], 14)).toEqual(['/eph/baz', '/eph/bar', '/eph/b7']);
  });
});

describe('watch printer', () => {
  function host() {
    const bus = new EventBus();
    const settings: ShellSettings = { printWatches: true };
    const printed: { stream: string; text: string; tone?: string }[] = [];
    return { bus, settings, printed, print: (stream: 'stdout' | 'stderr', text: string, tone?: string) => printed.push({ stream, text, tone }) };
  }

  it('prints each event as zkCli does, on stdout, while printwatches is on', () => {
    const h = host();
    attachWatchPrinter(h);
    h.bus.emit({ type: 'watch', event: { type: 'None', state: 'SyncConnected', path: null } });
    h.bus.emit({ type: 'watch', event: { type: 'NodeDeleted', state: 'SyncConnected', path: '/app/c2' } });
    h.settings.printWatches = false;
    h.bus.emit({ type: 'watch', event: { type: 'NodeCreated', state: 'SyncConnected', path: '/x' } });
    expect(h.printed).toEqual([
      { stream: 'stdout', text: '\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null', tone: 'watch' },
      { stream: 'stdout', text: '\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDeleted path:/app/c2', tone: 'watch' },
    ]);
  });

  it('exec mode hides only the first connect event (the one zkCli shows in its preamble)', () => {
    const h = host();
    const off = attachWatchPrinter(h, { hideConnectPreamble: true });
    h.bus.emit({ type: 'watch', event: { type: 'None', state: 'SyncConnected', path: null } });
    h.bus.emit({ type: 'watch', event: { type: 'None', state: 'Disconnected', path: null } });
    h.bus.emit({ type: 'watch', event: { type: 'None', state: 'SyncConnected', path: null } });
    off();
    h.bus.emit({ type: 'watch', event: { type: 'None', state: 'Closed', path: null } });
    expect(h.printed.map((p) => p.text.split('\n')[3])).toEqual([
      'WatchedEvent state:Disconnected type:None path:null',
      'WatchedEvent state:SyncConnected type:None path:null',
    ]);
  });
});
