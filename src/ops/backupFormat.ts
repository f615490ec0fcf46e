// The backup file: JSON Lines, gzip when the name ends in `.gz`.
//   line 1   header   {"format":"zkpilot-backup","version":1,"source":{…},"time":…,"zkpilot":…}
//   then     a node   {"path":"g1/n2","data":"<base64>"|null,"acl":[…]|null,"stat":{…}[,"seq":N]}
//   last     trailer  {"trailer":"zkpilot-backup","nodes":N,"bytes":B,"ephemeralsSkipped":E,"vanished":V,"sha256":…}
// Node paths are relative to the backed-up root ('' is the root), so a restore can go anywhere.
// Nodes come in sorted depth-first order, so a restore knows a subtree is complete when the next
// path leaves it, and two backups (or a backup and a tree) compare by merging. `seq` is the
// highest sequential suffix among the node's children on the source, ephemeral ones included
// (they are never in a backup): with the stat's cversion and numChildren it is what a restore
// needs to carry the sequence counter over. The sha256 covers every byte before the trailer.
import type { Acl, Stat } from '../zk/types.js';
import type { TreeNode } from './sourceNode.js';

export const BACKUP_FORMAT = 'zkpilot-backup';
export const BACKUP_VERSION = 1;

/** A backup that cannot be read or written: the message is one line naming the file. */
export class BackupFileError extends Error {}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  source: {
    /** What the operator typed as the source (`prod-a:/pegasus`, `/app`, `file:old.jsonl`). */
    typed: string;
    /** The ensemble read, without credentials; null when unknown. */
    connectString: string | null;
    root: string;
  };
  /** When the source was read (ISO 8601). */
  time: string;
  zkpilot: string;
}

export interface BackupTrailer {
  trailer: typeof BACKUP_FORMAT;
  nodes: number;
  /** Data bytes in all. */
  bytes: number;
  ephemeralsSkipped: number;
  vanished: number;
  sha256: string;
}

const STAT_FIELDS = ['czxid', 'mzxid', 'pzxid', 'ctime', 'mtime', 'version', 'cversion', 'aversion', 'numChildren', 'dataLength'] as const;

export function headerLine(header: BackupHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function nodeLine(node: TreeNode): string {
  const stat: Record<string, number> = {};
  for (const f of STAT_FIELDS) stat[f] = node.stat[f];
  const line: Record<string, unknown> = {
    path: node.rel,
    data: node.data === null ? null : node.data.toString('base64'),
    acl: node.acl === null ? null : node.acl.map((a) => ({ scheme: a.scheme, id: a.id, perms: a.perms })),
    stat,
  };
  if (node.maxSeq >= 0) line['seq'] = node.maxSeq;
  return `${JSON.stringify(line)}\n`;
}

export function trailerLine(t: Omit<BackupTrailer, 'trailer'>): string {
  return `${JSON.stringify({ trailer: BACKUP_FORMAT, ...t })}\n`;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** The first line, or a one-line refusal: not ours, or a format this build does not read. */
export function parseHeader(text: string, name: string): BackupHeader {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    obj = null;
  }
  if (!isObject(obj) || obj['format'] !== BACKUP_FORMAT) throw new BackupFileError(`${name}: not a zkpilot backup (no zkpilot-backup header on its first line)`);
  const version = obj['version'];
  if (!isCount(version) || version < 1) throw new BackupFileError(`${name}: corrupt header: bad format version`);
  if (version > BACKUP_VERSION) {
    throw new BackupFileError(`${name}: written by a newer zkpilot (backup format version ${version}; this one reads up to ${BACKUP_VERSION})`);
  }
  const source = obj['source'];
  if (!isObject(source) || typeof source['root'] !== 'string' || typeof source['typed'] !== 'string' || typeof obj['time'] !== 'string') {
    throw new BackupFileError(`${name}: corrupt header: source or time missing`);
  }
  const cs = source['connectString'];
  return {
    format: BACKUP_FORMAT,
    version,
    source: { typed: source['typed'], connectString: typeof cs === 'string' ? cs : null, root: source['root'] },
    time: obj['time'],
    zkpilot: typeof obj['zkpilot'] === 'string' ? obj['zkpilot'] : 'unknown',
  };
}

export function isTrailer(obj: Json): boolean {
  return 'trailer' in obj;
}

export function parseTrailer(obj: Json, where: string): BackupTrailer {
  const { nodes, bytes, ephemeralsSkipped, vanished, sha256 } = obj;
  if (obj['trailer'] !== BACKUP_FORMAT || !isCount(nodes) || !isCount(bytes) || !isCount(ephemeralsSkipped) || !isCount(vanished) || typeof sha256 !== 'string') {
    throw new BackupFileError(`${where}: bad trailer`);
  }
  return { trailer: BACKUP_FORMAT, nodes, bytes, ephemeralsSkipped, vanished, sha256 };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A node line (hasChildren is the reader's to tell, from the next line). */
export function parseNode(obj: Json, where: string): TreeNode {
  const bad = (what: string): BackupFileError => new BackupFileError(`${where}: ${what}`);
  const rel = obj['path'];
  if (typeof rel !== 'string' || rel.startsWith('/') || rel.endsWith('/') || rel.includes('//') || /\0/.test(rel)) throw bad('bad node path');
  const rawData = obj['data'];
  let data: Buffer | null = null;
  if (typeof rawData === 'string') {
    if (rawData.length % 4 !== 0 || !BASE64.test(rawData)) throw bad(`data of ${rel || '(root)'} is not base64`);
    data = Buffer.from(rawData, 'base64');
  } else if (rawData !== null) throw bad(`data of ${rel || '(root)'} missing`);
  const rawAcl = obj['acl'];
  let acl: Acl[] | null = null;
  if (Array.isArray(rawAcl)) {
    acl = rawAcl.map((e: unknown) => {
      if (!isObject(e) || typeof e['scheme'] !== 'string' || typeof e['id'] !== 'string' || !isCount(e['perms']) || e['perms'] > 31) throw bad(`bad ACL on ${rel || '(root)'}`);
      return { scheme: e['scheme'], id: e['id'], perms: e['perms'] };
    });
  } else if (rawAcl !== null) throw bad(`ACL of ${rel || '(root)'} missing`);
  const rawStat = obj['stat'];
  if (!isObject(rawStat)) throw bad(`stat of ${rel || '(root)'} missing`);
  const stat: Stat = { czxid: 0, mzxid: 0, pzxid: 0, ctime: 0, mtime: 0, version: 0, cversion: 0, aversion: 0, ephemeralOwner: '0', dataLength: 0, numChildren: 0 };
  for (const f of STAT_FIELDS) {
    const v = rawStat[f];
    // cversion and version are signed 32-bit on the server; the rest are never negative.
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad(`stat of ${rel || '(root)'}: bad ${f}`);
    stat[f] = v;
  }
  if (stat.dataLength !== (data?.length ?? 0)) throw bad(`data of ${rel || '(root)'} is ${data?.length ?? 0} bytes, its stat says ${stat.dataLength}`);
  const seq = obj['seq'];
  if (seq !== undefined && !isCount(seq)) throw bad(`bad seq on ${rel || '(root)'}`);
  return { rel, data, acl, stat, hasChildren: false, maxSeq: seq ?? -1 };
}

/** Connect strings carry no credentials in ZooKeeper, but a `user:pw@host` someone typed stays out. */
export function withoutCredentials(connectString: string): string {
  return connectString.replace(/[^,@/]*@/g, '');
}
