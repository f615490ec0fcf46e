// copy and verify with a backup file as one end (`file:PATH`), through the shell against two real
// ZooKeeper servers: a backup of a tree (binary, empty and null data, restrictive ACLs on nodes
// with children, a queue whose counter runs ahead of its names, ephemerals), its restore to the
// other ensemble and to another path, verify in every direction, resume and --no-overwrite, the
// file re-written to gzip, --dry-run, cancel, and every kind of bad file refused in one line with
// nothing written to ZooKeeper.
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsCommands } from '../../src/commands/ops/index.js';
import type { ProgressInfo } from '../../src/shell/appEvents.js';
import { digestFor } from '../../src/zk/acl.js';
import { createZkClient } from '../../src/zk/client.js';
import { PERM, type Acl, type ZkClient } from '../../src/zk/types.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureBuilt } from '../pegasus/helpers.js';
import { ShellHarness, type CommandResult } from './harness.js';

const source = useSandbox({ nodes: 1 });
const target = useSandbox({ nodes: 1 });

let h: ShellHarness; // the current session: the source server, as super
let owner: ZkClient; // holds the source's ephemerals
let dst: ZkClient; // the target server, as super
let dir: string;
let backup: string; // the backup of /app every test starts from

const BINARY = Buffer.from([0, 255, 1, 254, 10, 13, 0x80]);
const LEAVES = 60;
const SECURE_ACL: Acl[] = [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: PERM.READ | PERM.ADMIN }];
const KEY_ACL: Acl[] = [{ scheme: 'digest', id: digestFor('ops', 'pw'), perms: PERM.ALL }];
const READ_ONLY: Acl[] = [{ scheme: 'world', id: 'anyone', perms: PERM.READ }];
// app; bin, empty, nulldata; secure + key; ro + c; queue + 10 items; live; g + leaves
const TOTAL = 1 + 3 + 2 + 2 + 11 + 1 + 1 + LEAVES;

function file(name: string): string {
  return path.join(dir, name);
}

/** The one summary line a copy prints. */
function summary(r: CommandResult): string {
  const line = r.out.find((l) => l.startsWith('copy done:') || l.startsWith('copy --dry-run done:'));
  if (!line) throw new Error(`no copy summary (exit ${r.code}):\n${[...r.out, ...r.err].join('\n')}`);
  return line;
}

function count(line: string, key: string): number {
  const m = new RegExp(`(?:^| )${key}=(\\d+)`).exec(line);
  if (!m) throw new Error(`${key}= not in ${line}`);
  return Number(m[1]);
}

/** A refusal: exit code, exactly one line on stderr, nothing on stdout, no stack trace. */
function oneLineError(r: CommandResult, code: number): string {
  expect(r.code).toBe(code);
  expect(r.err).toHaveLength(1);
  expect(r.out).toEqual([]);
  expect(r.err[0]).not.toMatch(/\n|^\s+at |Unexpected error/);
  return r.err[0]!;
}

async function tempFiles(): Promise<string[]> {
  return (await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'));
}

beforeAll(async () => {
  await ensureBuilt(); // copy and verify run their sessions in build/ops/remote/bulkWorker.js
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zkpilot-fileends-'));
  const sb = source();
  h = await ShellHarness.open(sb.connectString, { assumeYes: true });
  h.registry.registerAll(opsCommands({ resolveProfile: (name) => (name === 'target' ? target().connectString : null) }));
  await h.run(`addauth digest ${sb.superUser}:${sb.superPassword}`);
  const zk = h.client;
  await zk.create('/app', Buffer.from('root'));
  await zk.create('/app/bin', BINARY);
  await zk.create('/app/empty', Buffer.alloc(0));
  await zk.create('/app/nulldata', null);
  // Restrictive ACLs on nodes with children: a restore must create the children first.
  await zk.create('/app/secure', Buffer.from('s'));
  await zk.create('/app/secure/key', Buffer.from([9, 8, 7]));
  await zk.setAcl('/app/secure/key', KEY_ACL);
  await zk.setAcl('/app/secure', SECURE_ACL);
  await zk.create('/app/ro', Buffer.from('read only'));
  await zk.create('/app/ro/c', Buffer.from('child'));
  await zk.setAcl('/app/ro', READ_ONLY);
  // A queue: 20 sequential items, the first 10 consumed, so the counter (20) runs ahead of the names.
  await zk.create('/app/queue', null);
  const items: string[] = [];
  for (let i = 0; i < 20; i++) items.push(await zk.create('/app/queue/item-', Buffer.from(`job ${i}`), { mode: 'persistent_sequential' }));
  for (const p of items.slice(0, 10)) await zk.delete(p);
  await zk.create('/app/g', null);
  await Promise.all(Array.from({ length: LEAVES }, (_, i) => zk.create(`/app/g/n${i}`, Buffer.alloc(50, i))));
  owner = createZkClient({ connectString: sb.connectString });
  await owner.waitConnected(20_000);
  await owner.create('/app/live', null);
  await owner.create('/app/live/session-a', Buffer.from('e'), { mode: 'ephemeral' });
  await owner.create('/app/live/lock-', Buffer.from('e'), { mode: 'ephemeral_sequential' });
  dst = createZkClient({ connectString: target().connectString });
  await dst.waitConnected(20_000);
  await dst.addAuth('digest', `${target().superUser}:${target().superPassword}`);
  backup = file('app.jsonl');
  const r = await h.run(`copy /app file:${backup}`);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
});

afterAll(async () => {
  await h?.close();
  await owner?.close();
  await dst?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('copy to a file: the backup', () => {
  it('writes a header, a line per node (ephemerals left out) and a trailer with counts and sha256; mode 0600, no temp file', async () => {
    const bytes = await fs.readFile(backup);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(TOTAL + 2);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const pkg = JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(header).toMatchObject({ format: 'zkpilot-backup', version: 1, source: { root: '/app', typed: '/app', connectString: source().connectString }, zkpilot: pkg.version });
    expect(Math.abs(Date.parse(header['time'] as string) - Date.now())).toBeLessThan(10 * 60_000);
    const nodes = lines.slice(1, -1).map((l) => JSON.parse(l) as { path: string; data: string | null; acl: Acl[]; stat: Record<string, number>; seq?: number });
    expect(nodes.map((n) => n.path)).toContain('live');
    expect(nodes.map((n) => n.path).filter((p) => p.startsWith('live/'))).toEqual([]);
    const bin = nodes.find((n) => n.path === 'bin')!;
    expect(Buffer.from(bin.data!, 'base64')).toEqual(BINARY);
    expect(bin.stat['dataLength']).toBe(BINARY.length);
    expect(nodes.find((n) => n.path === 'nulldata')!.data).toBeNull();
    expect(nodes.find((n) => n.path === 'secure')!.acl).toEqual(SECURE_ACL);
    expect(nodes.find((n) => n.path === 'queue')!.seq).toBe(19);
    const trailer = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
    expect(trailer).toMatchObject({ trailer: 'zkpilot-backup', nodes: TOTAL, ephemeralsSkipped: 2, vanished: 0 });
    const body = bytes.subarray(0, bytes.length - Buffer.byteLength(lines[lines.length - 1]!) - 1);
    expect(trailer['sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect((await fs.stat(backup)).mode & 0o777).toBe(0o600);
    expect(await tempFiles()).toEqual([]);
  });

  it('says what it wrote in its summary line', async () => {
    const r = await h.run(`copy /app/g file:${file('g.jsonl')}`);
    expect(r.code).toBe(0);
    expect(summary(r)).toMatch(new RegExp(`^copy done: ${LEAVES + 1} nodes in .*: wrote file:${file('g.jsonl')} \\(.*, ${LEAVES + 1} nodes, .* of data\\) ephemeral_skipped=0 vanished=0$`));
  });

  it('gzips a .gz name, and a backup re-written from the plain file verifies equal to it (file:A file:B)', async () => {
    const gz = file('app.jsonl.gz');
    const r = await h.run(`copy file:${backup} file:${gz}`);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const bytes = await fs.readFile(gz);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const v = await h.run(`verify file:${backup} file:${gz}`);
    expect(v.code).toBe(0);
    expect(v.out[v.out.length - 1]).toContain(`EQUAL compared=${TOTAL} `);
    // A gzipped backup straight from the tree verifies equal to the tree.
    const direct = file('direct.jsonl.gz');
    expect((await h.run(`copy /app file:${direct}`)).code).toBe(0);
    expect((await fs.readFile(direct)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const t = await h.run(`verify /app file:${direct}`);
    expect(t.code).toBe(0);
    expect(t.out[t.out.length - 1]).toContain(`EQUAL compared=${TOTAL} `);
    expect(t.out[t.out.length - 1]).toContain('ephemeral_skipped=2');
  });

  it('--dry-run reads the tree and says what it would write; no file', async () => {
    const target = file('dry.jsonl');
    const r = await h.run(`copy --dry-run /app file:${target}`);
    expect(r.code).toBe(0);
    expect(summary(r)).toContain(`would write file:${target} (${TOTAL} nodes, `);
    expect(existsSync(target)).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses an existing file with --no-overwrite, a missing directory and a missing source in one line, writing nothing', async () => {
    const before = await fs.readFile(backup);
    const kept = oneLineError(await h.run(`copy --no-overwrite /app file:${backup}`), 1);
    expect(kept).toContain(`file:${backup}: already exists`);
    expect(await fs.readFile(backup)).toEqual(before);
    const nodir = oneLineError(await h.run(`copy /app file:${file('no/such/dir/x.jsonl')}`), 1);
    expect(nodir).toContain('no such directory');
    const nosrc = oneLineError(await h.run(`copy /nosuch file:${file('nosrc.jsonl')}`), 1);
    expect(nosrc).toContain('Node does not exist: /nosuch');
    expect(existsSync(file('nosrc.jsonl'))).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });

  it('fails in one line on a node it may not read (the other server, no credentials there), leaving no file', async () => {
    const noauth = file('noauth.jsonl');
    expect((await h.run(`copy --auth /app target:/readable/app`)).code).toBe(0);
    const r = await h.run(`copy target:/readable/app file:${noauth}`);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/Insufficient permission|NoAuth|not authorized/i);
    expect(r.err[0]).not.toContain('Unexpected error');
    expect(existsSync(noauth)).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });

  it('cancelled part way, leaves neither the file nor a temp file', async () => {
    const controller = new AbortController();
    const off = h.bus.on('progress', (e) => {
      if (e.progress.label.startsWith('copy /app →') && e.progress.state === 'running' && e.progress.done >= 1) controller.abort();
    });
    const cancelled = file('cancelled.jsonl.gz');
    const mark = h.sink.lines.length;
    const code = await h.shell.execute(`copy /app file:${cancelled}`, 'tui', controller.signal);
    off();
    expect(controller.signal.aborted).toBe(true);
    expect(code).toBe(1);
    const err = h.since(mark).filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^copy cancelled after .*: nothing written to file:${cancelled}$`));
    expect(existsSync(cancelled)).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('copy from a file: the restore', () => {
  it('checks the whole file first, then restores to the other server without its credentials: data, ACLs after subtrees, no ephemerals', async () => {
    const events: ProgressInfo[] = [];
    const off = h.bus.on('progress', (e) => events.push(e.progress));
    const r = await h.run(`copy file:${backup} target:/restored/app`);
    off();
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const line = summary(r);
    expect(count(line, 'create')).toBe(TOTAL);
    expect(count(line, 'ephemeral_skipped')).toBe(2);
    expect(count(line, 'parents_created')).toBe(1);
    // Progress: the check of the file, done, before the restore's own meter starts.
    const label = `copy file:${backup} → target:/restored/app`;
    const checking = events.map((p, i) => ({ p, i })).filter(({ p }) => p.label === `${label}: checking the file`);
    const restoring = events.map((p, i) => ({ p, i })).filter(({ p }) => p.label === label);
    expect(checking.length).toBeGreaterThan(0);
    expect(restoring.length).toBeGreaterThan(0);
    const checked = checking[checking.length - 1]!;
    expect(checked.p).toMatchObject({ state: 'done', done: TOTAL });
    expect(checked.i).toBeLessThan(restoring[0]!.i);
    expect(restoring[restoring.length - 1]!.p).toMatchObject({ state: 'done', done: TOTAL, total: TOTAL });

    await dst.sync('/restored/app');
    expect((await dst.get('/restored/app')).data).toEqual(Buffer.from('root'));
    expect((await dst.get('/restored/app/bin')).data).toEqual(BINARY);
    expect((await dst.get('/restored/app/nulldata')).data).toBeNull();
    expect((await dst.get('/restored/app/empty')).data).toEqual((await h.client.get('/app/empty')).data);
    expect((await dst.get('/restored/app/g/n7')).data).toEqual(Buffer.alloc(50, 7));
    // The session had no credentials there: each restrictive ACL went on after its children were created.
    expect((await dst.getAcl('/restored/app/secure')).acl).toEqual(SECURE_ACL);
    expect((await dst.getAcl('/restored/app/secure/key')).acl).toEqual(KEY_ACL);
    expect((await dst.get('/restored/app/secure/key')).data).toEqual(Buffer.from([9, 8, 7]));
    expect((await dst.getAcl('/restored/app/ro')).acl).toEqual(READ_ONLY);
    expect((await dst.get('/restored/app/ro/c')).data).toEqual(Buffer.from('child'));
    expect((await dst.getChildren('/restored/app/live')).children).toEqual([]);
    expect((await dst.getChildren('/restored/app/queue')).children.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `item-${String(i + 10).padStart(10, '0')}`));
  });

  it('carries the sequence counters over: the next sequential name continues the source’s', async () => {
    const created = await dst.create('/restored/app/queue/item-', Buffer.from('new'), { mode: 'persistent_sequential' });
    expect(created).toBe('/restored/app/queue/item-0000000020');
    await dst.delete(created);
    // Also where the sequential children were ephemeral (never in the backup): the next lock.
    const lock = await dst.create('/restored/app/live/lock-', null, { mode: 'ephemeral_sequential' });
    expect(lock).toBe('/restored/app/live/lock-0000000002');
    await dst.delete(lock);
  });

  it('verifies equal against the file in both directions (exit 0), and so does the source tree', async () => {
    const fromFile = await h.run(`verify --auth file:${backup} target:/restored/app`);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out[fromFile.out.length - 1]).toContain(`EQUAL compared=${TOTAL} missing=0 extra=0 data_differs=0 acl_differs=0`);
    const toFile = await h.run(`verify --auth target:/restored/app file:${backup}`);
    expect(toFile.code).toBe(0);
    expect(toFile.out[toFile.out.length - 1]).toContain(`EQUAL compared=${TOTAL} `);
    const tree = await h.run(`verify /app file:${backup}`);
    expect(tree.code).toBe(0);
    expect(tree.out[tree.out.length - 1]).toContain('ephemeral_skipped=2');
  });

  it('a re-run resumes (nothing created, all unchanged); --no-overwrite keeps a changed node; verify lists it (exit 1) until a copy repairs it', async () => {
    const again = summary(await h.run(`copy --auth file:${backup} target:/restored/app`));
    expect(count(again, 'create')).toBe(0);
    expect(count(again, 'unchanged')).toBe(TOTAL);

    await dst.set('/restored/app/g/n3', Buffer.from('changed'));
    const kept = await h.run(`copy --auth --no-overwrite file:${backup} target:/restored/app`);
    expect(kept.code).toBe(0);
    expect(count(summary(kept), 'kept')).toBe(TOTAL);
    expect((await dst.get('/restored/app/g/n3')).data).toEqual(Buffer.from('changed'));

    const fromFile = await h.run(`verify --auth file:${backup} target:/restored/app`);
    expect(fromFile.code).toBe(1);
    expect(fromFile.out.find((l) => l.startsWith('data differs /app/g/n3'))).toContain('50 bytes vs 7 bytes');
    expect(fromFile.out[fromFile.out.length - 1]).toContain('DIFFERENT compared=');
    expect(fromFile.out[fromFile.out.length - 1]).toContain('missing=0 extra=0 data_differs=1 acl_differs=0');
    const toFile = await h.run(`verify --auth target:/restored/app file:${backup}`);
    expect(toFile.code).toBe(1);
    expect(toFile.out.find((l) => l.startsWith('data differs /restored/app/g/n3'))).toContain('7 bytes vs 50 bytes');

    // Two backups that differ: file:A file:B lists the difference.
    const changed = file('changed.jsonl');
    expect((await h.run(`copy --auth target:/restored/app file:${changed}`)).code).toBe(0);
    const files = await h.run(`verify file:${backup} file:${changed}`);
    expect(files.code).toBe(1);
    expect(files.out.some((l) => l.startsWith('data differs /app/g/n3'))).toBe(true);

    const repaired = summary(await h.run(`copy --auth file:${backup} target:/restored/app`));
    expect(count(repaired, 'update')).toBe(1);
    expect(count(repaired, 'unchanged')).toBe(TOTAL - 1);
    expect((await h.run(`verify --auth file:${backup} target:/restored/app`)).code).toBe(0);
  });

  it('an extra node, a missing node and a changed ACL on the tree are listed against the file', async () => {
    await dst.create('/restored/app/g/stray', Buffer.from('x'));
    await dst.delete('/restored/app/g/n0');
    await dst.setAcl('/restored/app/g/n1', READ_ONLY);
    const r = await h.run(`verify --auth file:${backup} target:/restored/app`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('missing      /app/g/n0');
    expect(r.out).toContain('extra        /restored/app/g/stray');
    expect(r.out.find((l) => l.startsWith('acl differs  /app/g/n1'))).toContain('world:anyone:cdrwa vs world:anyone:r');
    expect(r.out[r.out.length - 1]).toContain('missing=1 extra=1 data_differs=0 acl_differs=1');
    expect((await h.run(`verify --auth --no-acl file:${backup} target:/restored/app`)).out.at(-1)).toContain('missing=1 extra=1 data_differs=0 acl_differs=0');
  });

  it('with a window of one request, backs up the same file and restores the same tree', async () => {
    const narrow = file('narrow.jsonl');
    expect((await h.run(`copy -w 1 /app file:${narrow}`)).code).toBe(0);
    const same = await h.run(`verify file:${backup} file:${narrow}`);
    expect(same.code).toBe(0);
    expect(same.out.at(-1)).toContain(`EQUAL compared=${TOTAL} `);
    const r = await h.run(`copy -w 1 --auth file:${narrow} target:/narrow/app`);
    expect(r.err).toEqual([]);
    expect(count(summary(r), 'create')).toBe(TOTAL);
    const v = await h.run(`verify --auth /app target:/narrow/app`);
    expect(v.code).toBe(0);
    expect(v.out.at(-1)).toContain(`EQUAL compared=${TOTAL} `);
    expect(await dst.create('/narrow/app/queue/item-', null, { mode: 'persistent_sequential' })).toBe('/narrow/app/queue/item-0000000020');
  });

  it('a restore cancelled part way says so in one line, and the same command resumes it', async () => {
    // One write at a time (-w 1) over this many nodes runs well past the meter's first interval
    // (200 ms): the first running snapshot comes part way, and the cancel stops within a write or two.
    const BULK = 1500;
    const zk = h.client;
    await zk.create('/bulk', null);
    let next = 0;
    await Promise.all(Array.from({ length: 200 }, async () => {
      while (next < BULK) await zk.create(`/bulk/n${next++}`, Buffer.from('x'));
    }));
    const bulk = file('bulk.jsonl.gz');
    expect((await h.run(`copy /bulk file:${bulk}`)).code).toBe(0);
    const controller = new AbortController();
    const label = `copy file:${bulk} → target:/resumed/bulk`;
    const off = h.bus.on('progress', (e) => {
      if (e.progress.label === label && e.progress.state === 'running' && e.progress.done >= 1) controller.abort();
    });
    const mark = h.sink.lines.length;
    const code = await h.shell.execute(`copy -w 1 file:${bulk} target:/resumed/bulk`, 'tui', controller.signal);
    off();
    expect(controller.signal.aborted).toBe(true);
    expect(code).toBe(1);
    const err = h.since(mark).filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(err).toHaveLength(1);
    const cancelled = /^copy cancelled after (\d+) nodes .*: run the same copy again to resume$/.exec(err[0]!);
    expect(cancelled).not.toBeNull();
    const done = Number(cancelled![1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(BULK + 1);
    const line = summary(await h.run(`copy file:${bulk} target:/resumed/bulk`));
    expect(count(line, 'unchanged')).toBe(done);
    expect(count(line, 'create')).toBe(BULK + 1 - done);
    expect((await h.run(`verify file:${bulk} target:/resumed/bulk`)).code).toBe(0);
  });

  it('a restore over nodes it may not read or write (no credentials there) fails in one line', async () => {
    const r = await h.run(`copy file:${backup} target:/restored/app`);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^Insufficient permission : \/restored\/app\/(secure|ro)/);
  });

  it('restores to another path on the same server (a gzipped backup), equal to the tree it came from', async () => {
    const r = await h.run(`copy file:${file('app.jsonl.gz')} /copy/of/app`);
    expect(r.err).toEqual([]);
    expect(count(summary(r), 'create')).toBe(TOTAL);
    const v = await h.run('verify /app /copy/of/app');
    expect(v.code).toBe(0);
    expect(v.out[v.out.length - 1]).toContain(`EQUAL compared=${TOTAL} `);
    const f = await h.run(`verify /copy/of/app file:${backup}`);
    expect(f.code).toBe(0);
  });
});

describe('a backup changed between its check and its restore', () => {
  it('is refused in one line, nothing written', async () => {
    const changing = file('changing.jsonl');
    await fs.copyFile(backup, changing);
    const label = `copy file:${changing} → target:/changed`;
    // The moment the check ends, someone rewrites the file (same bytes, a new mtime).
    const off = h.bus.on('progress', (e) => {
      if (e.progress.label === `${label}: checking the file` && e.progress.state === 'done') utimesSync(changing, new Date(), new Date(Date.now() + 60_000));
    });
    try {
      const r = await h.run(`copy file:${changing} target:/changed`);
      expect(oneLineError(r, 1)).toBe(`file:${changing}: changed while it was being checked: nothing written`);
    } finally {
      off();
    }
    expect(await dst.exists('/changed')).toBeNull();
  });
});

describe('bad backup files: one line, exit 1 (copy) or 2 (verify), nothing written to ZooKeeper', () => {
  const cases: [string, RegExp, () => Promise<string>][] = [
    ['cut in the middle', /truncated/, async () => {
      const text = await fs.readFile(backup);
      return write('cut.jsonl', text.subarray(0, Math.floor(text.length / 2)));
    }],
    ['a gzip file cut short', /truncated/, async () => {
      const gz = await fs.readFile(file('app.jsonl.gz'));
      return write('cut.jsonl.gz', gz.subarray(0, gz.length - 20));
    }],
    ['a line that is not JSON', /corrupt at line 5: not JSON/, async () => {
      const lines = (await fs.readFile(backup, 'utf8')).split('\n');
      lines[4] = lines[4]!.slice(0, 20);
      return write('notjson.jsonl', lines.join('\n'));
    }],
    ['a data byte changed, lengths kept', /checksum mismatch/, async () => {
      const text = await fs.readFile(backup, 'utf8');
      const was = BINARY.toString('base64');
      const now = Buffer.from([...BINARY.subarray(0, -1), 0x81]).toString('base64');
      expect(now.length).toBe(was.length);
      expect(text).toContain(was);
      return write('edited.jsonl', text.replace(was, now));
    }],
    ['a text file', /not a zkpilot backup/, async () => (existsSync('/etc/hostname') ? '/etc/hostname' : write('hostname', 'myhost\n'))],
    ['another JSON file', /not a zkpilot backup/, () => write('other.json', '{"name":"zkpilot","version":"0.1.0"}\n')],
    ['a newer format', /newer zkpilot \(backup format version 2/, async () => write('newer.jsonl', (await fs.readFile(backup, 'utf8')).replace('"version":1', '"version":2'))],
    ['a missing file', /no such file/, async () => file('missing.jsonl')],
    ['an empty file', /empty file/, () => write('empty.jsonl', '')],
  ];

  async function write(name: string, content: string | Buffer): Promise<string> {
    await fs.writeFile(file(name), content);
    return file(name);
  }

  it.each(cases)('%s', async (_what, message, make) => {
    const bad = await make();
    const copied = oneLineError(await h.run(`copy --auth file:${bad} target:/bad/app`), 1);
    expect(copied).toMatch(message);
    expect(copied.startsWith(`file:${bad}: `)).toBe(true);
    await dst.sync('/');
    expect(await dst.exists('/bad')).toBeNull();
    const local = oneLineError(await h.run(`copy file:${bad} /bad-local/app`), 1);
    expect(local).toMatch(message);
    expect(await h.client.exists('/bad-local')).toBeNull();
    expect(oneLineError(await h.run(`verify file:${bad} /app`), 2)).toMatch(message);
    expect(oneLineError(await h.run(`verify /app file:${bad}`), 2)).toMatch(message);
    // Re-written to another file: nothing written there either.
    const out = file('rewritten.jsonl.gz');
    expect(oneLineError(await h.run(`copy file:${bad} file:${out}`), 1)).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });
});
