// How the stand-in reads command lines: sdssplitargs quoting and GNU getopt_long's behaviour.
import { describe, expect, it } from 'vitest';
import { getoptLong, splitArgs } from '../../src/pegasus/standIn/args.js';

describe('sdssplitargs', () => {
  it('splits on whitespace and honours redis-style quotes and escapes', () => {
    expect(splitArgs('  ls   -d ')).toEqual(['ls', '-d']);
    expect(splitArgs('set_app_envs k "a b\\tc" \'x\\\'y\'')).toEqual(['set_app_envs', 'k', 'a b\tc', "x'y"]);
    expect(splitArgs('echo "\\x41\\x42"')).toEqual(['echo', 'AB']);
    expect(splitArgs('')).toEqual([]);
  });

  it('rejects unbalanced quotes and a closing quote glued to more text', () => {
    expect(splitArgs('use "temp')).toBeNull();
    expect(splitArgs('use "temp"x')).toBeNull();
    expect(splitArgs("use 'temp")).toBeNull();
  });
});

describe('getopt_long', () => {
  const specs = [{ short: 'd', long: 'detailed' }, { short: 'o', long: 'output', arg: true }];
  it('permutes arguments, takes bundled, glued and long forms', () => {
    const errs: string[] = [];
    const p = getoptLong(['nodes', 'x', '-do', 'f.txt', '--output=g', 'y'], specs, (l) => errs.push(l))!;
    expect(p.positionals).toEqual(['x', 'y']);
    expect(p.opts.get('d')).toBe(true);
    expect(p.opts.get('o')).toBe('g');
    expect(errs).toEqual([]);
    expect(getoptLong(['nodes', '--det'], specs, () => {})!.opts.get('d')).toBe(true);
  });

  it("prints getopt's messages for unknown options and missing values", () => {
    const errs: string[] = [];
    expect(getoptLong(['ls', '-Z'], specs, (l) => errs.push(l))).toBeNull();
    expect(getoptLong(['ls', '-o'], specs, (l) => errs.push(l))).toBeNull();
    expect(getoptLong(['ls', '--nope'], specs, (l) => errs.push(l))).toBeNull();
    expect(errs).toEqual(["ls: invalid option -- 'Z'", "ls: option requires an argument -- 'o'", "ls: unrecognized option '--nope'"]);
  });
});
