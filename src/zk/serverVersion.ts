// What a ZooKeeper release can do, judged from the version its `srvr` banner names. Operators run
// 3.4 to 3.9 side by side; a feature a server lacks must be said in one line naming its version,
// never left to the server's raw error (3.4 answers `config` with NoNode, drops the connection on
// a TTL create, and sends nothing back for a four-letter word it does not know).

export interface ReleaseVersion {
  major: number;
  minor: number;
  patch: number;
  /** `3.4.13` */
  text: string;
}

/** `3.4.13-6--1, built on …`, `3.8.0-${mvngit.commit.id}, …`, `3.9.3` → 3.4.13 / 3.8.0 / 3.9.3; null if none. */
export function parseReleaseVersion(text: string | null | undefined): ReleaseVersion | null {
  const m = /^\s*(\d+)\.(\d+)\.(\d+)/.exec(text ?? '');
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

/** The release is `major.minor` or later; false when the version is unknown. */
export function releaseAtLeast(text: string | null | undefined, major: number, minor: number): boolean {
  return atLeast(text, [major, minor, 0]) === true;
}

/** Features a command needs from the server, with the release that brought them. */
export const FEATURE_SINCE = {
  'dynamic config': '3.5',
  'dynamic reconfig': '3.5',
  'a container node': '3.5',
  'a TTL node': '3.5',
} as const;
export type ServerFeature = keyof typeof FEATURE_SINCE;

function sinceParts(since: string): [number, number] {
  const [major, minor] = since.split('.').map(Number);
  return [major!, minor!];
}

/**
 * `server 127.0.0.1:2181 runs ZooKeeper 3.4.13; dynamic config needs 3.5 or later`, or null
 * when the server has the feature or its version is unknown (the server then answers itself).
 */
export function missingFeature(version: string | null | undefined, feature: ServerFeature, server: string): string | null {
  const v = parseReleaseVersion(version);
  if (v === null) return null;
  const since = FEATURE_SINCE[feature];
  if (releaseAtLeast(v.text, ...sinceParts(since))) return null;
  return `server ${server} runs ZooKeeper ${v.text}; ${feature} needs ${since} or later`;
}

/**
 * Four-letter words that came after 3.4 (read from the 3.4.13, 3.8.0 and 3.9.3 jars: 3.4.13 knows
 * conf cons crst dump envi gtmk isro mntr ruok srst srvr stat stmk wchc wchp wchs; 3.8.0 and 3.9.3
 * add dirs and hash).
 */
export const WORD_SINCE: Readonly<Record<string, string>> = { dirs: '3.5', hash: '3.6' };

/** Why a server sent nothing back for `word`: it predates the word, or does not know it at all. */
export function silentWordReason(word: string, version: string | null | undefined): string {
  const v = parseReleaseVersion(version);
  const since = WORD_SINCE[word];
  if (v && since && !releaseAtLeast(v.text, ...sinceParts(since))) return `ZooKeeper ${v.text} has no ${word}: it needs ${since} or later`;
  return v ? `not a four-letter word ZooKeeper ${v.text} knows` : 'not a four-letter word this server knows';
}

// Releases compared by number, for runbooks: "is it 3.4", "is it 3.9 or later", "is it the wanted one".
export type Release = readonly [number, number, number];

/** The release at the start of a reported version, or null when there is none. */
export function releaseOf(version: string | null | undefined): Release | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version?.trim() ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function compareReleases(a: Release, b: Release): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True/false when the version is known, null when it is not. */
export function atLeast(version: string | null | undefined, min: Release): boolean | null {
  const r = releaseOf(version);
  return r === null ? null : compareReleases(r, min) >= 0;
}

/** Does a reported version (`3.8.0-abc…`, `3.4.13-6--1`) belong to the wanted one (`3.8.0`, `3.8`)? */
export function isRelease(reported: string | null | undefined, wanted: string): boolean {
  const got = releaseOf(reported);
  const want = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(wanted.trim());
  if (!got || !want) return false;
  if (got[0] !== Number(want[1]) || got[1] !== Number(want[2])) return false;
  return want[3] === undefined || got[2] === Number(want[3]);
}

/** 3.4 servers have no dynamic config, no 4lw whitelist, and a data dir 3.5+ may refuse (ZOOKEEPER-3056). */
export function isLegacy34(version: string | null | undefined): boolean {
  const r = releaseOf(version);
  return r !== null && r[0] === 3 && r[1] <= 4;
}
