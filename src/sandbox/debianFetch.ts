// One package from Debian's registry, fetched with apt's own tools into a private folder: its
// own sources list, lists and cache (never the system's apt state), checked against Debian's
// archive keyring (`signed-by`, never `trusted=yes`), unpacked with `dpkg-deb -x`.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const DEFAULT_MIRROR = 'http://deb.debian.org/debian';
/** Holds the bullseye, bookworm and trixie keys on bookworm (package debian-archive-keyring). */
const ARCHIVE_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
const CODENAME = /^(buster|bullseye|bookworm|trixie|forky|sid|oldstable|stable|testing|unstable)$/;

/** Why a fetch failed, in one line (apt's own words where it has them). */
export class FetchError extends Error {
  override name = 'FetchError';
}

/** Main-archive URIs of the machine's sources (deb822 `.sources` and one-line `.list` files). */
function systemMirrors(): string[] {
  const files = ['/etc/apt/sources.list'];
  try {
    for (const f of readdirSync('/etc/apt/sources.list.d')) {
      if (f.endsWith('.sources') || f.endsWith('.list')) files.push(path.join('/etc/apt/sources.list.d', f));
    }
  } catch {
    // no sources.list.d: only sources.list
  }
  const found: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (file.endsWith('.sources')) {
      for (const block of text.split(/\n\s*\n/)) {
        const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(block)?.[1]?.trim().split(/\s+/) ?? [];
        if (/^Enabled:\s*no/mi.test(block) || !field('Types').includes('deb')) continue;
        if (field('Suites').some((s) => CODENAME.test(s))) found.push(...field('URIs'));
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
        if (m && CODENAME.test(m[2]!)) found.push(m[1]!);
      }
    }
  }
  return found.filter((uri) => /^https?:\/\//.test(uri));
}

/** $ZKPILOT_DEBIAN_MIRROR, else the mirror this machine's apt uses, else deb.debian.org. */
export function debianMirror(): string {
  const fromEnv = process.env.ZKPILOT_DEBIAN_MIRROR;
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  return (systemMirrors()[0] ?? DEFAULT_MIRROR).replace(/\/+$/, '');
}

/** $ZKPILOT_DEBIAN_KEYRING, else Debian's archive keyring, else the suite's own keyring file. */
function keyringFor(suite: string, mirror: string): string {
  const candidates = [
    process.env.ZKPILOT_DEBIAN_KEYRING,
    ARCHIVE_KEYRING,
    `/usr/share/keyrings/debian-archive-${suite}-stable.gpg`,
    `/usr/share/keyrings/debian-archive-${suite}-automatic.gpg`,
  ];
  const keyring = candidates.find((k): k is string => k !== undefined && k !== '' && existsSync(k));
  if (!keyring) throw new FetchError(`${mirror}: no Debian archive keyring for ${suite} (install the debian-archive-keyring package)`);
  return keyring;
}

/** The first `E:` line apt printed (`Failed to fetch … Could not resolve 'x'`), else its last line. */
function aptReason(err: unknown): string {
  const e = err as { stderr?: string; stdout?: string; code?: string | number; message?: string };
  if (e.code === 'ENOENT') return 'apt-get and dpkg-deb are needed (a Debian or Ubuntu machine)';
  const lines = `${e.stderr ?? ''}\n${e.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = lines.find((l) => l.startsWith('E: '));
  const reason = error?.slice(3) ?? lines.filter((l) => !l.startsWith('W: ')).at(-1) ?? e.message ?? String(err);
  return reason.replace(/\s+/g, ' ');
}

export interface DebianPackage {
  name: string; // libzookeeper-java
  suite: string; // trixie
  versionPrefix: string; // 3.9.3-
}

export interface FetchedPackage {
  /** Debian's version, e.g. 3.9.3-1+deb13u1. */
  debianVersion: string;
  /** Where the package's files were unpacked (its /usr/share/java is root/usr/share/java). */
  root: string;
  mirror: string;
}

/**
 * Downloads and unpacks one version of a package into `workDir` (a fresh directory the caller
 * owns and removes). Throws a FetchError with one line.
 */
export async function fetchDebianPackage(pkg: DebianPackage, workDir: string, mirror = debianMirror()): Promise<FetchedPackage> {
  const keyring = keyringFor(pkg.suite, mirror);
  const apt = path.join(workDir, 'apt');
  const debs = path.join(workDir, 'deb');
  const root = path.join(workDir, 'root');
  for (const d of [path.join(apt, 'lists', 'partial'), path.join(apt, 'cache', 'archives', 'partial'), debs, root]) await fs.mkdir(d, { recursive: true });
  const sourcesList = path.join(apt, 'sources.list');
  await fs.writeFile(sourcesList, `deb [signed-by=${keyring}] ${mirror} ${pkg.suite} main\n`);
  const options = [
    '-q',
    '-o', `Dir::Etc::SourceList=${sourcesList}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${path.join(apt, 'lists')}`,
    '-o', `Dir::Cache=${path.join(apt, 'cache')}`,
    '-o', 'Dir::State::status=/dev/null',
    '-o', 'Debug::NoLocking=1',
    '-o', 'Acquire::Retries=1',
    '-o', 'Acquire::http::Timeout=30',
    // As root apt downloads as _apt, which cannot write into our 0700 temp dirs; it then falls
    // back to root anyway with a warning. Say so up front.
    ...(process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : []),
  ];
  const env = { ...process.env, LC_ALL: 'C' };
  const where = mirror;
  try {
    await run('apt-get', [...options, '--error-on=any', 'update'], { env, maxBuffer: 16 << 20 });
  } catch (err) {
    throw new FetchError(`${where}: ${aptReason(err)}`);
  }
  let debianVersion: string | undefined;
  try {
    const { stdout } = await run('apt-cache', [...options, 'madison', pkg.name], { env, maxBuffer: 16 << 20 });
    debianVersion = stdout.split('\n').map((l) => l.split('|')[1]?.trim() ?? '').find((v) => v.startsWith(pkg.versionPrefix));
  } catch (err) {
    throw new FetchError(`${where}: ${aptReason(err)}`);
  }
  if (!debianVersion) throw new FetchError(`${where}: ${pkg.suite} has no ${pkg.name} ${pkg.versionPrefix}* any more`);
  try {
    await run('apt-get', [...options, 'download', `${pkg.name}=${debianVersion}`], { cwd: debs, env, maxBuffer: 16 << 20 });
    const [deb] = (await fs.readdir(debs)).filter((f) => f.endsWith('.deb'));
    if (!deb) throw new FetchError(`${where}: apt-get download left no .deb`);
    await run('dpkg-deb', ['-x', path.join(debs, deb), root], { env });
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw new FetchError(`${where}: ${aptReason(err)}`);
  }
  return { debianVersion, root, mirror };
}
