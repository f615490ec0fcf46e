// Where zkpilot's own files are, found the same way from src/ (tests), build/ (the bundle) and
// build/chunks/ (code loaded on demand): the nearest directory above this file holding our
// package.json. A fixed '../..' would be right from only one of those places.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;
let version: string | null = null;

export function projectRoot(): string {
  if (root !== null) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"zkpilot"/.test(readFileSync(pkg, 'utf8'))) return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) return (root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
    dir = parent;
  }
}

/** zkpilot's version from package.json ('unknown' when it cannot be read). */
export function appVersion(): string {
  if (version !== null) return version;
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    version = 'unknown';
  }
  return version;
}

/** A file of the build (`ops/remote/bulkWorker.js`): separate processes run from build/, also under the tests. */
export function buildFile(relative: string): string {
  return path.join(projectRoot(), 'build', relative);
}
