// The super-digest password: asked (hidden), stored only on explicit opt-in with a warning, and
// never printed by show/list nor exported. File bytes are grepped, not just the parsed JSON.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProfileCli } from '../../src/profiles/profileCli.js';
import { configFilePath } from '../../src/profiles/configPath.js';
import { resolveCluster } from '../../src/profiles/loadProfiles.js';
import { superDigestCredentials } from '../../src/profiles/profileUse.js';
import { cli, configJson, configText, useTempXdg } from './helpers.js';

const home = useTempXdg();
const SECRET = 'Sup3r-s3cret!';

function everyOutput(...runs: { stdout: string; stderr: string }[]): string {
  return runs.map((r) => r.stdout + r.stderr).join('');
}

describe('super-digest password', () => {
  it('is not stored, nor asked, without --store-password; it is asked when connecting', async () => {
    const added = await cli(['add', 'prod', '--server', 'zk1', '--super-user', 'ops']);
    expect(added.asked).toEqual([]);
    expect(configJson().profiles.prod.superDigest).toEqual({ user: 'ops' });
    const resolved = resolveCluster('prod');
    if (!resolved.ok) throw new Error(resolved.error);
    const asked: string[] = [];
    const creds = await superDigestCredentials(resolved.profile, async (q, { secret }) => {
      asked.push(`${q}|${secret}`);
      return SECRET;
    });
    expect(creds).toEqual({ user: 'ops', password: SECRET });
    expect(asked).toEqual(['Password for ops on prod: |true']);
    expect(configText()).not.toContain(SECRET);
  });

  it('is asked with a hidden prompt and stored with a warning on --store-password, yet never shown or exported', async () => {
    const added = await cli(['add', 'prod', '--server', 'zk1', '--super-user', 'ops', '--store-password'], { answers: [SECRET] });
    expect(added.code).toBe(0);
    expect(added.asked).toEqual([{ question: 'Super-digest password for ops on prod (stored in the config file): ', secret: true }]);
    expect(added.stderr).toBe(`warning: the super-digest password of "prod" is stored in clear text in ${configFilePath()} (mode 0600); anyone who can read that file can act as super on the cluster\n`);
    expect(configJson().profiles.prod.superDigest).toEqual({ user: 'ops', storePassword: true, password: SECRET });
    expect(statSync(configFilePath()).mode & 0o777).toBe(0o600);

    const shown = await cli(['show', 'prod']);
    const listed = await cli(['list']);
    const exported = await cli(['export', 'prod']);
    const exportedAll = await cli(['export', '--all']);
    expect(shown.stdout).toContain('super digest     ops, password *** (stored in the config file)');
    expect(listed.stdout).toContain('password ***');
    expect(everyOutput(added, shown, listed, exported, exportedAll)).not.toContain(SECRET);
    expect(JSON.parse(exported.stdout).profiles.prod.superDigest).toEqual({ user: 'ops' });

    // The stored password is used without asking.
    const resolved = resolveCluster('prod');
    if (!resolved.ok) throw new Error(resolved.error);
    expect(await superDigestCredentials(resolved.profile, () => Promise.reject(new Error('asked')))).toEqual({ user: 'ops', password: SECRET });

    // Importing the export elsewhere carries no password.
    const file = `${home().root}/prod.json`;
    writeFileSync(file, exported.stdout);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    await cli(['rm', 'prod']);
    await cli(['import', file]);
    expect(configText()).not.toContain(SECRET);
  });

  it('is removed by --forget-password and by changing the super user', async () => {
    await cli(['add', 'prod', '--server', 'zk1', '--super-user', 'ops', '--store-password'], { answers: [SECRET] });
    expect((await cli(['edit', 'prod', '--forget-password'])).code).toBe(0);
    expect(configText()).not.toContain(SECRET);
    expect(configJson().profiles.prod.superDigest).toEqual({ user: 'ops' });

    await cli(['edit', 'prod', '--store-password'], { answers: [SECRET] });
    expect(configText()).toContain(SECRET);
    const changed = await cli(['edit', 'prod', '--super-user', 'super']);
    expect(changed.stderr).toBe('note: the stored password of the previous super user of "prod" was removed\n');
    expect(configText()).not.toContain(SECRET);
    expect(configJson().profiles.prod.superDigest).toEqual({ user: 'super' });
  });

  it('refuses --store-password without a user, without a way to ask, or with an empty answer', async () => {
    expect(await cli(['add', 'p', '--server', 'zk1', '--store-password'])).toMatchObject({ code: 1, stderr: 'zkpilot profile: --store-password needs a super-digest user (--super-user USER)\n' });
    expect(await cli(['add', 'p', '--server', 'zk1', '--super-user', 'ops', '--store-password'], { answers: [''] })).toMatchObject({ code: 1, stderr: 'zkpilot profile: empty password; nothing was changed\n' });
    let stderr = '';
    const code = await runProfileCli(['add', 'p', '--server', 'zk1', '--super-user', 'ops', '--store-password'], { stdout: () => {}, stderr: (s) => { stderr += s; } });
    expect({ code, stderr }).toEqual({ code: 1, stderr: 'zkpilot profile: --store-password needs a terminal (or the password on stdin) to ask for it\n' });
  });

  it('refuses a hand-written password without the opt-in', async () => {
    await cli(['add', 'prod', '--server', 'zk1']);
    const doc = configJson();
    doc.profiles.prod.superDigest = { user: 'ops', password: SECRET };
    writeFileSync(configFilePath(), JSON.stringify(doc));
    expect(resolveCluster('prod')).toEqual({
      ok: false,
      error: `zkpilot: cluster profile "prod" cannot be used: ${configFilePath()}: profile "prod": superDigest: password: present but storePassword is not true (remove the password, or opt in with "storePassword": true)`,
    });
  });
});
