// The built binary in real tmux: what an operator sees and types.
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { CLI, useE2eHome } from './tmuxDriver.js';

const sandbox = useSandbox({ nodes: 3 });
const e2e = useE2eHome('home');


function exec(...args: string[]): string {
  return execFileSync('node', [CLI, '-server', sandbox().connectString, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...e2e.env() } });
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

describe('zkpilot TUI in tmux', () => {
  it('runs commands, completes paths, survives a resize and restores the terminal on quit', async () => {
    exec('create', '/e2e-tabnode', 'tabdata');
    const driver = e2e.driver();
    driver.start(['node', CLI, '-server', sandbox().connectString], 120, 40, e2e.env());
    await driver.waitFor((s) => /\(CONNECTED\) 0\]/.test(s), 'the connected prompt');
    expect(driver.display('#{alternate_on}')).toBe('1');

    await driver.typeLine('ls /');
    driver.keys('Enter');
    await driver.waitFor((s) => s.includes('[e2e-tabnode, zookeeper]'), 'ls / output');

    await driver.typeLine('get /e2e-ta');
    driver.keys('Tab');
    await driver.waitForText('get /e2e-tabnode');
    driver.keys('Enter');
    await driver.waitFor((s) => s.split('\n').some((l) => /^tabdata(\s|$)/.test(l)), 'the data of the completed path');

    driver.resize(80, 24);
    const small = await driver.waitFor((s) => s.split('\n').length <= 25 && /\(CONNECTED\) \d+\]/.test(s), 'the 80x24 layout');
    expect(Math.max(...small.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(small).toMatch(/\?\s*help/i);

    await driver.typeLine('quit');
    driver.keys('Enter');
    expect(await driver.waitForExit()).toBe(0);
    expect(driver.display('#{alternate_on}')).toBe('0');
  });

  it('Ctrl-C clears the line and does not quit; Ctrl-D on an empty line quits', async () => {
    const driver = e2e.driver();
    driver.start(['node', CLI, '-server', sandbox().connectString], 120, 40, e2e.env());
    await driver.waitFor((s) => /\(CONNECTED\) 0\]/.test(s), 'the connected prompt');
    await driver.typeLine('ls /never-run');
    driver.keys('C-c');
    await driver.waitFor((s) => !s.includes('ls /never-run'), 'the line to clear');
    expect(driver.screen()).not.toContain('[zkpilot exited');
    driver.keys('C-d');
    expect(await driver.waitForExit()).toBe(0);
    expect(driver.display('#{alternate_on}')).toBe('0');
  });

  it('with no arguments starts a sandbox ensemble, and stops it on quit', async () => {
    const driver = e2e.driver();
    driver.start(['node', CLI], 120, 40, e2e.env());
    const screen = await driver.waitFor((s) => /\(CONNECTED\) 0\]/.test(s), 'the sandbox TUI', 90000);
    const ports = [...screen.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThanOrEqual(3);
    await driver.typeLine('quit');
    driver.keys('Enter');
    expect(await driver.waitForExit(30000)).toBe(0);
    for (const port of new Set(ports)) expect(await portRefuses(port)).toBe(true);
  }, 150000);

  it('sandbox --pegasus: F4 turns Pegasus mode on, lines go to the stand-in shell, F4 leaves', async () => {
    const driver = e2e.driver();
    driver.start(['node', CLI, 'sandbox', '--pegasus'], 120, 40, e2e.env());
    await driver.waitFor((s) => /\(CONNECTED\) 0\]/.test(s) && s.includes('stand-in Pegasus cluster'), 'the sandbox TUI with Pegasus', 90000);
    driver.keys('F4');
    await driver.waitFor((s) => s.split('\n').some((l) => /^>>>( |$)/.test(l)), 'the >>> prompt', 60000);
    driver.type('ls');
    // Enter once the text is on the line.
    await driver.waitFor((s) => /^>>> ls\s*$/m.test(s), 'ls on the >>> line');
    driver.keys('Enter');
    // `ls` of the stand-in: the §6 sample tables, one row each, from the real ZooKeeper tree.
    await driver.waitFor((s) => /^1\s+AVAILABLE\s+stat\b/m.test(s) && /^2\s+AVAILABLE\s+temp\b/m.test(s), 'the app list', 60000);
    driver.keys('F4');
    await driver.waitFor((s) => /\(CONNECTED\) \d+\]\s*$/m.test(s), 'the zk prompt again');
    await driver.typeLine('quit');
    driver.keys('Enter');
    expect(await driver.waitForExit(30000)).toBe(0);
  }, 150000);
});
