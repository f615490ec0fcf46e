// The jars a node's JVM runs, per ZooKeeper version. The machine's own build (3.8.0) is used in
// place; the others are fetched from Debian's registry on first use into a cache
// (`$ZKPILOT_ZK_CACHE`, else `$XDG_CACHE_HOME/zkpilot/zookeeper`, else
// `~/.local/state/zkpilot/zookeeper`), one folder per version, reused ever after.
//
// Several processes (parallel test files, two terminals) may ask for the same version at once:
// a lock directory (mkdir is atomic) lets one download while the others wait, and the build is
// staged in a temp dir and renamed into place, so a reader sees a whole build or none. A lock
// left by a dead process is taken over; if two fetches race anyway, the second rename loses and
// its copy is dropped.
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { SandboxError } from './errors.js';
import { debianMirror, fetchDebianPackage, FetchError } from './debianFetch.js';
import { processState } from './processes.js';
import { ZK_BUILDS, type ZkVersion } from './zkVersions.js';

const SYSTEM_JAVA_DIR = '/usr/share/java';
const BUILD_FILE = 'build.json';
const LOCK_POLL_MS = 200;
const LOCK_WAIT_MS = 10 * 60_000;

export interface ZkBuild {
  version: ZkVersion;
  /** The JVM's -cp entries, in order. */
  classpath: string[];
}

export interface BuildOptions {
  /** Told what is downloaded and where it went (one line each). */
  progress?: (line: string) => void;
}

export function zkCacheRoot(): string {
  if (process.env.ZKPILOT_ZK_CACHE) return path.resolve(process.env.ZKPILOT_ZK_CACHE);
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, 'zkpilot', 'zookeeper');
  const stateHome = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'zkpilot', 'zookeeper');
}

function systemBuild(version: ZkVersion): ZkBuild {
  const fromEnv = process.env.ZKPILOT_ZOOKEEPER_CLASSPATH;
  if (fromEnv) return { version, classpath: fromEnv.split(path.delimiter) };
  const spec = ZK_BUILDS[version];
  const jars = [...spec.ownJars, ...spec.systemJars].map((j) => path.join(SYSTEM_JAVA_DIR, j));
  return { version, classpath: jars.filter((jar) => existsSync(jar)) };
}

function cachedBuild(version: ZkVersion, dir: string): ZkBuild {
  const spec = ZK_BUILDS[version];
  return {
    version,
    classpath: [
      ...spec.ownJars.map((j) => path.join(dir, 'java', j)),
      ...spec.systemJars.map((j) => path.join(SYSTEM_JAVA_DIR, j)).filter((jar) => existsSync(jar)),
    ],
  };
}

function isComplete(dir: string): boolean {
  return existsSync(path.join(dir, BUILD_FILE));
}

/** The jars of `version`, fetched first if this machine has not got them yet. */
export async function ensureBuild(version: ZkVersion, opts: BuildOptions = {}): Promise<ZkBuild> {
  const spec = ZK_BUILDS[version];
  if (spec.system) return systemBuild(version);
  const root = zkCacheRoot();
  const dir = path.join(root, version);
  if (isComplete(dir)) return cachedBuild(version, dir);
  await fs.mkdir(root, { recursive: true });
  const release = await lock(path.join(root, `${version}.lock`), () => isComplete(dir), version);
  try {
    if (!isComplete(dir)) await fetchInto(version, root, dir, opts);
  } finally {
    await release();
  }
  return cachedBuild(version, dir);
}

async function fetchInto(version: ZkVersion, root: string, dir: string, opts: BuildOptions): Promise<void> {
  const spec = ZK_BUILDS[version];
  const mirror = debianMirror();
  const what = `libzookeeper-java ${spec.debianPrefix}* of Debian ${spec.suite}`;
  opts.progress?.(`ZooKeeper ${version}: downloading ${what} from ${mirror} into ${dir} (once)`);
  const tmp = await fs.mkdtemp(path.join(root, `.${version}.tmp-`));
  try {
    let fetched;
    try {
      fetched = await fetchDebianPackage({ name: 'libzookeeper-java', suite: spec.suite, versionPrefix: spec.debianPrefix }, tmp, mirror);
    } catch (err) {
      const why = err instanceof FetchError ? err.message : String(err);
      throw new SandboxError(`cannot fetch ZooKeeper ${version} (${what}) from ${why}`);
    }
    const staged = path.join(tmp, 'build');
    await fs.mkdir(staged);
    await fs.rename(path.join(fetched.root, 'usr', 'share', 'java'), path.join(staged, 'java'));
    const missing = spec.ownJars.find((j) => !existsSync(path.join(staged, 'java', j)));
    if (missing) throw new SandboxError(`cannot use ZooKeeper ${version}: Debian's ${fetched.debianVersion} has no ${missing}`);
    const info = { version, debianVersion: fetched.debianVersion, suite: spec.suite, mirror, fetchedAt: new Date().toISOString() };
    await fs.writeFile(path.join(staged, BUILD_FILE), `${JSON.stringify(info, null, 2)}\n`);
    try {
      await fs.rename(staged, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Another process finished first: its copy is as good as ours.
      if (!(code === 'ENOTEMPTY' || code === 'EEXIST') || !isComplete(dir)) throw err;
    }
    opts.progress?.(`ZooKeeper ${version}: Debian ${fetched.debianVersion} in ${dir}`);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Holds `lockDir` (with our pid inside) until the returned release runs. Waits while a live
 * process holds it, and stops waiting as soon as `done()` says its work is there.
 */
async function lock(lockDir: string, done: () => boolean, version: string): Promise<() => Promise<void>> {
  const release = async () => { await fs.rm(lockDir, { recursive: true, force: true }); };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      await fs.writeFile(path.join(lockDir, 'owner'), `${process.pid}\n`);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (done()) return async () => undefined;
    const owner = Number((await fs.readFile(path.join(lockDir, 'owner'), 'utf8').catch(() => '')).trim());
    const stat = await fs.stat(lockDir).catch(() => null);
    // A dead owner, or one that never wrote its pid within a minute: take the lock over. The
    // rename makes the takeover atomic: of two waiters, one moves it away, the other gets ENOENT.
    const stale = owner > 0 ? processState(owner) === 'gone' : stat !== null && Date.now() - stat.mtimeMs > 60_000;
    if (stale) {
      const away = `${lockDir}.stale-${process.pid}-${Date.now()}`;
      if (await fs.rename(lockDir, away).then(() => true, () => false)) await fs.rm(away, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new SandboxError(`ZooKeeper ${version} is still being fetched by process ${owner} (lock ${lockDir})`);
    await delay(LOCK_POLL_MS);
  }
}
