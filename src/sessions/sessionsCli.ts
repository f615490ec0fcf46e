// The session subcommands: `zkpilot sessions | replay | export | note | mark | follow`.
// Each parses its own options after the subcommand; errors are one line and an exit code
// (2 for usage, 1 for a session that cannot be found or read).
import { readFileSync } from 'node:fs';
import { isExportFormat, exportSession, writeExportFile, EXPORT_FORMATS } from './exportSession.js';
import { followPlain } from './followPlain.js';
import { appendMark, appendNote, findLiveSession, pairTarget } from './pairing.js';
import { readSession } from './sessionReader.js';
import { loadProfiles } from '../profiles/loadProfiles.js';
import { defaultSessionsDir, listSessionRefs, resolveSession, SessionLookupError, type SessionRef } from './sessionStore.js';
import { formatSessionTable } from './sessionTable.js';
import { summarise } from './sessionSummary.js';
import type { SessionSubcommand } from './subcommands.js';
import type { ScreenStreams } from '../ui/replay/runSessionScreens.js';


export interface SessionsCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Default: settings.sessionsDir. */
  sessionsDir?: string;
  /** Terminal streams for replay and follow (default the process's). */
  streams?: ScreenStreams;
}

export const SESSIONS_HELP = `zkpilot sessions — recordings of console runs (for postmortems and pairing)

Usage:
  zkpilot sessions [--json]                         list recorded sessions, newest last
  zkpilot replay ID [--speed N]                     play a session back read-only
                                                    (space pause, ←/→ event, m/M mark, +/- speed, q quit)
  zkpilot export ID --format cast|md|jsonl [-o FILE]
                                                    cast: asciinema v2 (asciinema play FILE)
                                                    md: postmortem timeline; jsonl: the raw events
  zkpilot note [--session ID] [--operator NAME] TEXT   add a note to the live session (from another pane)
  zkpilot mark [--session ID] [--operator NAME] [LABEL] add a mark (a point to jump to in replay)
  zkpilot follow [ID]                               read-only live mirror of a session (default: the live one)

ID is a session id, a unique prefix or suffix of one, or a session directory.
Sessions live in settings.sessionsDir (default $XDG_DATA_HOME/zkpilot/sessions).
`;

class UsageError extends Error {}

interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
  rest: string[];
}

function parseOptions(argv: readonly string[], withValue: readonly string[], flags: readonly string[]): ParsedOptions {
  const out: ParsedOptions = { values: new Map(), flags: new Set(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.rest.push(...argv.slice(i + 1));
      break;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (withValue.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      out.values.set(name, value);
    } else if (flags.includes(a)) out.flags.add(a);
    else if (a.startsWith('-') && a.length > 1 && out.rest.length === 0) throw new UsageError(`unknown option ${a}`);
    else out.rest.push(a);
  }
  return out;
}

export async function runSessionsCli(sub: SessionSubcommand, argv: readonly string[], io: SessionsCliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(SESSIONS_HELP);
    return 0;
  }
  const root = io.sessionsDir ?? defaultSessionsDir();
  try {
    switch (sub) {
      case 'sessions':
        return listCommand(root, argv, io);
      case 'export':
        return exportCommand(root, argv, io);
      case 'note':
      case 'mark':
        return annotateCommand(sub, root, argv, io);
      case 'replay':
        return await replayCommand(root, argv, io);
      case 'follow':
        return await followCommand(root, argv, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`zkpilot ${sub}: ${e.message} (zkpilot ${sub} --help)\n`);
      return 2;
    }
    if (e instanceof SessionLookupError) {
      io.stderr(`zkpilot ${sub}: ${e.message}\n`);
      return 1;
    }
    io.stderr(`zkpilot ${sub}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function listCommand(root: string, argv: readonly string[], io: SessionsCliIo): number {
  const opts = parseOptions(argv, [], ['--json']);
  if (opts.rest.length > 0) throw new UsageError(`unexpected argument ${opts.rest[0]}`);
  const rows = listSessionRefs(root).flatMap((ref) => {
    try {
      return [summarise(readSession(ref))];
    } catch {
      return []; // vanished or unreadable while listing
    }
  });
  if (opts.flags.has('--json')) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) io.stdout(`no sessions recorded in ${root}\n`);
  else io.stdout(formatSessionTable(rows));
  return 0;
}

function oneSession(root: string, rest: string[], what: string): SessionRef {
  if (rest.length === 0) throw new UsageError(`which session? give its ID (${what})`);
  if (rest.length > 1) throw new UsageError(`unexpected argument ${rest[1]}`);
  return resolveSession(root, rest[0]!);
}

function exportCommand(root: string, argv: readonly string[], io: SessionsCliIo): number {
  const opts = parseOptions(argv, ['--format', '-o', '--output'], []);
  const ref = oneSession(root, opts.rest, 'zkpilot sessions lists them');
  const format = opts.values.get('--format');
  if (!format) throw new UsageError(`--format is required: ${EXPORT_FORMATS.join('|')}`);
  if (!isExportFormat(format)) throw new UsageError(`unknown format "${format}": ${EXPORT_FORMATS.join('|')}`);
  const text = exportSession(readSession(ref), format);
  const file = opts.values.get('-o') ?? opts.values.get('--output');
  if (file && file !== '-') {
    writeExportFile(file, text);
    io.stderr(`exported ${ref.id} as ${format} to ${file}\n`);
  } else io.stdout(text);
  return 0;
}

function annotateCommand(sub: 'note' | 'mark', root: string, argv: readonly string[], io: SessionsCliIo): number {
  const opts = parseOptions(argv, ['--session', '--operator'], []);
  const text = opts.rest.join(' ').trim();
  if (sub === 'note' && text.length === 0) throw new UsageError('nothing to note: zkpilot note TEXT');
  const ref = pairTarget(root, opts.values.get('--session'));
  const operator = opts.values.get('--operator');
  if (sub === 'note') {
    appendNote(ref, text, operator);
    io.stdout(`noted in ${ref.id}\n`);
  } else {
    const e = appendMark(ref, text || null, operator);
    io.stdout(`marked "${e.label}" in ${ref.id}\n`);
  }
  return 0;
}

async function replayCommand(root: string, argv: readonly string[], io: SessionsCliIo): Promise<number> {
  const opts = parseOptions(argv, ['--speed'], []);
  const ref = oneSession(root, opts.rest, 'zkpilot sessions lists them');
  const speedText = opts.values.get('--speed') ?? '1';
  const speed = Number(speedText);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 1000) throw new UsageError(`--speed must be a number above 0, got "${speedText}"`);
  const streams = io.streams ?? {};
  if (!(streams.stdout ?? process.stdout).isTTY || !(streams.stdin ?? process.stdin).isTTY) {
    io.stderr(`zkpilot replay: needs a terminal; for text use: zkpilot export ${ref.id} --format md\n`);
    return 2;
  }
  const session = readSession(ref);
  const [{ Playback }, { runReplayScreen }] = await Promise.all([import('./playback.js'), import('../ui/replay/runSessionScreens.js')]);
  await runReplayScreen(new Playback(ref.id, session.events, { speed }), withKeyBindings(streams));
  return 0;
}

async function followCommand(root: string, argv: readonly string[], io: SessionsCliIo): Promise<number> {
  const opts = parseOptions(argv, [], []);
  let ref: SessionRef | null;
  if (opts.rest.length > 0) ref = oneSession(root, opts.rest, 'zkpilot sessions lists them');
  else {
    ref = findLiveSession(root);
    if (!ref) throw new SessionLookupError(`no session is being recorded in ${root}; give an ID to follow another (zkpilot sessions)`);
  }
  readFileSync(ref.eventsFile); // unreadable: say so now, not inside the screen
  const streams = io.streams ?? {};
  if (!(streams.stdout ?? process.stdout).isTTY) {
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      await followPlain(ref, (t) => io.stdout(t), controller.signal);
    } finally {
      process.off('SIGINT', onSigint);
    }
    return 0;
  }
  const [{ SessionFollower }, { runFollowScreen }] = await Promise.all([import('./follower.js'), import('../ui/replay/runSessionScreens.js')]);
  await runFollowScreen(new SessionFollower(ref), withKeyBindings(streams));
  return 0;
}

/** Replay and follow read the operator's remapped keys, as the console does. */
function withKeyBindings(streams: ScreenStreams): ScreenStreams {
  return { ...streams, keyBindings: streams.keyBindings ?? loadProfiles().settings.keyBindings };
}
