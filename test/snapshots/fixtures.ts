// Crafted ZooKeeper data directories: snapshot files sealed as ZooKeeper seals them (the int 1
// and '/' as the last five bytes), or cut short, and log files of any size.
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A fresh temp dir; `removeTempDirs` (in the file's afterAll) removes them all. */
export function tempDir(label = 'zkpilot-snap-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), label));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const SEAL = Buffer.from([0, 0, 0, 1, 0x2f]);

/** `dir/version-2/snapshot.<hex>`: a body naming itself, sealed unless `complete` is false. */
export async function writeSnapshot(versionDir: string, hex: string, complete = true): Promise<string> {
  await fs.mkdir(versionDir, { recursive: true });
  const file = path.join(versionDir, `snapshot.${hex}`);
  const body = Buffer.from(`ZKSN snapshot ${hex} `.repeat(8));
  await fs.writeFile(file, complete ? Buffer.concat([body, SEAL]) : body);
  return file;
}

export async function writeLog(versionDir: string, hex: string, size = 300): Promise<string> {
  await fs.mkdir(versionDir, { recursive: true });
  const file = path.join(versionDir, `log.${hex}`);
  await fs.writeFile(file, Buffer.alloc(size, hex.length));
  return file;
}

/** Makes mtimes run against zxid order: the oldest zxid gets the newest mtime. */
export async function reverseMtimes(files: readonly string[]): Promise<void> {
  const base = Date.now() / 1000;
  await Promise.all(files.map((f, i) => fs.utimes(f, base - i * 60, base - i * 60)));
}
