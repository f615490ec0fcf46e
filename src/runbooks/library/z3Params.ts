// Z3's parameter: which old server each new one replaces, `OLD:server.NEW=host:q:e:participant;host:c`,
// comma-separated. Checked against the live ensemble: OLD is a voter now, NEW is above every id in
// use or seen (a reused id would meet stale data or another server's epoch files).
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { parseServerLine, serverSpecToClientAddress, type ServerSpec } from '../../zk/dynamicConfig.js';
import { highestKnownId } from '../staticMembership.js';

export interface Replacement {
  old: number;
  spec: ServerSpec;
}

/** Throws with a readable message on a malformed entry. */
export function parseReplacements(text: string): Replacement[] {
  return text
    .split(',')
    .filter((t) => t.trim() !== '')
    .map((entry) => {
      const m = /^\s*(?:server\.)?(\d+):(.+)$/.exec(entry);
      if (!m) throw new Error(`"${entry}" is not OLD:server.NEW=host:quorumPort:electionPort:participant;host:clientPort`);
      const line = m[2]!.trim();
      return { old: Number(m[1]), spec: parseServerLine(line.startsWith('server.') ? line : `server.${line}`) };
    });
}

export function validateReplacements(value: string, snapshot: EnsembleSnapshot): string | null {
  let pairs: Replacement[];
  try {
    pairs = parseReplacements(value);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (pairs.length === 0) return 'no replacement given';
  const voters = (snapshot.committed?.servers ?? []).filter((s) => s.role === 'participant').map((s) => s.id);
  for (const { old, spec } of pairs) {
    if (!voters.includes(old)) return `server.${old} is not a voter of the ensemble (${voters.join(',')})`;
    if (spec.role !== 'participant') return `server.${spec.id} must be a participant`;
    const highest = Math.max(highestKnownId(snapshot, spec.id), ...pairs.filter((p) => p.spec.id !== spec.id).map((p) => p.old));
    if (spec.id <= highest) return `server.${spec.id}: a new id must be greater than every id ever used (> ${highest})`;
  }
  const olds = pairs.map((p) => p.old);
  if (new Set(olds).size !== olds.length) return 'an old server is given twice';
  const news = pairs.map((p) => p.spec.id);
  if (new Set(news).size !== news.length) return 'a new id is given twice';
  return null;
}

export function connectStringOf(specs: readonly ServerSpec[]): string {
  return specs.map((s) => serverSpecToClientAddress(s, { useQuorumHostForWildcard: true })).join(',');
}
