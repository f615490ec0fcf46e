// `profile edit NAME` without options on a terminal opens $EDITOR on the profile's JSON. The
// "editor" here is a script that rewrites the file and keeps a copy of what it was shown.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, configJson, configText, useTempXdg } from './helpers.js';

const home = useTempXdg();
const SECRET = 'ed1tor-s3cret';

/** An editor command that applies `change` (JS source over `doc`) and saves what it saw. */
function scriptedEditor(change: string): { editor: string; seen: () => string } {
  const script = join(home().root, 'editor.mjs');
  const seen = join(home().root, 'seen.json');
  writeFileSync(script, `
    import { readFileSync, writeFileSync } from 'node:fs';
    const file = process.argv[2];
    const text = readFileSync(file, 'utf8');
    writeFileSync(${JSON.stringify(seen)}, text);
    let doc = JSON.parse(text);
    ${change}
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  `);
  return { editor: `${process.execPath} ${script}`, seen: () => readFileSync(seen, 'utf8') };
}

describe('profile edit in $EDITOR', () => {
  it('saves the edited profile, keeping a stored password it never showed', async () => {
    await cli(['add', 'prod', '--server', 'zk1', '--super-user', 'ops', '--store-password'], { answers: [SECRET] });
    const { editor, seen } = scriptedEditor("doc.connectString = 'zk1:2181,zk2:2181'; doc.production = true;");
    const run = await cli(['edit', 'prod'], { interactive: true, editor });
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^profile "prod" updated/) });
    expect(seen()).not.toContain(SECRET);
    expect(JSON.parse(seen()).superDigest).toEqual({ user: 'ops', storePassword: true });
    expect(configJson().profiles.prod).toEqual({
      connectString: 'zk1:2181,zk2:2181',
      production: true,
      superDigest: { user: 'ops', storePassword: true, password: SECRET },
    });
  });

  it('reports an invalid edit in one line and changes nothing', async () => {
    await cli(['add', 'prod', '--server', 'zk1']);
    const before = configText();
    const { editor } = scriptedEditor("doc.nodeActions = { stop: 'ssh {node} stop' };");
    const run = await cli(['edit', 'prod'], { interactive: true, editor });
    expect(run).toMatchObject({
      code: 1,
      stderr: 'zkpilot profile: profile "prod": nodeActions: stop: unknown placeholder {node} (known: {host}, {id}, {clientPort}; write {{ }} for literal braces); nothing was changed\n',
    });
    const broken = scriptedEditor("doc = '{ not json';");
    expect((await cli(['edit', 'prod'], { interactive: true, editor: broken.editor })).stderr).toMatch(/^zkpilot profile: edited profile is not valid JSON: .*; nothing was changed\n$/);
    expect(configText()).toBe(before);
  });

  it('says unchanged when the file is saved as it was, and reports a failing editor', async () => {
    await cli(['add', 'prod', '--server', 'zk1']);
    const { editor } = scriptedEditor('doc = JSON.stringify(doc, null, 2) + "\\n";');
    expect(await cli(['edit', 'prod'], { interactive: true, editor })).toMatchObject({ code: 0, stdout: 'profile "prod" unchanged\n' });
    expect(await cli(['edit', 'prod'], { interactive: true, editor: 'false' })).toMatchObject({ code: 1, stderr: 'zkpilot profile: editor "false" exited with status 1; nothing was changed\n' });
  });
});
