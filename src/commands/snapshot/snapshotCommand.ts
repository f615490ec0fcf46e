// `snapshot list|pick [DATADIR]`, `snapshot pack [DATADIR] [-o FILE]`, `snapshot fetch
// HOST:ADMINPORT [-o FILE]`, `snapshot restore ARCHIVE DATADIR [--force]`: a dataDir's snapshots
// and logs by zxid, the newest complete snapshot with the logs it needs (trap 7), packed as
// data.tar.gz (or taken by a 3.9+ server through its AdminServer), and unpacked into a target's
// dataDir. Without DATADIR the ensemble's most advanced server is asked for its own (`conf`).
import { AdminSnapshotError, PackError, RestoreError } from '../../snapshots/archiveErrors.js';
import { NoSnapshotError, selectSnapshot, type SnapshotSelection } from '../../snapshots/selection.js';
import { listDataDir, SnapshotDirError, type DataDirListing } from '../../snapshots/zxidFiles.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { parseLongOptions, type LongOption, type LongParsed } from '../ops/longOptions.js';
import { commandProgress } from '../ops/progress.js';
import { runbookEngine } from '../runbook/service.js';
import { chooseDataDir, type DataDirChoice, type DataDirSourceOptions } from './dataDirSource.js';
import { FETCH_USAGE, fetchSnapshot } from './fetchCommand.js';
import { counted } from '../../util/counted.js';
import { byteSize, fileTable, type FileRow } from './snapshotTable.js';

type Sub = 'list' | 'pick' | 'pack' | 'fetch' | 'restore';
const SUBS: readonly Sub[] = ['list', 'pick', 'pack', 'fetch', 'restore'];

const LOG_DIR: LongOption = { long: 'log-dir', value: 'DIR', description: "the dataLogDir, when the logs are kept apart from the snapshots" };
const OPTIONS: Record<Sub, LongOption[]> = {
  list: [LOG_DIR],
  pick: [LOG_DIR],
  pack: [{ long: 'output', short: 'o', value: 'FILE', description: 'the archive to write (default data.tar.gz)' }, LOG_DIR],
  fetch: [
    { long: 'output', short: 'o', value: 'FILE', description: 'the archive to write (default data.tar.gz)' },
    { long: 'user', value: 'USER', description: "whose addauth digest credential the AdminServer gets (default: the session's first)" },
  ],
  restore: [{ long: 'force', description: "move a non-empty target version-2 aside" }, LOG_DIR],
};
const USAGE: Record<Sub, string> = {
  list: 'snapshot list [DATADIR] [--log-dir DIR]',
  pick: 'snapshot pick [DATADIR] [--log-dir DIR]',
  pack: 'snapshot pack [DATADIR] [-o FILE] [--log-dir DIR]',
  fetch: FETCH_USAGE,
  restore: 'snapshot restore ARCHIVE DATADIR [--force] [--log-dir DIR]',
};
export const SNAPSHOT_USAGE = 'list|pick [DATADIR] | pack [DATADIR] [-o FILE] | fetch HOST:ADMINPORT [-o FILE] | restore ARCHIVE DATADIR [--force]';
export const DEFAULT_ARCHIVE = 'data.tar.gz';
const MIB = 1024 * 1024;
const TRAP_7 = 'a snapshot alone loses every write after it: trap 7';

/** Where the dataDir came from, when zkpilot found it. */
function announce(ctx: CommandContext, choice: DataDirChoice): void {
  if (choice.origin) ctx.out(choice.origin, 'info');
  if (choice.remote && choice.server) ctx.err(`${choice.server.label} is another host: reading ${choice.dataDir} on this machine`, 'warn');
}

async function read(ctx: CommandContext, parsed: LongParsed, opts: DataDirSourceOptions): Promise<{ choice: DataDirChoice; listing: DataDirListing }> {
  const choice = await chooseDataDir(ctx, parsed.positionals[0], parsed.values.get('log-dir'), opts);
  announce(ctx, choice);
  try {
    return { choice, listing: await listDataDir(choice.dataDir, choice.dataLogDir) };
  } catch (e) {
    if (e instanceof SnapshotDirError && choice.remote && choice.server) {
      throw new SnapshotDirError(`${e.message} (the dataDir of ${choice.server.label}: run zkpilot on that host)`);
    }
    throw e;
  }
}

function where(listing: DataDirListing): string {
  return listing.logDir === listing.snapDir ? listing.snapDir : `${listing.snapDir} (logs in ${listing.logDir})`;
}

function selectionRows(selection: SnapshotSelection): FileRow[] {
  return selection.included.map((i) => ({ file: i.file, note: i.why }));
}

function warnAbout(ctx: CommandContext, selection: SnapshotSelection): void {
  for (const s of selection.skipped) ctx.err(`skipped ${s.file.name}: ${s.why}`, 'warn');
  if (selection.gap) ctx.err(`warning: ${selection.gap}`, 'warn');
}

async function list(ctx: CommandContext, parsed: LongParsed, opts: DataDirSourceOptions): Promise<number> {
  const { listing } = await read(ctx, parsed, opts);
  const selection = await selectSnapshot(listing).catch((e: unknown) => {
    if (e instanceof NoSnapshotError) return null;
    throw e;
  });
  const picked = new Map(selection?.included.map((i) => [i.file.path, i === selection.included[0] ? 'newest complete snapshot' : 'needed after it']) ?? []);
  const skipped = new Set(selection?.skipped.map((s) => s.file.path) ?? []);
  const files = [...listing.snapshots, ...listing.logs].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.kind === 'snapshot' ? -1 : 1));
  ctx.out(where(listing));
  if (files.length === 0) throw new NoSnapshotError(`${listing.snapDir}: no snapshot.* or log.* files`);
  ctx.out(fileTable(files.map((file) => ({ file, note: picked.get(file.path) ?? (skipped.has(file.path) ? 'incomplete' : '') }))).join('\n'));
  if (!selection) throw new NoSnapshotError(`${listing.snapDir}: no complete snapshot: nothing to restore from`);
  ctx.out(`${counted(listing.snapshots.length, 'snapshot')}, ${counted(listing.logs.length, 'log')}; newest: ${selection.snapshot.name}; a restore needs it + ${counted(selection.logs.length, 'log')} (snapshot pack)`);
  return 0;
}

async function pick(ctx: CommandContext, parsed: LongParsed, opts: DataDirSourceOptions): Promise<number> {
  const { choice, listing } = await read(ctx, parsed, opts);
  const selection = await selectSnapshot(listing);
  const snap = selection.snapshot;
  ctx.out(`newest snapshot: ${snap.name} (zxid ${snap.zxid.hex}, ${snap.zxid.epoch}:${snap.zxid.counter}) in ${where(listing)}`);
  ctx.out(fileTable(selectionRows(selection)).join('\n'));
  warnAbout(ctx, selection);
  const packLine = `snapshot pack${parsed.positionals[0] ? ` ${parsed.positionals[0]}` : ''}`;
  if (selection.logs.length === 0) ctx.out(`no log after the snapshot: it is all a restore needs: ${packLine}`);
  else ctx.out(`a restore needs these ${counted(selection.included.length, 'file')}, not the snapshot alone (${TRAP_7}): ${packLine}`);
  runbookEngine(ctx)?.record('snapshot.pick', {
    ok: true,
    text: `${snap.name} (${snap.zxid.hex}) + ${counted(selection.logs.length, 'log')} in ${listing.snapDir}`,
    data: { dataDir: listing.snapDir, logDir: listing.logDir, snapshot: snap.name, zxid: snap.zxid.hex, server: choice.server?.label ?? null },
  });
  return 0;
}

async function pack(ctx: CommandContext, parsed: LongParsed, opts: DataDirSourceOptions): Promise<number> {
  const { choice, listing } = await read(ctx, parsed, opts);
  const selection = await selectSnapshot(listing);
  const snap = selection.snapshot;
  ctx.out(`packing ${snap.name} (zxid ${snap.zxid.hex}) and the logs after it from ${where(listing)} (${TRAP_7}):`);
  ctx.out(fileTable(selectionRows(selection)).join('\n'));
  warnAbout(ctx, selection);
  const output = parsed.values.get('output') ?? DEFAULT_ARCHIVE;
  const meter = commandProgress(ctx, `snapshot pack → ${output}`, 'MiB');
  meter.setTotal(selection.included.reduce((sum, i) => sum + i.file.size, 0) / MIB);
  let result;
  try {
    const { packSelection } = await import('../../snapshots/packArchive.js');
    result = await packSelection(selection, output, { signal: ctx.signal, onBytes: (n) => meter.add(n / MIB) });
  } catch (e) {
    meter.end(ctx.signal.aborted ? 'cancelled' : 'failed');
    throw e;
  }
  meter.end('done');
  const logs = selection.logs.map((l) => l.name);
  ctx.out(`wrote ${result.file} (${counted(result.entries.length, 'file')}, ${byteSize(result.bytes)})${result.replaced ? ', replacing the previous one' : ''}`, 'ok');
  ctx.out(`restore on each target server, stopped: snapshot restore ${result.file} DATADIR (or tar -xzf into an empty dataDir)`, 'dim');
  runbookEngine(ctx)?.record('snapshot.pack', {
    ok: true,
    text: `${result.file}: ${snap.name} (${snap.zxid.hex}) + ${counted(logs.length, 'log')}${logs.length > 0 ? ` from ${logs[0]}` : ''}`,
    data: { archive: result.file, snapshot: snap.name, zxid: snap.zxid.hex, logs: logs.join(','), dataDir: listing.snapDir, server: choice.server?.label ?? null },
  });
  return 0;
}

async function restore(ctx: CommandContext, parsed: LongParsed): Promise<number> {
  const [archive, dataDir, ...extra] = parsed.positionals;
  if (archive === undefined || dataDir === undefined || extra.length > 0) throw new UsageError(USAGE.restore);
  const { restoreArchive } = await import('../../snapshots/restoreArchive.js');
  const result = await restoreArchive(archive, dataDir, { force: parsed.flags.has('force'), logDir: parsed.values.get('log-dir') ?? null });
  for (const aside of result.movedAside) ctx.err(`moved the target's version-2 aside to ${aside} (remove it once the target serves the restored data)`, 'warn');
  const newest = result.snapshots.at(-1)!;
  const logs = result.logDir === result.snapDir ? '' : ` (logs into ${result.logDir})`;
  ctx.out(`restored ${result.snapshots.length === 1 ? newest : `${result.snapshots.length} snapshots`} + ${counted(result.logs.length, 'log')} into ${result.snapDir}${logs}`, 'ok');
  for (const note of result.notes) ctx.out(note, 'info');
  ctx.out(`start the server: it loads ${newest} and replays the logs after it`, 'dim');
  runbookEngine(ctx)?.record('snapshot.restore', {
    ok: true,
    text: `${archive} → ${result.snapDir}`,
    data: { archive, dataDir: result.snapDir, snapshot: newest, logs: result.logs.length },
  });
  return 0;
}

export function snapshotCommand(opts: DataDirSourceOptions = {}): CommandSpec {
  return {
    name: 'snapshot',
    usage: SNAPSHOT_USAGE,
    summary: "a dataDir's snapshots and logs by zxid; pack the newest snapshot with its logs as data.tar.gz, or fetch one through a 3.9+ AdminServer; restore it",
    rawArgs: true,
    sessionless: true,
    args: ['word', 'file', 'file'],
    words: (i) => (i === 0 ? [...SUBS] : []),
    async run(ctx, parsed) {
      const [subText, ...rest] = (parsed.tokens ?? parsed.args).slice(1);
      const sub = SUBS.find((s) => s === subText);
      if (!sub) throw new UsageError(`snapshot ${SNAPSHOT_USAGE}`);
      const options = parseLongOptions(rest, OPTIONS[sub], USAGE[sub]);
      if (sub !== 'restore' && sub !== 'fetch' && options.positionals.length > 1) throw new UsageError(USAGE[sub]);
      try {
        switch (sub) {
          case 'list':
            return await list(ctx, options, opts);
          case 'pick':
            return await pick(ctx, options, opts);
          case 'pack':
            return await pack(ctx, options, opts);
          case 'fetch':
            return await fetchSnapshot(ctx, options, DEFAULT_ARCHIVE);
          case 'restore':
            return await restore(ctx, options);
        }
      } catch (e) {
        if (e instanceof SnapshotDirError || e instanceof NoSnapshotError || e instanceof PackError || e instanceof RestoreError || e instanceof AdminSnapshotError) {
          throw new CliError(`snapshot ${sub}: ${e.message}`);
        }
        if (e instanceof CliError && !(e instanceof UsageError)) throw new CliError(`snapshot ${sub}: ${e.message}`, e.exitCode);
        throw e;
      }
    },
  };
}
