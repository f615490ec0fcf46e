// Znode path rules, as org.apache.zookeeper.common.PathUtils enforces them on the client side
// (zkCli prints these messages verbatim, e.g. `Path must start with / character`).

/** The IllegalArgumentException zkCli prints for a bad path; `message` is Java's text. */
export class InvalidPathError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'InvalidPathError';
  }
}

// Java rejects these UTF-16 code units (control chars, surrogates and the private-use area,
// specials); JS strings index the same code units, so positions (`@N`) match Java's.
function isInvalidChar(code: number): boolean {
  return (
    (code > 0x0000 && code <= 0x001f) ||
    (code >= 0x007f && code <= 0x009f) ||
    (code >= 0xd800 && code <= 0xf8ff) ||
    (code >= 0xfff0 && code <= 0xffff)
  );
}

/**
 * Java's validation message for `path`, or null when it is valid. A sequential create validates
 * `path + "1"` (the server appends the counter), so `/app/` is a fine sequential prefix.
 */
export function pathError(path: string | null | undefined, sequential = false): string | null {
  if (path === null || path === undefined) return 'Path cannot be null';
  const p = sequential ? `${path}1` : path;
  if (p.length === 0) return 'Path length must be > 0';
  if (p.charAt(0) !== '/') return 'Path must start with / character';
  if (p.length === 1) return null;
  if (p.charAt(p.length - 1) === '/') return 'Path must not end with / character';

  let reason: string | null = null;
  let last = '/';
  for (let i = 1; i < p.length; last = p.charAt(i), i++) {
    const c = p.charAt(i);
    const code = p.charCodeAt(i);
    const endsNode = i + 1 === p.length || p.charAt(i + 1) === '/';
    if (code === 0) {
      reason = `null character not allowed @${i}`;
    } else if (c === '/' && last === '/') {
      reason = `empty node name specified @${i}`;
    } else if (c === '.' && last === '.') {
      if (p.charAt(i - 2) === '/' && endsNode) reason = `relative paths not allowed @${i}`;
    } else if (c === '.') {
      if (p.charAt(i - 1) === '/' && endsNode) reason = `relative paths not allowed @${i}`;
    } else if (isInvalidChar(code)) {
      reason = `invalid character @${i}`;
    }
    if (reason !== null) break;
  }
  return reason === null ? null : `Invalid path string "${p}" caused by ${reason}`;
}

/** Throws InvalidPathError with Java's message when `path` is not a valid znode path. */
export function validatePath(path: string, sequential = false): void {
  const error = pathError(path, sequential);
  if (error !== null) throw new InvalidPathError(error, path);
}

export function isValidPath(path: string, sequential = false): boolean {
  return pathError(path, sequential) === null;
}

/** `/a` + `b` = `/a/b`; `/` + `b` = `/b`. Extra slashes at the joint are dropped. */
export function joinPath(parent: string, child: string): string {
  const base = parent.replace(/\/+$/, '');
  const name = child.replace(/^\/+/, '');
  if (name === '') return base === '' ? '/' : base;
  return `${base}/${name}`;
}

/** Parent of a valid path: `/a/b` -> `/a`, `/a` -> `/`, `/` -> null. */
export function parentOf(path: string): string | null {
  if (path === '/' || path === '') return null;
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return '/';
  return path.slice(0, slash);
}

/** Last node name: `/a/b` -> `b`, `/` -> ``. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
