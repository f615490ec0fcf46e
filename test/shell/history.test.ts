import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../src/shell/history.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'zkpilot-history-'));
  dirs.push(d);
  return d;
}

describe('History', () => {
  it('lists the last eleven numbered entries as zkCli does', () => {
    const h = new History(null);
    for (let i = 0; i < 15; i++) h.put(i, `cmd ${i}`);
    expect(h.lastNumbered(14).map(([n]) => n)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('persists per file with mode 0600 and reloads it, skipping a torn last line', () => {
    const file = join(tmp(), 'h', 'cluster.jsonl');
    const h = new History(file);
    h.put(0, 'ls /');
    h.put(1, 'get /a');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, `${readFileSync(file, 'utf8')}"torn`);
    expect(new History(file).recall()).toEqual(['ls /', 'get /a']);
  });

  it('does not store consecutive duplicates and caps its size', () => {
    const file = join(tmp(), 'c.jsonl');
    const h = new History(file, 3);
    for (const l of ['a', 'a', 'b', 'c', 'd']) h.put(0, l);
    expect(h.recall()).toEqual(['b', 'c', 'd']);
    expect(new History(file, 3).recall()).toEqual(['b', 'c', 'd']);
  });
});
