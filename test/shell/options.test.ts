import { describe, expect, it } from 'vitest';
import { OptionParseError, parseOptions, type OptionSpec } from '../../src/shell/options.js';

const SET: OptionSpec[] = [
  { flag: 's', description: 'stat' },
  { flag: 'v', arg: 'version', description: 'version' },
];
const LS: OptionSpec[] = [
  { flag: 's', description: '' },
  { flag: 'w', description: '' },
  { flag: 'R', description: '' },
];

function err(tokens: string[], specs: OptionSpec[]): string {
  try {
    parseOptions(tokens, specs);
  } catch (e) {
    if (e instanceof OptionParseError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('parseOptions (commons-cli DefaultParser, as zkCli 3.8 uses it)', () => {
  it('keeps the command name as the first argument and finds options anywhere', () => {
    const p = parseOptions(['deleteall', '/a', '-b', '10'], [{ flag: 'b', arg: 'batch size', description: '' }]);
    expect(p.args).toEqual(['deleteall', '/a']);
    expect(p.values.get('b')).toBe('10');
  });

  it('bundles flags and glues values', () => {
    const p = parseOptions(['ls', '-sR', '/'], LS);
    expect([...p.flags].sort()).toEqual(['R', 's']);
    const q = parseOptions(['set', '-v3', '/x', 'y'], SET);
    expect(q.values.get('v')).toBe('3');
    expect(q.args).toEqual(['set', '/x', 'y']);
  });

  it('accepts a negative number as an option value', () => {
    expect(parseOptions(['set', '-v', '-1', '/x', 'y'], SET).values.get('v')).toBe('-1');
  });

  it('reports errors in commons-cli words (captured from zkCli 3.8.0)', () => {
    expect(err(['ls', '-z', '/'], LS)).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z');
    expect(err(['set', '-v'], SET)).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: v');
    expect(err(['set', '/x', '-1'], SET)).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -1');
    expect(err(['ls', '--foo', '/'], LS)).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --foo');
    expect(err(['set', '-v', '-s', '/x'], SET)).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: v');
  });

  it('treats a lone dash as an argument and -- as the end of options', () => {
    expect(parseOptions(['ls', '-', '/'], LS).args).toEqual(['ls', '-', '/']);
    expect(parseOptions(['ls', '-s', '--', '-w'], LS).args).toEqual(['ls', '-w']);
  });
});
