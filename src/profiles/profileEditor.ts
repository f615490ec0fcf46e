// `profile edit NAME` without flags on a terminal: the profile as JSON in $VISUAL/$EDITOR. The
// stored password never goes into the temporary file; it is carried over unless the edit drops
// the opt-in or changes the user. Invalid edits are reported and nothing is saved.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProfile } from './profileCheck.js';
import type { StoredProfile } from './types.js';

export type EditResult = { ok: true; profile: StoredProfile; changed: boolean } | { ok: false; error: string };

export function editProfileInEditor(name: string, current: StoredProfile, editor: string): EditResult {
  const { password, ...digestWithoutPassword } = current.superDigest ?? { user: '' };
  const shown: StoredProfile = current.superDigest ? { ...current, superDigest: digestWithoutPassword } : { ...current };
  const dir = mkdtempSync(join(tmpdir(), 'zkpilot-profile-'));
  const file = join(dir, `${name}.json`);
  try {
    const before = `${JSON.stringify(shown, null, 2)}\n`;
    writeFileSync(file, before, { mode: 0o600 });
    // Through the shell, so EDITOR="code -w" or "vim -n" work as they do for git.
    const run = spawnSync(`${editor} "$ZKPILOT_EDIT_FILE"`, { shell: true, stdio: 'inherit', env: { ...process.env, ZKPILOT_EDIT_FILE: file } });
    if (run.error) return { ok: false, error: `cannot run editor "${editor}": ${run.error.message}` };
    if (run.status !== 0) return { ok: false, error: `editor "${editor}" exited with status ${run.status ?? run.signal}; nothing was changed` };
    const after = readFileSync(file, 'utf8');
    if (after === before) return { ok: true, profile: current, changed: false };
    let edited: unknown;
    try {
      edited = JSON.parse(after);
    } catch (e) {
      return { ok: false, error: `edited profile is not valid JSON: ${(e as Error).message}; nothing was changed` };
    }
    const checked = checkProfile(name, edited);
    if (!checked.ok) return { ok: false, error: `${checked.error}; nothing was changed` };
    const { name: _n, ...profile } = checked.profile;
    const digest = profile.superDigest;
    if (digest && password !== undefined && digest.storePassword === true && digest.user === current.superDigest?.user && digest.password === undefined) {
      digest.password = password;
    }
    if (digest && digest.storePassword === true && digest.password === undefined) delete digest.storePassword;
    return { ok: true, profile, changed: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
