// `zkpilot --cluster NAME …` end to end: the built CLI, a real 3-node sandbox ensemble, and a
// profile in a temporary XDG config home. Needs `npm run build` and the --cluster wiring in
// src/cli.ts (loadProfiles/resolveCluster from src/profiles).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { configFilePath } from '../../src/profiles/configPath.js';
import { useSandbox } from '../helpers/sandbox.js';
import { cli, useTempXdg } from './helpers.js';

const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));
const sandbox = useSandbox({ nodes: 3 });
const home = useTempXdg();

async function zkpilot(args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  return execa(process.execPath, [CLI, ...args], {
    env: { XDG_CONFIG_HOME: home().configHome, XDG_DATA_HOME: home().dataHome, XDG_STATE_HOME: home().root },
    reject: false,
    timeout: 45_000,
    stdin: 'ignore',
  });
}

/** Exec mode may print zkCli's closing WATCHER event after the output. */
function firstLine(text: string): string {
  return text.split('\n')[0]!;
}

describe('zkpilot --cluster', () => {
  it('runs a command on the ensemble of the named profile', async () => {
    expect((await cli(['add', 'sandbox', '--server', sandbox().connectString, '--session-timeout', '10000'])).code).toBe(0);
    const run = await zkpilot(['--cluster', 'sandbox', 'ls', '/']);
    expect({ code: run.exitCode, firstLine: firstLine(run.stdout) }).toEqual({ code: 0, firstLine: '[zookeeper]' });
  });

  it("uses the profile's chroot", async () => {
    const created = await zkpilot(['-server', sandbox().connectString, 'create', '/e2e-chroot', '']);
    expect(created.exitCode).toBe(0);
    await zkpilot(['-server', sandbox().connectString, 'create', '/e2e-chroot/inside', '']);
    await cli(['add', 'chrooted', '--server', `${sandbox().connectString}/e2e-chroot`]);
    const run = await zkpilot(['--cluster', 'chrooted', 'ls', '/']);
    expect({ code: run.exitCode, firstLine: firstLine(run.stdout) }).toEqual({ code: 0, firstLine: '[inside]' });
  });

  it('fails with one line naming an unknown profile', async () => {
    await cli(['add', 'sandbox', '--server', sandbox().connectString]);
    const run = await zkpilot(['--cluster', 'nope', 'ls', '/']);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toBe('zkpilot: no cluster profile "nope" (known: sandbox)');
  });

  it('with a corrupt config file: --cluster says which file and why; -server still works', async () => {
    mkdirSync(dirname(configFilePath()), { recursive: true });
    writeFileSync(configFilePath(), '{"profiles": {');
    const byName = await zkpilot(['--cluster', 'sandbox', 'ls', '/']);
    expect(byName.exitCode).not.toBe(0);
    expect(byName.stderr).toContain(`${configFilePath()}: not valid JSON`);
    expect(byName.stderr.split('\n')).toHaveLength(1);

    const byServer = await zkpilot(['-server', sandbox().connectString, 'ls', '/zookeeper']);
    expect({ code: byServer.exitCode, firstLine: firstLine(byServer.stdout) }).toEqual({ code: 0, firstLine: '[config, quota]' });
    expect(byServer.stderr).not.toMatch(/^\s+at /m);
  });
});
