import { describe, expect, it } from 'vitest';
import { baseName, InvalidPathError, isValidPath, joinPath, parentOf, pathError, validatePath } from '../../src/zk/paths.js';

// Expected messages were produced by org.apache.zookeeper.common.PathUtils (3.8.0) itself.
describe('pathError (PathUtils.validatePath)', () => {
  const cases: Array<[string, string | null]> = [
    ['', 'Path length must be > 0'],
    ['a', 'Path must start with / character'],
    ['app', 'Path must start with / character'],
    ['/', null],
    ['/a/', 'Path must not end with / character'],
    ['//', 'Path must not end with / character'],
    ['/app//x', 'Invalid path string "/app//x" caused by empty node name specified @5'],
    ['/a/./b', 'Invalid path string "/a/./b" caused by relative paths not allowed @3'],
    ['/a/../b', 'Invalid path string "/a/../b" caused by relative paths not allowed @4'],
    ['/.', 'Invalid path string "/." caused by relative paths not allowed @1'],
    ['/..', 'Invalid path string "/.." caused by relative paths not allowed @2'],
    ['/a/.', 'Invalid path string "/a/." caused by relative paths not allowed @3'],
    ['/a\u0000b', 'Invalid path string "/a\u0000b" caused by null character not allowed @2'],
    ['/a\u0001', 'Invalid path string "/a\u0001" caused by invalid character @2'],
    ['/a\u007f', 'Invalid path string "/a\u007f" caused by invalid character @2'],
    ['/a\u009f', 'Invalid path string "/a\u009f" caused by invalid character @2'],
    ['/a\ud800', 'Invalid path string "/a\ud800" caused by invalid character @2'],
    ['/a\ufff0', 'Invalid path string "/a\ufff0" caused by invalid character @2'],
    ['/a.b', null],
    ['/...', null],
    ['/a\u00a0', null],
    ['/x/1', null],
    ['/zookeeper/config', null],
  ];
  it.each(cases)('%j', (path, expected) => {
    expect(pathError(path)).toBe(expected);
    expect(isValidPath(path)).toBe(expected === null);
  });

  it('rejects null', () => {
    expect(pathError(null)).toBe('Path cannot be null');
  });

  it('validates a sequential prefix with a counter appended', () => {
    expect(pathError('/app/', true)).toBeNull();
    expect(pathError('/app/seq-', true)).toBeNull();
    expect(pathError('app', true)).toBe('Path must start with / character');
    expect(pathError('/a//', true)).toBe('Invalid path string "/a//1" caused by empty node name specified @3');
  });

  it('throws InvalidPathError with Java\'s message', () => {
    expect(() => validatePath('/app/')).toThrow(InvalidPathError);
    expect(() => validatePath('/app/')).toThrow('Path must not end with / character');
    expect(() => validatePath('/ok')).not.toThrow();
  });
});

describe('path helpers', () => {
  it('joins', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(joinPath('/a/', '/b')).toBe('/a/b');
    expect(joinPath('/a', '')).toBe('/a');
    expect(joinPath('/', '')).toBe('/');
  });
  it('parents', () => {
    expect(parentOf('/a/b/c')).toBe('/a/b');
    expect(parentOf('/a')).toBe('/');
    expect(parentOf('/')).toBeNull();
  });
  it('base names', () => {
    expect(baseName('/a/b')).toBe('b');
    expect(baseName('/a')).toBe('a');
    expect(baseName('/')).toBe('');
  });
});
