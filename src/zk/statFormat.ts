// zkCli's StatPrinter block and java.util.Date.toString(), so `stat`/`get -s` output is byte-identical.

import type { Stat } from './types.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// Zones whose Java short name no English ICU locale knows (they print as `GMT+8` in Intl).
// These have had no DST for decades, so one name covers current timestamps.
const JAVA_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Shanghai': 'CST',
  'Asia/Chongqing': 'CST',
  'Asia/Chungking': 'CST',
  'Asia/Harbin': 'CST',
  PRC: 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Macau': 'CST',
  'Asia/Hong_Kong': 'HKT',
  'Asia/Tokyo': 'JST',
  Japan: 'JST',
  'Asia/Seoul': 'KST',
  'Asia/Singapore': 'SGT',
  'Asia/Kolkata': 'IST',
  'Asia/Calcutta': 'IST',
  'Asia/Dubai': 'GST',
  'Europe/Moscow': 'MSK',
};

// Locales tried in order for an alphabetic short name (en-US knows EST/PST, en-GB CET/BST,
// en-IN IST, en-AU AEST, en-ZA SAST); the first alphabetic answer wins.
const NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-ZA', 'en-NZ', 'en-CA', 'en-IE', 'en-SG'];

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withFields: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withFields}`;
  let fmt = formatterCache.get(key);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat(locale, {
      timeZone,
      timeZoneName: 'short',
      ...(withFields
        ? {
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
            hourCycle: 'h23',
          }
        : {}),
    });
    formatterCache.set(key, fmt);
  }
  return fmt;
}

/** The process time zone (TZ env, else the system zone), as Intl resolves it. */
export function processTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

// Offset in minutes east of UTC at `ms`, from the wall-clock fields Intl computed.
function offsetMinutes(ms: number, fields: { y: number; mo: number; d: number; h: number; mi: number; s: number }): number {
  const wallAsUtc = Date.UTC(fields.y, fields.mo - 1, fields.d, fields.h, fields.mi, fields.s);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((wallAsUtc - wholeSecond) / 60000);
}

function shortZoneName(ms: number, timeZone: string, offset: number): string {
  const known = JAVA_ZONE_NAMES[timeZone];
  if (known !== undefined) return known;
  for (const locale of NAME_LOCALES) {
    const name = part(formatter(locale, timeZone, false).formatToParts(ms), 'timeZoneName');
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  // Java's custom-zone form, e.g. `GMT-05:00` (what it prints for Etc/GMT+5).
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `GMT${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * java.util.Date.toString(): `EEE MMM dd HH:mm:ss zzz yyyy`, e.g. `Thu Jan 01 00:00:00 UTC 1970`,
 * in `timeZone` (default: the process zone). The zone abbreviation comes from ICU and a table
 * of Java's names; zones neither knows print as `GMT+hh:mm`.
 */
export function formatJavaDate(ms: number, timeZone: string = processTimeZone()): string {
  const parts = formatter('en-US', timeZone, true).formatToParts(ms);
  const fields = {
    y: Number(part(parts, 'year')),
    mo: Number(part(parts, 'month')),
    d: Number(part(parts, 'day')),
    h: Number(part(parts, 'hour')) % 24,
    mi: Number(part(parts, 'minute')),
    s: Number(part(parts, 'second')),
  };
  // Negative years (BC) and the era are out of scope: znode times are after 1970.
  const weekday = WEEKDAYS[new Date(Date.UTC(fields.y, fields.mo - 1, fields.d)).getUTCDay()];
  const month = MONTHS[fields.mo - 1];
  const zone = shortZoneName(ms, timeZone, offsetMinutes(ms, fields));
  return `${weekday} ${month} ${pad2(fields.d)} ${pad2(fields.h)}:${pad2(fields.mi)}:${pad2(fields.s)} ${zone} ${fields.y}`;
}

/** Java's Long.toHexString: lower-case, no padding, two's complement for negatives. */
export function javaHex(value: number | bigint | string): string {
  if (typeof value === 'string') {
    const hex = value.replace(/^0x/i, '').toLowerCase();
    return hex.replace(/^0+(?=.)/, '');
  }
  return BigInt.asUintN(64, BigInt(value)).toString(16);
}

/** `0x` + javaHex, the way StatPrinter prints zxids and ephemeralOwner. */
export function hex0x(value: number | bigint | string): string {
  return `0x${javaHex(value)}`;
}

/** StatPrinter's 11 lines (`cZxid = 0x14` ... `numChildren = 5`), without trailing newlines. */
export function formatStat(stat: Stat, timeZone?: string): string[] {
  const date = (ms: number): string => formatJavaDate(ms, timeZone);
  return [
    `cZxid = ${hex0x(stat.czxid)}`,
    `ctime = ${date(stat.ctime)}`,
    `mZxid = ${hex0x(stat.mzxid)}`,
    `mtime = ${date(stat.mtime)}`,
    `pZxid = ${hex0x(stat.pzxid)}`,
    `cversion = ${stat.cversion}`,
    `dataVersion = ${stat.version}`,
    `aclVersion = ${stat.aversion}`,
    `ephemeralOwner = ${hex0x(stat.ephemeralOwner)}`,
    `dataLength = ${stat.dataLength}`,
    `numChildren = ${stat.numChildren}`,
  ];
}
