// The normaliser decides what counts as a difference in the compatibility suite, so its handling
// of zkCli's launcher noise is pinned here with captured shapes.
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

const run = (stderr: string[], stdout: string[] = []) => ({ stdout, stderr, code: 1 });

describe('normalize', () => {
  it('drops SLF4J warning lines', () => {
    const out = normalize(run(['SLF4J: Failed to load class "org.slf4j.impl.StaticMDCBinder".', 'Node does not exist: /x']));
    expect(out.stderr).toEqual(['Node does not exist: /x']);
  });

  it('rejoins a line an SLF4J warning landed in the middle of', () => {
    const out = normalize(run([
      'Exception in thread "main" SLF4J: Failed to load class "org.slf4j.impl.StaticMDCBinder".',
      'SLF4J: Defaulting to no-operation MDCAdapter implementation.',
      'SLF4J: See http://www.slf4j.org/codes.html#no_static_mdc_binder for further details.',
      'java.lang.NumberFormatException: For input string: "abc"',
      '\tat java.base/java.lang.Long.parseLong(Long.java:692)',
    ]));
    expect(out.stderr).toEqual([
      'Exception in thread "main" java.lang.NumberFormatException: For input string: "abc"',
      '\tat java.base/java.lang.Long.parseLong(Long.java:692)',
    ]);
  });

  it('keeps blank lines that are not SLF4J noise', () => {
    expect(normalize(run(['a', '', 'b', ''])).stderr).toEqual(['a', '', 'b', '']);
    expect(normalize(run([])).stderr).toEqual([]);
  });
});
