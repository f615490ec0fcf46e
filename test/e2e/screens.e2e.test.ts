// What an operator sees at the sizes terminals open at (80x24, a split tmux window, 120x40,
// 200x50), driving the built binary in real tmux on a real 3-server ensemble: the leader named
// on screen without a key press, and a long command visible whole before Enter.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { CLI, TmuxDriver, useE2eHome } from './tmuxDriver.js';

const sandbox = useSandbox({ nodes: 3 });
const e2e = useE2eHome('screens');

function open(cols: number, rows: number): TmuxDriver {
  const d = e2e.driver();
  d.start(['node', CLI, '-server', sandbox().connectString], cols, rows, e2e.env());
  return d;
}

/** The leader on screen: `N L` in the ensemble line, or its table row saying `leader`. */
function leaderShown(screen: string, id: number): boolean {
  return new RegExp(`(^|· )${id}(@\\S+)? L( |$)`, 'm').test(screen) || new RegExp(`│\\s*${id} .*\\bleader\\b`).test(screen);
}

describe.each([
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 50],
])('at %ix%i', (cols, rows) => {
  it('names the leader without a key press, and shows a 150-character command whole before Enter', async () => {
    const leader = await sandbox().waitForLeader();
    const d = open(cols, rows);
    const screen = await d.waitFor((s) => leaderShown(s, leader), `server.${leader} named as leader`, 30_000);
    const lines = screen.replace(/\n$/, '').split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(cols);
    expect(lines.length).toBeLessThanOrEqual(rows);

    const path = `/${'abcdefghij'.repeat(14)}`; // 141 characters: `create ` + path + ` v` is 150
    const command = `create ${path} v`;
    expect(command).toHaveLength(150);
    d.type(command);
    // Every part of the command is on screen (the line wraps; nothing scrolls out of sight).
    const shown = await d.waitFor((s) => s.replace(/\n/g, '').includes(' v') && s.includes('create /abcdefghij'), 'the whole command on the input line');
    const joined = shown.split('\n').map((l) => l.trimEnd()).join('');
    expect(joined).toContain(command);
  });
});
