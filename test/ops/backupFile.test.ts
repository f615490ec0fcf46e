// The backup file format on its own (no ZooKeeper): a write/read round trip (plain and gzip), what
// the file holds line by line, the atomic write (temp file, mode 0600, nothing left on failure or
// cancel), and the reader's refusal of every kind of bad file, each as one line naming the file.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFileError, type BackupHeader } from '../../src/ops/backupFormat.js';
import { checkBackup, openBackup } from '../../src/ops/backupRead.js';
import { checkBackupTarget, writeBackup } from '../../src/ops/backupWrite.js';
import type { TreeNode } from '../../src/ops/sourceNode.js';
import { PERM, type Acl } from '../../src/zk/types.js';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zkpilot-backupfile-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const OPEN: Acl[] = [{ scheme: 'world', id: 'anyone', perms: PERM.ALL }];
const READ_ONLY: Acl[] = [{ scheme: 'world', id: 'anyone', perms: PERM.READ }];
const DIGEST: Acl[] = [{ scheme: 'digest', id: 'ops:AbCdEfGhIjKlMnOpQrStUvWxYz0=', perms: PERM.READ | PERM.ADMIN }];

function node(rel: string, data: Buffer | null, acl: Acl[] | null = OPEN, extra: { maxSeq?: number; cversion?: number; numChildren?: number } = {}): TreeNode {
  return {
    rel,
    data,
    acl,
    stat: {
      czxid: 10,
      mzxid: 11,
      pzxid: 12,
      ctime: 1_700_000_000_000,
      mtime: 1_700_000_000_500,
      version: 1,
      cversion: extra.cversion ?? 0,
      aversion: 0,
      ephemeralOwner: '0',
      dataLength: data?.length ?? 0,
      numChildren: extra.numChildren ?? 0,
    },
    hasChildren: false,
    maxSeq: extra.maxSeq ?? -1,
  };
}

/** A small tree in sorted depth-first order: binary, null and empty data, ACLs, a queue with a counter. */
function sampleTree(): TreeNode[] {
  return [
    node('', Buffer.from('root'), OPEN, { numChildren: 4 }),
    node('bin', Buffer.from([0, 255, 1, 254, 10, 13])),
    node('empty', Buffer.alloc(0)),
    node('nulldata', null),
    node('queue', null, OPEN, { maxSeq: 29, cversion: 50, numChildren: 10 }),
    node('queue/item-0000000020', Buffer.from('job 20')),
    node('queue/item-0000000029', Buffer.from('job 29')),
    node('secure', Buffer.from('s'), READ_ONLY, { numChildren: 1 }),
    node('secure/key', Buffer.from([1, 2, 3]), DIGEST),
  ];
}

const HEADER: BackupHeader = {
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  source: { typed: 'prod-a:/app', connectString: '127.0.0.1:2181', root: '/app' },
  time: '2024-05-01T10:00:00.000Z',
  zkpilot: '0.1.0',
};

async function* from(nodes: readonly TreeNode[]): AsyncGenerator<TreeNode> {
  for (const n of nodes) yield n;
}

async function write(name: string, nodes: readonly TreeNode[] = sampleTree(), skipped = { ephemeralsSkipped: 2, vanished: 1 }): Promise<string> {
  const file = path.join(dir, name);
  await writeBackup(file, `file:${name}`, HEADER, from(nodes), { skipped: () => skipped });
  return file;
}

async function readAll(file: string): Promise<TreeNode[]> {
  const opened = await openBackup(file, 'file:x');
  try {
    const out: TreeNode[] = [];
    for await (const n of opened.nodes()) out.push(n);
    return out;
  } finally {
    await opened.close();
  }
}

/** The reader's refusal of a file: a BackupFileError whose message is one line naming the file. */
async function refusal(file: string, name = 'file:bad'): Promise<string> {
  const error = await checkBackup(file, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupFileError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message.startsWith(`${name}: `)).toBe(true);
  return message;
}

async function leftovers(): Promise<string[]> {
  return (await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'));
}

describe('backup file: write and read back', () => {
  it('round-trips data (binary, empty, null), ACLs, stats and sequence numbers; children are told from the next line', async () => {
    const file = await write('round.jsonl');
    const back = await readAll(file);
    const tree = sampleTree();
    expect(back.map((n) => n.rel)).toEqual(tree.map((n) => n.rel));
    for (const [i, n] of back.entries()) {
      expect(n.data).toEqual(tree[i]!.data);
      expect(n.acl).toEqual(tree[i]!.acl);
      expect(n.stat).toEqual(tree[i]!.stat);
      expect(n.maxSeq).toBe(tree[i]!.maxSeq);
    }
    expect(back.find((n) => n.rel === 'nulldata')!.data).toBeNull();
    expect(back.find((n) => n.rel === 'empty')!.data).toEqual(Buffer.alloc(0));
    expect(back.filter((n) => n.hasChildren).map((n) => n.rel)).toEqual(['', 'queue', 'secure']);
    const trailer = await checkBackup(file, 'file:round.jsonl');
    expect(trailer).toMatchObject({ nodes: tree.length, ephemeralsSkipped: 2, vanished: 1 });
  });

  it('holds a header line, one line per node and a trailer with counts and the sha256 of what precedes it; mode 0600, no temp file', async () => {
    const file = await write('lines.jsonl');
    const bytes = await fs.readFile(file);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1 + sampleTree().length + 1);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'zkpilot-backup', version: 1, source: { root: '/app', typed: 'prod-a:/app' }, time: HEADER.time, zkpilot: '0.1.0' });
    const bin = JSON.parse(lines[2]!) as Record<string, unknown>;
    expect(bin).toMatchObject({ path: 'bin', data: Buffer.from([0, 255, 1, 254, 10, 13]).toString('base64'), acl: OPEN, stat: { dataLength: 6, czxid: 10 } });
    expect(JSON.parse(lines[4]!)).toMatchObject({ path: 'nulldata', data: null });
    expect(JSON.parse(lines[5]!)).toMatchObject({ path: 'queue', seq: 29, stat: { cversion: 50, numChildren: 10 } });
    const trailer = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
    const dataBytes = sampleTree().reduce((n, t) => n + (t.data?.length ?? 0), 0);
    expect(trailer).toMatchObject({ trailer: 'zkpilot-backup', nodes: sampleTree().length, bytes: dataBytes, ephemeralsSkipped: 2, vanished: 1 });
    const before = bytes.subarray(0, bytes.length - Buffer.byteLength(lines[lines.length - 1]!) - 1);
    expect(trailer['sha256']).toBe(createHash('sha256').update(before).digest('hex'));
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await leftovers()).toEqual([]);
  });

  it('a backup written in several chunks (more than 64 KiB of lines): every line whole, the checksum of every byte', async () => {
    const big = [node('', Buffer.from('root'), OPEN, { numChildren: 400 }), ...Array.from({ length: 400 }, (_, i) => node(`n${String(i).padStart(3, '0')}`, Buffer.alloc(500 + i, i)))];
    const file = await write('chunks.jsonl.gz', big);
    const back = await readAll(file);
    expect(back.map((n) => n.data)).toEqual(big.map((n) => n.data));
    const text = gunzipSync(await fs.readFile(file)).toString('utf8');
    expect(text.length).toBeGreaterThan(4 * 64 * 1024);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1 + big.length + 1);
    const before = Buffer.from(text).subarray(0, Buffer.byteLength(text) - Buffer.byteLength(lines[lines.length - 1]!) - 1);
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ nodes: big.length, sha256: createHash('sha256').update(before).digest('hex') });
  });

  it('gzips a .gz name (magic 1f 8b) and reads it back; the reader knows gzip by its bytes, not its name', async () => {
    const file = await write('zipped.jsonl.gz');
    const bytes = await fs.readFile(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString('utf8').split('\n')[0]).toContain('"format":"zkpilot-backup"');
    const opened = await openBackup(file, 'file:zipped.jsonl.gz');
    expect(opened.compressed).toBe(true);
    expect(opened.knownNodes).toBeNull();
    await opened.close();
    expect((await readAll(file)).map((n) => n.data)).toEqual(sampleTree().map((n) => n.data));
    const renamed = path.join(dir, 'zipped-renamed.jsonl');
    await fs.copyFile(file, renamed);
    expect(await checkBackup(renamed, 'file:zipped-renamed.jsonl')).toMatchObject({ nodes: sampleTree().length });
    const plain = await openBackup(await write('plain.jsonl'), 'file:plain.jsonl');
    expect(plain.compressed).toBe(false);
    expect(plain.knownNodes).toBe(sampleTree().length);
    await plain.close();
  });

  it('replaces an older file atomically; refuses an existing one when asked not to, and a missing directory', async () => {
    const file = await write('again.jsonl', sampleTree().slice(0, 2));
    await write('again.jsonl');
    expect(await checkBackup(file, 'file:again.jsonl')).toMatchObject({ nodes: sampleTree().length });
    expect(await checkBackupTarget(file, 'file:again.jsonl', true)).toBe(true);
    await expect(checkBackupTarget(file, 'file:again.jsonl', false)).rejects.toThrow(/^file:again\.jsonl: already exists/);
    expect(await checkBackupTarget(path.join(dir, 'new.jsonl'), 'file:new.jsonl', false)).toBe(false);
    const missing = path.join(dir, 'no', 'such', 'dir', 'b.jsonl');
    await expect(checkBackupTarget(missing, 'file:b.jsonl', true)).rejects.toThrow(BackupFileError);
    await expect(writeBackup(missing, 'file:b.jsonl', HEADER, from(sampleTree()), { skipped: () => ({ ephemeralsSkipped: 0, vanished: 0 }) })).rejects.toThrow(/^file:b\.jsonl: no such directory/);
    expect(await leftovers()).toEqual([]);
  });

  it('without overwrite, keeps a file that appeared while the tree was read, and leaves no temp file', async () => {
    const file = path.join(dir, 'raced.jsonl');
    async function* appearing(): AsyncGenerator<TreeNode> {
      const nodes = sampleTree();
      yield nodes[0]!;
      await fs.writeFile(file, 'written by someone else meanwhile\n');
      yield* nodes.slice(1);
    }
    await expect(writeBackup(file, 'file:raced.jsonl', HEADER, appearing(), { overwrite: false, skipped: () => ({ ephemeralsSkipped: 0, vanished: 0 }) })).rejects.toThrow(
      /^file:raced\.jsonl: already exists/,
    );
    expect(await fs.readFile(file, 'utf8')).toBe('written by someone else meanwhile\n');
    await fs.rm(file);
    expect(await leftovers()).toEqual([]);
  });

  it('leaves neither the file nor a temp file when the source fails or the write is cancelled', async () => {
    const failing = async function* (): AsyncGenerator<TreeNode> {
      yield* sampleTree().slice(0, 3);
      throw new Error('source went away');
    };
    const failed = path.join(dir, 'failed.jsonl.gz');
    await expect(writeBackup(failed, 'file:failed.jsonl.gz', HEADER, failing(), { skipped: () => ({ ephemeralsSkipped: 0, vanished: 0 }) })).rejects.toThrow('source went away');
    await expect(fs.stat(failed)).rejects.toThrow(/ENOENT/);
    expect(await leftovers()).toEqual([]);

    const controller = new AbortController();
    let released!: () => void;
    const gate = new Promise<void>((resolve) => (released = resolve));
    const stalled = async function* (): AsyncGenerator<TreeNode> {
      yield* sampleTree().slice(0, 3);
      // Cancelled while the source is still being read.
      controller.abort();
      await gate;
      yield* sampleTree().slice(3);
    };
    const cancelled = path.join(dir, 'cancelled.jsonl');
    const written = writeBackup(cancelled, 'file:cancelled.jsonl', HEADER, stalled(), { signal: controller.signal, skipped: () => ({ ephemeralsSkipped: 0, vanished: 0 }) });
    const outcome = written.then(
      () => null,
      (e: unknown) => e,
    );
    released();
    const error = await outcome;
    expect(error).toBeInstanceOf(BackupFileError);
    expect((error as Error).message).toBe('file:cancelled.jsonl: cancelled: no backup written');
    await expect(fs.stat(cancelled)).rejects.toThrow(/ENOENT/);
    expect(await leftovers()).toEqual([]);
  });
});

describe('backup file: bad files are refused in one line', () => {
  async function variant(name: string, edit: (text: string) => string | Buffer): Promise<string> {
    const text = await fs.readFile(await write('base.jsonl'), 'utf8');
    const file = path.join(dir, name);
    await fs.writeFile(file, edit(text));
    return file;
  }

  it('a file cut in the middle of a line, or at a line end before the trailer: truncated', async () => {
    expect(await refusal(await variant('cut.jsonl', (t) => t.slice(0, Math.floor(t.length / 2))))).toContain('truncated');
    const cutAtLine = await variant('cut-line.jsonl', (t) => t.split('\n').slice(0, 5).join('\n') + '\n');
    expect(await refusal(cutAtLine)).toMatch(/truncated: no trailer after 4 nodes/);
  });

  it('a gzip file cut short: truncated', async () => {
    const gz = await fs.readFile(await write('whole.jsonl.gz'));
    const file = path.join(dir, 'cut.jsonl.gz');
    await fs.writeFile(file, gz.subarray(0, gz.length - 12));
    expect(await refusal(file)).toContain('truncated');
  });

  it('a line that is not JSON: corrupt at that line', async () => {
    const file = await variant('notjson.jsonl', (t) => t.split('\n').map((l, i) => (i === 3 ? '{"path":"empty",' : l)).join('\n'));
    expect(await refusal(file)).toBe('file:bad: corrupt at line 4: not JSON');
  });

  it('a data byte changed, lengths still valid: checksum mismatch', async () => {
    const file = await variant('edited.jsonl', (t) => {
      const b64 = Buffer.from([0, 255, 1, 254, 10, 13]).toString('base64');
      const changed = Buffer.from([0, 255, 1, 254, 10, 14]).toString('base64');
      expect(changed.length).toBe(b64.length);
      return t.replace(b64, changed);
    });
    expect(await refusal(file)).toContain('checksum mismatch');
  });

  it('a trailer that counts another number of nodes, nodes out of order, a child before its parent', async () => {
    const dropped = await variant('dropped.jsonl', (t) => t.split('\n').filter((_, i) => i !== 2).join('\n'));
    expect(await refusal(dropped)).toContain('the trailer counts 9 nodes');
    const swapped = await variant('swapped.jsonl', (t) => {
      const l = t.split('\n');
      [l[2], l[3]] = [l[3]!, l[2]!];
      return l.join('\n');
    });
    expect(await refusal(swapped)).toContain('out of order');
    const orphan = await variant('orphan.jsonl', (t) => t.split('\n').filter((_, i) => i !== 8).join('\n'));
    expect(await refusal(orphan)).toContain('comes before its parent');
  });

  it('a foreign file (text, JSON, binary), a newer format, a missing file, an empty file, a directory', async () => {
    const text = path.join(dir, 'hostname');
    await fs.writeFile(text, 'myhost\n');
    expect(await refusal(text)).toContain('not a zkpilot backup');
    const json = path.join(dir, 'other.json');
    await fs.writeFile(json, '{"name":"x","version":1}\n{"a":2}\n');
    expect(await refusal(json)).toContain('not a zkpilot backup');
    const binary = path.join(dir, 'random.bin');
    await fs.writeFile(binary, gzipSync(Buffer.alloc(100_000, 0x41)));
    expect(await refusal(binary)).toContain('not a zkpilot backup');
    const newer = await variant('newer.jsonl', (t) => t.replace('"version":1', '"version":2'));
    expect(await refusal(newer)).toBe('file:bad: written by a newer zkpilot (backup format version 2; this one reads up to 1)');
    expect(await refusal(path.join(dir, 'nosuch.jsonl'))).toBe('file:bad: no such file');
    const empty = path.join(dir, 'empty.jsonl');
    await fs.writeFile(empty, '');
    expect(await refusal(empty)).toContain('empty file');
    expect(await refusal(dir)).toContain('is a directory');
  });
});
