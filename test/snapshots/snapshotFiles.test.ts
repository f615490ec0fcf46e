// The snapshot module on crafted dataDirs: names parsed and sorted by zxid as a number (not as
// text, not by mtime, across epochs), the newest complete snapshot and the logs it needs
// (trap 7), the archive read back, no partial archive on failure, and restore refusing a
// non-empty target.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { extract } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archiveEntries, listDataDir, logsAfter, NoSnapshotError, packSelection, PackError, parseZxidFileName, restoreArchive, RestoreError,
  selectSnapshot, SnapshotDirError, versionDir,
} from '../../src/snapshots/index.js';
import { removeTempDirs, reverseMtimes, tempDir, writeLog, writeSnapshot } from './fixtures.js';

afterAll(removeTempDirs);

const names = (files: readonly { name: string }[]) => files.map((f) => f.name);

describe('file names', () => {
  it('parses snapshot and log names into zxids; ignores everything else', () => {
    expect(parseZxidFileName('snapshot.100000071')?.zxid).toMatchObject({ hex: '0x100000071', epoch: 1, counter: 0x71 });
    expect(parseZxidFileName('log.1')).toMatchObject({ kind: 'log', order: 1n });
    expect(parseZxidFileName('snapshot.2000000a1.gz')?.kind).toBe('snapshot');
    expect(parseZxidFileName('snapshot.0.snappy')?.order).toBe(0n);
    for (const other of ['currentEpoch', 'acceptedEpoch', 'log.5.gz', 'snapshot.', 'snapshot.xyz', 'snapshot.1.tmp', 'log.12345678901234567']) {
      expect(parseZxidFileName(other), other).toBeNull();
    }
  });
});

describe('listing and picking', () => {
  it('sorts by zxid as a number: not by name (lengths differ), not by mtime, across an epoch change', async () => {
    const dir = tempDir();
    const v2 = path.join(dir, 'version-2');
    // As text: 10 < 100000000 < 9 < ffffffff. As zxids: 9 < 0x10 < 0xffffffff (epoch 0) < 0x100000000 (epoch 1).
    const files = [
      await writeSnapshot(v2, '9'),
      await writeSnapshot(v2, '10'),
      await writeSnapshot(v2, 'ffffffff'),
      await writeSnapshot(v2, '100000000'),
    ];
    await reverseMtimes(files);
    await fs.writeFile(path.join(v2, 'currentEpoch'), '1');
    const listing = await listDataDir(dir);
    expect(names(listing.snapshots)).toEqual(['snapshot.9', 'snapshot.10', 'snapshot.ffffffff', 'snapshot.100000000']);
    const selection = await selectSnapshot(listing);
    expect(selection.snapshot.name).toBe('snapshot.100000000');
    expect(selection.snapshot.zxid).toMatchObject({ epoch: 1, counter: 0 });
    // The version-2 dir itself is accepted too (conf prints it as dataDir=).
    expect((await listDataDir(v2)).snapDir).toBe(v2);
  });

  it('takes the last log starting at or before the snapshot and every later one (trap 7)', async () => {
    const log = (hex: string) => ({ kind: 'log' as const, name: `log.${hex}`, path: `/x/log.${hex}`, size: 1, order: BigInt(`0x${hex}`), zxid: { value: 0, hex: `0x${hex}`, epoch: 0, counter: 0 } });
    const logs = ['200000001', '1', 'fffffff0', 'ff', '100000002'].map(log);
    // Snapshot 0x100000000: log.fffffff0 (epoch 0) holds the transactions right after it.
    expect(logsAfter(0x100000000n, logs).map((l) => l.file.name)).toEqual(['log.fffffff0', 'log.100000002', 'log.200000001']);
    expect(logsAfter(0x100000000n, logs)[0]!.why).toMatch(/last log starting at or before the snapshot/);
    // A log starting exactly at the snapshot's zxid is that log.
    expect(logsAfter(0xffn, logs).map((l) => l.file.name)).toEqual(['log.ff', 'log.fffffff0', 'log.100000002', 'log.200000001']);
    // No log starts at or before it: all of them follow it.
    expect(logsAfter(0n, logs).map((l) => l.file.name)).toEqual(['log.1', 'log.ff', 'log.fffffff0', 'log.100000002', 'log.200000001']);
  });

  it('selects from a real-looking dir, logs in a separate dataLogDir; warns about a gap', async () => {
    const dir = tempDir();
    const logDir = tempDir();
    await writeSnapshot(path.join(dir, 'version-2'), '0');
    await writeSnapshot(path.join(dir, 'version-2'), '1000001f4');
    for (const hex of ['1', '1000000c8', '1000001f5', '200000001']) await writeLog(path.join(logDir, 'version-2'), hex);
    const selection = await selectSnapshot(await listDataDir(dir, logDir));
    expect(names(selection.included.map((i) => i.file))).toEqual(['snapshot.1000001f4', 'log.1000000c8', 'log.1000001f5', 'log.200000001']);
    expect(selection.gap).toBeNull();

    const gapDir = tempDir();
    await writeSnapshot(path.join(gapDir, 'version-2'), '10');
    await writeLog(path.join(gapDir, 'version-2'), '20');
    expect((await selectSnapshot(await listDataDir(gapDir))).gap).toMatch(/starts at 0x20, after the snapshot's 0x10/);
    // A new epoch starts its counter again: snapshot.0 then log.100000001 is no gap.
    const epochDir = tempDir();
    await writeSnapshot(path.join(epochDir, 'version-2'), '0');
    await writeLog(path.join(epochDir, 'version-2'), '100000001');
    expect((await selectSnapshot(await listDataDir(epochDir))).gap).toBeNull();
  });

  it('passes over a snapshot still being written (no seal), as ZooKeeper does', async () => {
    const dir = tempDir();
    const v2 = path.join(dir, 'version-2');
    await writeSnapshot(v2, '100000010');
    await writeSnapshot(v2, '100000020', false);
    const selection = await selectSnapshot(await listDataDir(dir));
    expect(selection.snapshot.name).toBe('snapshot.100000010');
    expect(names(selection.skipped.map((s) => s.file))).toEqual(['snapshot.100000020']);
  });

  it('says what is wrong with a bad directory in one line', async () => {
    const dir = tempDir();
    await expect(versionDir(path.join(dir, 'nope'))).rejects.toThrow(SnapshotDirError);
    await expect(versionDir(path.join(dir, 'nope'))).rejects.toThrow(/no such directory/);
    await expect(versionDir(dir)).rejects.toThrow(/no version-2 directory and no snapshot or log files/);
    await fs.writeFile(path.join(dir, 'file'), 'x');
    await expect(versionDir(path.join(dir, 'file'))).rejects.toThrow(/not a directory/);
    await writeLog(path.join(dir, 'version-2'), '1');
    await expect(selectSnapshot(await listDataDir(dir))).rejects.toThrow(NoSnapshotError);
    await expect(selectSnapshot(await listDataDir(dir))).rejects.toThrow(/no snapshot\.\* file/);
  });
});

describe('pack', () => {
  async function sourceDir(): Promise<string> {
    const dir = tempDir();
    const v2 = path.join(dir, 'version-2');
    await writeSnapshot(v2, '0');
    await writeLog(v2, '1');
    await writeSnapshot(v2, '1000000c8');
    await writeLog(v2, '1000000c1');
    await writeLog(v2, '1000000d0', 5000);
    return dir;
  }

  it('packs the snapshot and its logs under version-2/, mode 0600, and they unpack byte for byte', async () => {
    const dir = await sourceDir();
    const out = path.join(tempDir(), 'data.tar.gz');
    const selection = await selectSnapshot(await listDataDir(dir));
    const result = await packSelection(selection, out);
    expect(result.file).toBe(out);
    expect(result.entries).toEqual(['version-2/snapshot.1000000c8', 'version-2/log.1000000c1', 'version-2/log.1000000d0']);
    expect(await archiveEntries(out)).toEqual(result.entries);
    expect((await fs.stat(out)).mode & 0o777).toBe(0o600);
    const unpacked = tempDir();
    await extract({ file: out, cwd: unpacked });
    for (const entry of result.entries) {
      expect((await fs.readFile(path.join(unpacked, entry))).equals(await fs.readFile(path.join(dir, entry)))).toBe(true);
    }
    expect(await fs.readdir(path.dirname(out))).toEqual(['data.tar.gz']);
  });

  it('packs and restores a preallocated log (64 MiB, mostly zeros: beyond node-tar\'s default bomb guard)', async () => {
    const dir = tempDir();
    const v2 = path.join(dir, 'version-2');
    await writeSnapshot(v2, '0');
    const log = await writeLog(v2, '100000001', 1000);
    await fs.truncate(log, 64 * 1024 * 1024); // as ZooKeeper preallocates
    const result = await packSelection(await selectSnapshot(await listDataDir(dir)), path.join(tempDir(), 'data.tar.gz'));
    expect(result.bytes).toBeLessThan(1024 * 1024);
    const target = tempDir();
    const restored = await restoreArchive(result.file, target);
    expect((await fs.stat(path.join(restored.snapDir, 'log.100000001'))).size).toBe(64 * 1024 * 1024);
  });

  it('leaves no partial archive, and the previous one intact, when a file vanishes mid-pack', async () => {
    const dir = await sourceDir();
    const outDir = tempDir();
    const out = path.join(outDir, 'data.tar.gz');
    await fs.writeFile(out, 'the previous archive');
    const selection = await selectSnapshot(await listDataDir(dir));
    await fs.rm(path.join(dir, 'version-2', 'log.1000000d0')); // ZooKeeper purged it meanwhile
    await expect(packSelection(selection, out)).rejects.toThrow(PackError);
    await expect(packSelection(selection, out)).rejects.toThrow(/vanished while packing/);
    expect(await fs.readFile(out, 'utf8')).toBe('the previous archive');
    expect(await fs.readdir(outDir)).toEqual(['data.tar.gz']);
  });

  it('writes nothing when cancelled', async () => {
    const dir = await sourceDir();
    const outDir = tempDir();
    const controller = new AbortController();
    controller.abort();
    await expect(packSelection(await selectSnapshot(await listDataDir(dir)), path.join(outDir, 'data.tar.gz'), { signal: controller.signal })).rejects.toThrow(/cancelled/);
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});

describe('restore', () => {
  async function archive(): Promise<{ file: string; entries: string[] }> {
    const dir = tempDir();
    const v2 = path.join(dir, 'version-2');
    await writeSnapshot(v2, '100000005');
    await writeLog(v2, '100000001');
    const result = await packSelection(await selectSnapshot(await listDataDir(dir)), path.join(tempDir(), 'data.tar.gz'));
    return { file: result.file, entries: result.entries };
  }

  it('unpacks into an empty dataDir (given as the dataDir or its version-2)', async () => {
    const { file } = await archive();
    const target = tempDir();
    await fs.writeFile(path.join(target, 'myid'), '1\n');
    const result = await restoreArchive(file, target);
    expect(result.snapDir).toBe(path.join(target, 'version-2'));
    expect((await fs.readdir(result.snapDir)).sort()).toEqual(['log.100000001', 'snapshot.100000005']);
    expect(result.notes).toEqual([]);
    expect((await fs.readdir(target)).sort()).toEqual(['myid', 'version-2']); // no staging dir left

    const other = tempDir();
    await fs.mkdir(path.join(other, 'version-2'));
    const viaVersionDir = await restoreArchive(file, path.join(other, 'version-2'));
    expect(viaVersionDir.snapDir).toBe(path.join(other, 'version-2'));
    expect(viaVersionDir.notes[0]).toMatch(/no myid/);
  });

  it('refuses a non-empty target version-2, and with force moves it aside', async () => {
    const { file } = await archive();
    const target = tempDir();
    const v2 = path.join(target, 'version-2');
    await writeSnapshot(v2, '300000000');
    await fs.writeFile(path.join(v2, 'currentEpoch'), '3');
    const refusal = restoreArchive(file, target);
    await expect(refusal).rejects.toThrow(RestoreError);
    await expect(restoreArchive(file, target)).rejects.toThrow(/version-2 is not empty \(2 files: .*\): .*--force to move it aside/);
    expect((await fs.readdir(v2)).sort()).toEqual(['currentEpoch', 'snapshot.300000000']);

    const result = await restoreArchive(file, target, { force: true, now: () => new Date('2025-10-05T09:12:44.123Z') });
    expect(result.movedAside).toEqual([path.join(target, 'version-2.before-restore-20251005T091244Z')]);
    expect((await fs.readdir(result.movedAside[0]!)).sort()).toEqual(['currentEpoch', 'snapshot.300000000']);
    expect((await fs.readdir(v2)).sort()).toEqual(['log.100000001', 'snapshot.100000005']);
  });

  it('puts logs into a separate dataLogDir', async () => {
    const { file } = await archive();
    const target = tempDir();
    const logs = tempDir();
    const result = await restoreArchive(file, target, { logDir: logs });
    expect(await fs.readdir(path.join(target, 'version-2'))).toEqual(['snapshot.100000005']);
    expect(await fs.readdir(path.join(logs, 'version-2'))).toEqual(['log.100000001']);
    expect(result.logs).toEqual(['log.100000001']);
  });

  it('refuses what is not a snapshot archive, and a missing target, without touching anything', async () => {
    const target = tempDir();
    const stray = tempDir();
    await fs.mkdir(path.join(stray, 'version-2'));
    await fs.writeFile(path.join(stray, 'version-2', 'myid'), '1');
    const bad = path.join(tempDir(), 'bad.tar.gz');
    const { create } = await import('tar');
    await create({ gzip: true, file: bad, cwd: stray }, ['version-2/myid']);
    await expect(restoreArchive(bad, target)).rejects.toThrow(/unexpected entry version-2\/myid/);
    const notTar = path.join(tempDir(), 'x.tar.gz');
    await fs.writeFile(notTar, 'not a tarball at all, just text');
    await expect(restoreArchive(notTar, target)).rejects.toThrow(/x\.tar\.gz: not a readable \.tar\.gz \(TAR_BAD_ARCHIVE: Unrecognized archive format\)$/);
    await expect(restoreArchive(path.join(target, 'missing.tar.gz'), target)).rejects.toThrow(/no such file/);
    const { file } = await archive();
    await expect(restoreArchive(file, path.join(target, 'nope'))).rejects.toThrow(/no such directory \(the target dataDir\)/);
    expect(await fs.readdir(target)).toEqual([]);
    expect(existsSync(path.join(target, 'version-2'))).toBe(false);
  });
});
