// What `profile list`, `show` and `export` print. None of them ever prints a stored password:
// show/list say `***`, export leaves the password and the opt-in out altogether (the receiving
// operator decides for themselves whether to store one).
import { toStored } from './profileCheck.js';
import { NODE_ACTION_IDS, type Profile, type StoredProfile } from './types.js';

export const SECRET_MASK = '***';

function superDigestSummary(profile: Profile): string | null {
  const d = profile.superDigest;
  if (!d) return null;
  return d.storePassword === true && d.password !== undefined
    ? `${d.user}, password ${SECRET_MASK} (stored in the config file)`
    : `${d.user}, password asked when needed`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

export function formatProfile(profile: Profile): string {
  const rows: [string, string][] = [['connect string', profile.connectString]];
  if (profile.sessionTimeoutMs !== undefined) rows.push(['session timeout', `${profile.sessionTimeoutMs} ms`]);
  if (profile.watchHosts?.length) rows.push(['watch hosts', profile.watchHosts.join(', ')]);
  if (profile.pegasus) {
    rows.push(['pegasus shell', profile.pegasus.command]);
    if (profile.pegasus.cwd) rows.push(['pegasus cwd', profile.pegasus.cwd]);
  }
  const actions = NODE_ACTION_IDS.filter((a) => profile.nodeActions?.[a] !== undefined);
  actions.forEach((a, i) => rows.push([i === 0 ? 'node actions' : '', `${pad(a, 8)} ${profile.nodeActions![a]}`]));
  const dirs = Object.entries(profile.dataDirs ?? {});
  const hostWidth = Math.max(0, ...dirs.map(([h]) => h.length)) + 1;
  dirs.forEach(([host, dir], i) => rows.push([i === 0 ? 'data dirs' : '', `${pad(host, hostWidth)}${dir}`]));
  const digest = superDigestSummary(profile);
  if (digest) rows.push(['super digest', digest]);
  if (profile.production) rows.push(['production', 'yes']);
  if (profile.accent) rows.push(['accent', profile.accent]);
  if (profile.description) rows.push(['description', profile.description]);
  const title = profile.production ? `${profile.name}  [PROD]` : profile.name;
  return [title, ...rows.map(([k, v]) => `  ${pad(k, 17)}${v}`)].join('\n') + '\n';
}

export function formatProfileList(profiles: readonly Profile[], invalid: ReadonlyMap<string, string>): string {
  if (profiles.length === 0 && invalid.size === 0) return 'no profiles (add one: zkpilot profile add NAME --server host:port,…)\n';
  const rows = profiles.map((p) => {
    const notes = [p.production ? 'PROD' : '', p.superDigest ? `super-digest ${superDigestSummary(p)}` : '', p.description ?? ''].filter(Boolean);
    return [p.name, p.connectString, notes.join('; ')];
  });
  for (const name of invalid.keys()) rows.push([name, '-', 'INVALID (see the error above)']);
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!));
  const header = ['NAME', 'CONNECT STRING', 'NOTES'];
  const widths = [0, 1].map((c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)) + 2);
  const line = (r: string[]) => `${pad(r[0]!, widths[0]!)}${pad(r[1]!, widths[1]!)}${r[2]}`.trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

/** The profile as it may leave this machine: no password, no storePassword opt-in. */
export function exportableProfile(profile: Profile): StoredProfile {
  const stored = structuredClone(toStored(profile));
  if (stored.superDigest) stored.superDigest = { user: stored.superDigest.user };
  return stored;
}

export function exportDocument(profiles: readonly Profile[]): string {
  const doc = { profiles: Object.fromEntries(profiles.map((p) => [p.name, exportableProfile(p)])) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
