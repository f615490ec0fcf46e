// Unpacks a `snapshot pack` archive into a target server's dataDir (and dataLogDir when separate).
// The target's own version-2 must be empty: its snapshots and logs would mix with the restored
// ones, and ZooKeeper loads the highest zxid it finds. With force it is moved aside, never
// deleted. The new version-2 is assembled in a temp dir beside it and renamed into place, so a
// failure leaves the target as it was.
import { RestoreError } from './archiveErrors.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NO_RATIO_LIMIT, readArchiveEntries } from './packArchive.js';
import { parseZxidFileName, VERSION_DIR } from './zxidFiles.js';

export { RestoreError };

export interface RestoreOptions {
  /** Move a non-empty target version-2 aside instead of refusing. */
  force?: boolean;
  /** The target's dataLogDir, when its logs live apart from the snapshots. */
  logDir?: string | null;
  now?: () => Date;
}

export interface RestoreResult {
  /** The version-2 directory the snapshots went to (and the one of the logs). */
  snapDir: string;
  logDir: string;
  snapshots: string[];
  logs: string[];
  /** Where an earlier version-2 was moved to. */
  movedAside: string[];
  /** Things worth a line (no myid next to version-2, owner changes). */
  notes: string[];
}


/** The dataDir for what was given: the dataDir itself, or its version-2. */
function dataDirOf(dir: string): string {
  const resolved = path.resolve(dir);
  return path.basename(resolved) === VERSION_DIR ? path.dirname(resolved) : resolved;
}

async function requireDir(dir: string, what: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) throw new RestoreError(`${dir}: no such directory (${what})`);
  if (!stat.isDirectory()) throw new RestoreError(`${dir}: not a directory (${what})`);
}

/** The archive's files by kind; refuses anything that is not a snapshot or log under version-2/. */
async function archiveFiles(archive: string): Promise<{ snapshots: string[]; logs: string[] }> {
  const stat = await fs.stat(archive).catch(() => null);
  if (!stat?.isFile()) throw new RestoreError(`${archive}: no such file`);
  let entries;
  try {
    entries = await readArchiveEntries(archive);
  } catch (e) {
    throw new RestoreError(`${archive}: not a readable .tar.gz (${e instanceof Error ? e.message : String(e)})`);
  }
  const snapshots: string[] = [];
  const logs: string[] = [];
  for (const e of entries) {
    const name = e.path.replace(/\/$/, '');
    if (name === VERSION_DIR && e.type === 'Directory') continue;
    const [dir, file, ...more] = name.split('/');
    const parsed = file && more.length === 0 && dir === VERSION_DIR && e.type === 'File' ? parseZxidFileName(file) : null;
    if (!parsed) throw new RestoreError(`${archive}: unexpected entry ${e.path} (a snapshot archive holds only ${VERSION_DIR}/snapshot.* and ${VERSION_DIR}/log.*)`);
    (parsed.kind === 'snapshot' ? snapshots : logs).push(file!);
  }
  if (snapshots.length === 0) throw new RestoreError(`${archive}: no snapshot in the archive`);
  return { snapshots, logs };
}

async function contents(dir: string): Promise<string[] | null> {
  return fs.readdir(dir).catch(() => null);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Restores `archive` into `dataDir` (see the module comment). */
export async function restoreArchive(archive: string, dataDir: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const source = path.resolve(archive);
  const files = await archiveFiles(source);
  const snapRoot = dataDirOf(dataDir);
  const logRoot = opts.logDir ? dataDirOf(opts.logDir) : snapRoot;
  await requireDir(snapRoot, 'the target dataDir');
  if (logRoot !== snapRoot) await requireDir(logRoot, 'the target dataLogDir');
  const snapDir = path.join(snapRoot, VERSION_DIR);
  const logDir = path.join(logRoot, VERSION_DIR);

  const occupied: { dir: string; names: string[] }[] = [];
  for (const dir of new Set([snapDir, logDir])) {
    const names = await contents(dir);
    if (names && names.length > 0) occupied.push({ dir, names });
  }
  if (occupied.length > 0 && !opts.force) {
    const { dir, names } = occupied[0]!;
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    throw new RestoreError(
      `${dir} is not empty (${names.length} ${names.length === 1 ? 'file' : 'files'}: ${shown}): ZooKeeper would mix its files with the restored ones; stop the server and give --force to move it aside`,
    );
  }

  const notes: string[] = [];
  if (!(await fs.stat(path.join(snapRoot, 'myid')).catch(() => null))) notes.push(`no myid in ${snapRoot}: is it the server's dataDir?`);
  // Run as root (sudo), files would belong to root and the server's own user could not open them.
  const rootDirOwner = process.getuid?.() === 0 ? await fs.stat(snapRoot) : null;
  const owner = rootDirOwner && (rootDirOwner.uid !== 0 || rootDirOwner.gid !== 0) ? rootDirOwner : null;
  const ownership = owner ? { preserveOwner: false, uid: owner.uid, gid: owner.gid } : {};
  if (owner) notes.push(`files given to uid ${owner.uid}, gid ${owner.gid} (the owner of ${snapRoot})`);

  const staging: string[] = [];
  const movedAside: string[] = [];
  const installed: string[] = [];
  try {
    const snapStage = await fs.mkdtemp(path.join(snapRoot, '.zkpilot-restore-'));
    staging.push(snapStage);
    const { extract } = await import('tar');
    await extract({ file: source, cwd: snapStage, strict: true, ...NO_RATIO_LIMIT, ...ownership });
    if (logDir !== snapDir) {
      const logStage = await fs.mkdtemp(path.join(logRoot, '.zkpilot-restore-'));
      staging.push(logStage);
      await fs.mkdir(path.join(logStage, VERSION_DIR), { mode: 0o755 });
      for (const name of files.logs) await move(path.join(snapStage, VERSION_DIR, name), path.join(logStage, VERSION_DIR, name));
      if (owner) await fs.chown(path.join(logStage, VERSION_DIR), owner.uid, owner.gid);
    }
    const suffix = `${VERSION_DIR}.before-restore-${stamp(opts.now?.() ?? new Date())}`;
    for (const dir of new Set([snapDir, logDir])) {
      const names = await contents(dir);
      if (names === null) continue;
      if (names.length === 0) {
        await fs.rmdir(dir);
        continue;
      }
      const aside = path.join(path.dirname(dir), suffix);
      await fs.rename(dir, aside);
      movedAside.push(aside);
    }
    for (const [stage, dir] of staging.map((s, i) => [s, i === 0 ? snapDir : logDir] as const)) {
      await fs.rename(path.join(stage, VERSION_DIR), dir);
      installed.push(dir);
    }
  } catch (e) {
    // Put the target back as it was: remove what was installed, bring back what was moved aside.
    for (const dir of installed) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    for (const aside of movedAside) await fs.rename(aside, path.join(path.dirname(aside), VERSION_DIR)).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    throw new RestoreError(err.code === 'EACCES' ? `${err.path ?? snapRoot}: permission denied` : `restore failed, target unchanged: ${err.message}`);
  } finally {
    for (const dir of staging) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
  return { snapDir, logDir, snapshots: files.snapshots, logs: files.logs, movedAside, notes };
}

/** rename, or copy + unlink across file systems (a dataLogDir on its own disk). */
async function move(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await fs.copyFile(from, to);
    await fs.unlink(from);
  }
}
