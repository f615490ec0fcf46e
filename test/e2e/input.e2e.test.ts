// Typing versus pasting in the built binary, in real tmux against a real ZooKeeper: text and
// Enter in one send-keys call run the line; a bracketed paste of two lines runs nothing until the
// operator says yes; the TUI shows no zkCli connection preamble.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { CLI, useE2eHome } from './tmuxDriver.js';

const sandbox = useSandbox({ nodes: 1 });
const e2e = useE2eHome('input');


/** exec mode against the sandbox: stdout, or null when the command failed (node missing). */
function exec(...args: string[]): string | null {
  try {
    return execFileSync('node', [CLI, '-server', sandbox().connectString, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...e2e.env() } });
  } catch {
    return null;
  }
}

describe('typing and pasting in tmux', () => {
  it('send-keys "create …" Enter runs the line; a two-line bracketed paste waits for y', async () => {
    const driver = e2e.driver();
    driver.start(['node', CLI, '-server', sandbox().connectString], 100, 30, e2e.env());
    const first = await driver.waitFor((s) => /\(CONNECTED\) 0\]/.test(s), 'the connected prompt', 60000);
    expect(first).not.toContain('WATCHER::');

    // One send-keys call: the text and the Enter reach zkpilot together.
    driver.keys('create /e2e-typed v', 'Enter');
    await driver.waitForText('Created /e2e-typed');
    expect(exec('get', '/e2e-typed')?.trim()).toBe('v');

    // Two lines pasted: listed, asked, not run; n keeps them (the first on the input line).
    driver.paste('create /e2e-p1 a\ncreate /e2e-p2 b\n');
    await driver.waitForText('Run these 2 pasted lines');
    expect(exec('stat', '/e2e-p1')).toBeNull();
    driver.keys('n');
    await driver.waitFor((s) => s.split('\n').some((l) => /\] create \/e2e-p1 a\s*$/.test(l)), 'the first pasted line on the input line');
    expect(exec('stat', '/e2e-p1')).toBeNull();
    driver.keys('C-c');
    await driver.waitForText('1 held pasted line dropped, not run');

    // The same paste, and y: both run, in order.
    driver.paste('create /e2e-p1 a\ncreate /e2e-p2 b\n');
    await driver.waitForText('Run these 2 pasted lines');
    driver.keys('y');
    await driver.waitForText('Created /e2e-p2');
    expect(exec('get', '/e2e-p1')?.trim()).toBe('a');
    expect(exec('get', '/e2e-p2')?.trim()).toBe('b');

    await driver.typeLine('quit');
    driver.keys('Enter');
    expect(await driver.waitForExit()).toBe(0);
  }, 120000);
});
