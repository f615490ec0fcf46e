// Checks and steps the Pegasus runbooks (P1–P3) share. The ensemble model cannot see a meta
// server, so these read what the operator's own commands answered (the command journal): the
// last `pg cluster_info`, `pg get_meta_level`, `pg recover`… run during the current step, parsed
// with src/pegasus/parse. Files (`ls -o apps.list`, recover_node_list) live in the Pegasus
// shell's working directory, as its `-o` and `recover -f` see them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseClusterInfo, type ClusterInfo } from '../pegasus/parse/clusterInfo.js';
import { compareAppLists, parseLs, type AppRow } from '../pegasus/parse/ls.js';
import { errorCode } from '../pegasus/parse/sections.js';
import { fail, pass } from './checks.js';
import type { JournalEntry } from './commandJournal.js';
import type { CheckResult, ParamDef, StepContext, StepDef } from './types.js';

/** The newest `pg NAME …` answered during the current step (optionally with an argument in it). */
export function lastPg(c: StepContext, name: string, withArg?: string): JournalEntry | null {
  return c.facts.journal?.last((e) => e.pegasus === name && (withArg === undefined || e.args.includes(withArg)), c.stepStartedAt) ?? null;
}

/** The newest zkpilot command NAME run during the current step. */
export function lastCommand(c: StepContext, name: string): JournalEntry | null {
  return c.facts.journal?.last((e) => e.command === name, c.stepStartedAt) ?? null;
}

/** Both streams, in the order the passthrough printed them per stream (enough for the parsers). */
export function answer(e: JournalEntry): string {
  return [...e.stdout, ...e.stderr].join('\n');
}

export function shellFile(c: StepContext, file: string): string {
  return path.resolve(c.facts.pegasusCwd ?? process.cwd(), file);
}

/** Modified since the step started: written by this step, not left over from an earlier window. */
export function freshFile(c: StepContext, file: string): string | null {
  return freshText(c, file)?.path ?? null;
}

const textCache = new Map<string, { mtimeMs: number; text: string }>();

/**
 * The path and text of a file written during the current step, or null. Checks run on every
 * model change: a file is read again only when it changed (one stat per check otherwise).
 */
export function freshText(c: StepContext, file: string): { path: string; text: string } | null {
  const p = shellFile(c, file);
  if (!existsSync(p)) return null;
  const { mtimeMs } = statSync(p);
  if (mtimeMs < c.stepStartedAt - 1000) return null;
  let cached = textCache.get(p);
  if (cached?.mtimeMs !== mtimeMs) {
    cached = { mtimeMs, text: readFileSync(p, 'utf8') };
    textCache.set(p, cached);
  }
  return { path: p, text: cached.text };
}

/** The first suggested command whose answer this step has not seen yet (then the last again). */
export function nextOf(c: StepContext, lines: readonly string[]): string[] {
  const pending = lines.filter((l) => {
    const [cmd, name] = l.split(/\s+/);
    return cmd === 'pg' ? lastPg(c, name!) === null : lastCommand(c, cmd!) === null;
  });
  return pending.length > 0 ? [...pending] : [lines[lines.length - 1]!];
}

export function clusterInfoNow(c: StepContext): ClusterInfo | null {
  const e = lastPg(c, 'cluster_info');
  return e ? parseClusterInfo(answer(e)) : null;
}

/** `host:port` lists compared as sets (the meta prints hosts_list as configured). */
export function sameHosts(a: string, b: string): boolean {
  const norm = (s: string) => s.split(',').map((h) => h.trim()).filter((h) => h !== '').sort().join(',');
  return norm(a) === norm(b);
}

export function validHostsList(value: string): string | null {
  const hosts = value.split(',').filter((h) => h !== '');
  if (hosts.length === 0) return 'no host given';
  const bad = hosts.find((h) => !/^[A-Za-z0-9_.-]+:\d{1,5}$/.test(h));
  return bad ? `"${bad}" is not host:port` : null;
}

/** `apps=FILE`: where P1/P2's backup step writes the table list. */
export const APPS_PARAM: ParamDef = { name: 'apps', description: 'file for the table list backup (default apps.list)', kind: 'path', required: false };

/** Apps saved by the backup step (memory.apps), persisted with the run. */
export function savedApps(c: StepContext): AppRow[] {
  return (c.memory.apps as AppRow[] | undefined) ?? [];
}

/**
 * Step 1 of P1/P2: `pg ls -o apps.list`, the table list to compare with at the end. The check
 * reads the file the Pegasus shell wrote; its tables are kept in the run's memory.
 */
export function backupAppsStep(file: string): StepDef {
  const read = (c: StepContext): { apps: AppRow[]; error: string | null } | null => {
    const fresh = freshText(c, file);
    if (!fresh) return null;
    const ls = parseLs(fresh.text);
    return { apps: ls.apps, error: ls.error };
  };
  return {
    id: 'backup-apps',
    title: `back up the table list: pg ls -o ${file}`,
    why: 'The tables as they are now: after the move every one must be back with the same id and partition count.',
    commands: () => [`pg ls -o ${file}`],
    check: (c) => {
      const got = read(c);
      if (!got) return fail(`${shellFile(c, file)} not written during this step`);
      if (got.error) return fail(`ls failed: ${got.error}`);
      if (got.apps.length === 0) return fail(`${file} lists no table`);
      return pass(`${got.apps.length} table(s) in ${file}: ${got.apps.map((a) => a.appName).join(', ')}`);
    },
    onDone: (c) => {
      c.memory.apps = read(c)?.apps ?? [];
    },
  };
}

/** No meta answers: a `pg ls` / `pg cluster_info` of this step failed with a network error. */
export function metasDownCheck(c: StepContext): CheckResult {
  const e = lastPg(c, 'ls') ?? lastPg(c, 'cluster_info');
  if (!e) return fail('run pg ls: it must fail with ERR_NETWORK_FAILURE once no meta server answers');
  const code = errorCode(answer(e));
  if (code === 'ERR_NETWORK_FAILURE' || code === 'ERR_TIMEOUT') return pass(`pg ${e.pegasus}: ${code}, no meta server answers`);
  return fail(`pg ${e.pegasus} still answered${code ? ` (${code})` : ''}: a meta server is running`);
}

/** After the move: cluster_info names the new ZooKeeper, and `ls` has every table of the backup. */
export function healthyCheck(c: StepContext, hosts: string): CheckResult {
  const info = clusterInfoNow(c);
  if (!info) return fail('run pg cluster_info');
  if (info.error) return fail(`cluster_info failed: ${info.error}`);
  if (!info.zookeeperHosts || !sameHosts(info.zookeeperHosts, hosts)) return fail(`zookeeper_hosts is ${info.zookeeperHosts ?? '?'}, want ${hosts}: the meta still reads the old config`);
  const e = lastPg(c, 'ls');
  if (!e) return fail(`meta on ${hosts}; run pg ls to compare the tables with the backup`);
  const ls = parseLs(answer(e));
  if (ls.error) return fail(`ls failed: ${ls.error}`);
  const diff = compareAppLists(savedApps(c), ls.apps);
  const problems = [
    ...diff.missing.map((n) => `${n} missing`),
    ...diff.changed.map((n) => `${n} changed`),
  ];
  if (problems.length > 0) return fail(`tables differ from the backup: ${problems.join(', ')}`);
  return pass(`meta on ${hosts} (${info.metaFunctionLevel ?? '?'}), primary ${info.primaryMetaServer ?? '?'}; ${ls.apps.length} table(s), all ${savedApps(c).length} of the backup present`);
}
