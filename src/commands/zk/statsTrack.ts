// org.apache.zookeeper.StatsTrack (3.8): the text zkCli stores in zookeeper_limits and reads
// back from zookeeper_stats. Its odd shape (`count=3,bytes=-1=;byteHardLimit=-1;countHardLimit=-1`)
// keeps 3.4 parsers working, so we reproduce it to the byte.
import { parseJavaLong } from './javaNumbers.js';

export const QUOTA_ROOT = '/zookeeper/quota';
export const PROC_ROOT = '/zookeeper';
export const LIMIT_NODE = 'zookeeper_limits';
export const STAT_NODE = 'zookeeper_stats';

/** Quotas.quotaPath / limitPath / statPath: plain concatenation, as Java does it. */
export const quotaPath = (path: string): string => `${QUOTA_ROOT}${path}`;
export const limitPath = (path: string): string => `${QUOTA_ROOT}${path}/${LIMIT_NODE}`;
export const statPath = (path: string): string => `${QUOTA_ROOT}${path}/${STAT_NODE}`;

export class StatsTrack {
  /** Java keeps these in a HashMap; toString sorts the extra keys, so map order never shows. */
  private readonly stats = new Map<string, bigint>();

  constructor(text = '') {
    if (text.length === 0) return;
    for (const pair of text.split(/[,;]+/)) {
      if (pair.length === 0) continue; // Java's split drops trailing empties
      const kv = javaSplit(pair, '=');
      const value = kv[1];
      this.stats.set(kv[0] ?? '', value === undefined || value.length === 0 ? -1n : parseJavaLong(value));
    }
  }

  get count(): bigint {
    return this.get('count');
  }
  set count(v: bigint) {
    this.stats.set('count', v);
  }
  get bytes(): bigint {
    return this.get('bytes');
  }
  set bytes(v: bigint) {
    this.stats.set('bytes', v);
  }
  get countHardLimit(): bigint {
    return this.get('countHardLimit');
  }
  set countHardLimit(v: bigint) {
    this.stats.set('countHardLimit', v);
  }
  get byteHardLimit(): bigint {
    return this.get('byteHardLimit');
  }
  set byteHardLimit(v: bigint) {
    this.stats.set('byteHardLimit', v);
  }

  private get(key: string): bigint {
    return this.stats.get(key) ?? -1n;
  }

  /** `count=N,bytes=N` then, if any other key is set, `=` and `;key=value` sorted by key. */
  toString(): string {
    const extra = [...this.stats.keys()].filter((k) => k !== 'count' && k !== 'bytes').sort();
    let text = `count=${this.count},bytes=${this.bytes}`;
    if (extra.length > 0) {
      text += '=';
      for (const key of extra) text += `;${key}=${this.stats.get(key)}`;
    }
    return text;
  }
}

/** String.split(regex) for a literal separator: trailing empty strings are removed. */
function javaSplit(text: string, sep: string): string[] {
  const parts = text.split(sep);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
