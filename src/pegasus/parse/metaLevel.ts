// `get_meta_level` / `set_meta_level`, and the check P2 depends on: the meta is `blind` (no
// ZooKeeper writes) before the copy starts.
import { stripAnsi } from './sections.js';

export const META_LEVELS = ['stopped', 'blind', 'freezed', 'steady', 'lively'] as const;
export type MetaLevel = (typeof META_LEVELS)[number];

export interface MetaLevelReply {
  /** get: the current level; set: the level before the change. */
  level: MetaLevel | null;
  ok: boolean;
  error: string | null;
}

function level(text: string | undefined): MetaLevel | null {
  const name = (text ?? '').replace(/^fl_/, '').toLowerCase();
  return (META_LEVELS as readonly string[]).includes(name) ? (name as MetaLevel) : null;
}

/** `current meta level is fl_steady` | `get meta level got error ERR_…`. */
export function parseGetMetaLevel(text: string): MetaLevelReply {
  const clean = stripAnsi(text);
  const m = /current meta level is (fl_\w+)/.exec(clean);
  if (m) return { level: level(m[1]), ok: true, error: null };
  const e = /get meta level got error (\S+)/.exec(clean);
  return { level: null, ok: false, error: e ? e[1]! : 'unrecognised get_meta_level output' };
}

/** `control meta level ok, the old level is fl_steady` | `control meta level got error ERR_…` | a parse error. */
export function parseSetMetaLevel(text: string): MetaLevelReply {
  const clean = stripAnsi(text);
  const m = /control meta level ok, the old level is (fl_\w+)/.exec(clean);
  if (m) return { level: level(m[1]), ok: true, error: null };
  const e = /control meta level got error (\S+)/.exec(clean);
  if (e) return { level: null, ok: false, error: e[1]! };
  const p = /parse (\S+) as meta function level failed/.exec(clean);
  return { level: null, ok: false, error: p ? `bad level ${p[1]}` : 'unrecognised set_meta_level output' };
}

export interface BlindCheck {
  ok: boolean;
  /** The level found, or null when it could not be read. */
  level: MetaLevel | null;
  message: string;
}

/**
 * P2's gate: the copy may start only when the meta is blind. From `get_meta_level` output, or
 * `cluster_info`'s meta_function_level value.
 */
export function checkBlind(found: MetaLevel | null, error: string | null = null): BlindCheck {
  if (found === 'blind') return { ok: true, level: found, message: 'meta function level is blind: ZooKeeper data is frozen for the copy' };
  if (found === null) return { ok: false, level: null, message: `meta function level unknown${error ? ` (${error})` : ''}: do not copy` };
  return { ok: false, level: found, message: `meta function level is ${found}, not blind: run set_meta_level blind before copying` };
}
