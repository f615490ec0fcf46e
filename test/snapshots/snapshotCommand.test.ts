// `snapshot list|pick|pack|restore` through a real shell (no ZooKeeper needed when DATADIR is
// given): tables with hex and epoch:counter zxids, one-line errors for bad input, the archive.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/app/buildConsole.js';
import { snapshotCommands } from '../../src/commands/snapshot/index.js';
import { archiveEntries } from '../../src/snapshots/index.js';
import { EventBus } from '../../src/shell/appEvents.js';
import { Connection } from '../../src/shell/connection.js';
import { History } from '../../src/shell/history.js';
import { MemorySink } from '../../src/shell/output.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { Shell } from '../../src/shell/shell.js';
import { createZkClient } from '../../src/zk/client.js';
import { removeTempDirs, reverseMtimes, tempDir, writeLog, writeSnapshot } from './fixtures.js';

// Nothing listens on port 1: "no DATADIR" finds no server to ask.
const sink = new MemorySink();
const registry = new CommandRegistry();
registry.registerAll(snapshotCommands());
const bus = new EventBus();
const conn = new Connection(createZkClient, bus, '127.0.0.1:1');
const shell = new Shell({ registry, conn, bus, history: new History(null), sink, interactive: false, assumeYes: false });
afterAll(async () => {
  await conn.close();
  removeTempDirs();
});

async function run(line: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const start = sink.lines.length;
  const code = await shell.execute(line);
  const lines = sink.lines.slice(start);
  return { code, out: lines.filter((l) => l.stream === 'stdout').map((l) => l.text), err: lines.filter((l) => l.stream === 'stderr').map((l) => l.text) };
}

async function dataDir(): Promise<string> {
  const dir = tempDir();
  const v2 = path.join(dir, 'version-2');
  const files = [await writeSnapshot(v2, 'ffffffff'), await writeLog(v2, 'fffffff0'), await writeSnapshot(v2, '100000000'), await writeLog(v2, '100000002', 2048), await writeLog(v2, '1')];
  await reverseMtimes(files);
  return dir;
}

describe('snapshot commands', () => {
  it('is registered in every console', () => {
    const app = buildConsole({ mode: 'exec', connectString: '127.0.0.1:1', sink: new MemorySink(), runbooks: { runFile: null } });
    expect(app.registry.get('snapshot')).toBeDefined();
    return app.dispose();
  });

  it('list: every file by zxid with hex, epoch:counter, size, and what a restore needs', async () => {
    const dir = await dataDir();
    const res = await run(`snapshot list ${dir}`);
    expect(res.code, res.err.join('\n')).toBe(0);
    expect(res.out[0]).toBe(path.join(dir, 'version-2'));
    expect(res.out[1]).toMatch(/^file\s+zxid\s+epoch:counter\s+size/);
    const rows = res.out.slice(2, 7).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(['log.1', 'log.fffffff0', 'snapshot.ffffffff', 'snapshot.100000000', 'log.100000002']);
    expect(rows[3]).toEqual(['snapshot.100000000', '0x100000000', '1:0', '197 B', 'newest complete snapshot']);
    expect(rows[1]).toEqual(['log.fffffff0', '0xfffffff0', '0:4294967280', '300 B', 'needed after it']);
    expect(rows[4]!.slice(1)).toEqual(['0x100000002', '1:2', '2.0 KiB', 'needed after it']);
    expect(rows[0]).toEqual(['log.1', '0x1', '0:1', '300 B']);
    expect(res.out.at(-1)).toBe('2 snapshots, 3 logs; newest: snapshot.100000000; a restore needs it + 2 logs (snapshot pack)');
  });

  it('pick: the newest snapshot and the logs it needs, each with why', async () => {
    const dir = await dataDir();
    const res = await run(`snapshot pick ${path.join(dir, 'version-2')}`);
    expect(res.code).toBe(0);
    expect(res.out[0]).toBe(`newest snapshot: snapshot.100000000 (zxid 0x100000000, 1:0) in ${path.join(dir, 'version-2')}`);
    expect(res.out.slice(2, 5).map((l) => l.split(/\s+/)[0])).toEqual(['snapshot.100000000', 'log.fffffff0', 'log.100000002']);
    expect(res.out[3]).toMatch(/last log starting at or before the snapshot \(0xfffffff0 <= 0x100000000\)/);
    expect(res.out.at(-1)).toMatch(/not the snapshot alone \(a snapshot alone loses every write after it: trap 7\): snapshot pack /);
  });

  it('pack -o FILE writes the archive and lists what went in; restore refuses a non-empty target, --force moves it aside', async () => {
    const dir = await dataDir();
    const out = path.join(tempDir(), 'migration.tar.gz');
    const progress: { done: number; total: number | null; state: string; unit: string }[] = [];
    const off = bus.on('progress', (e) => progress.push(e.progress));
    const pack = await run(`snapshot pack ${dir} -o ${out}`);
    off();
    expect(pack.code, pack.err.join('\n')).toBe(0);
    // Progress in the files' bytes: the tar stream is a little more (headers, padding) than their sum.
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ state: 'done', unit: 'MiB' });
    expect(last.done).toBeGreaterThanOrEqual(last.total!);
    expect(pack.out.at(-2)).toMatch(new RegExp(`^wrote ${out} \\(3 files, .*\\)$`));
    expect(await archiveEntries(out)).toEqual(['version-2/snapshot.100000000', 'version-2/log.fffffff0', 'version-2/log.100000002']);

    const target = tempDir();
    await fs.writeFile(path.join(target, 'myid'), '7\n');
    await writeSnapshot(path.join(target, 'version-2'), '0');
    const refused = await run(`snapshot restore ${out} ${target}`);
    expect(refused.code).toBe(1);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(/^snapshot restore: .*version-2 is not empty \(1 file: snapshot\.0\): .*give --force to move it aside$/);
    const forced = await run(`snapshot restore ${out} ${target} --force`);
    expect(forced.code, forced.err.join('\n')).toBe(0);
    expect(forced.err[0]).toMatch(/moved the target's version-2 aside to .*version-2\.before-restore-/);
    expect(forced.out[0]).toBe(`restored snapshot.100000000 + 2 logs into ${path.join(target, 'version-2')}`);
    expect((await fs.readdir(path.join(target, 'version-2'))).sort()).toEqual(['log.100000002', 'log.fffffff0', 'snapshot.100000000']);
  });

  it('bad input: one line each, exit 1', async () => {
    const empty = tempDir();
    const cases: [string, RegExp][] = [
      ['snapshot', /^snapshot list\|pick \[DATADIR\] \| pack \[DATADIR\] \[-o FILE\] \| fetch HOST:ADMINPORT \[-o FILE\] \| restore ARCHIVE DATADIR \[--force\]$/],
      ['snapshot fetch 127.0.0.1:8080 extra', /^snapshot fetch HOST:ADMINPORT \[-o FILE\] \[--user USER\]$/],
      ['snapshot frob', /^snapshot list\|pick/],
      [`snapshot list ${empty}/missing`, /^snapshot list: .*\/missing: no such directory$/],
      [`snapshot pick ${empty}`, /^snapshot pick: .*: no version-2 directory and no snapshot or log files \(is it the dataDir\?\)$/],
      ['snapshot list', /^snapshot list: no server of 127\.0\.0\.1:1 answers srvr: give DATADIR$/],
      [`snapshot restore ${empty}/none.tar.gz ${empty}`, /^snapshot restore: .*none\.tar\.gz: no such file$/],
      ['snapshot restore onlyone', /^snapshot restore ARCHIVE DATADIR/],
      [`snapshot list ${empty} extra`, /^snapshot list \[DATADIR\]/],
    ];
    for (const [line, want] of cases) {
      const res = await run(line);
      expect(res.code, line).toBe(1);
      expect(res.err[0], line).toMatch(want);
    }
    const unknown = await run(`snapshot pack ${empty} --bogus`);
    expect(unknown.err.join('\n')).toMatch(/unknown option --bogus/);
    await writeLog(path.join(empty, 'version-2'), '5');
    const noSnap = await run(`snapshot pick ${empty}`);
    expect(noSnap.err).toEqual([`snapshot pick: ${path.join(empty, 'version-2')}: no snapshot.* file`]);
  });
});
