// What may differ between two runs of the same command and is not zkCli-compatibility: times,
// zxids, session ids, config versions, the version banner, and zkCli's launcher noise (SLF4J
// warnings, `Connecting to`, the interactive banner, session WATCHER blocks such as the
// preamble's SyncConnected and the Closed of exec mode's final close).
import type { CliRun } from './runners.js';

const SESSION_EVENT = /^WatchedEvent state:\w+ type:None path:null$/;

/**
 * zkCli prints session events from its own thread, so under load its connect preamble can land
 * between output lines: a `WATCHER::` line whose next `WatchedEvent` is a session event is
 * dropped with that event and the blank line before each, wherever they are; a `WATCHER::` cut
 * off at the very end (zkCli exited first) goes too.
 */
function dropSessionEvents(lines: string[]): string[] {
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'WATCHER::') continue;
    const j = lines.findIndex((l, k) => k > i && l.startsWith('WatchedEvent '));
    if (j < 0 && lines.slice(i + 1).every((l) => l === '')) {
      // zkCli exited (an error ends it at once) before its thread printed the event itself.
      drop.add(i);
      if (lines[i - 1] === '') drop.add(i - 1);
      continue;
    }
    if (j < 0 || !SESSION_EVENT.test(lines[j]!)) continue;
    for (const k of [i, j]) {
      drop.add(k);
      if (lines[k - 1] === '') drop.add(k - 1);
    }
  }
  return lines.filter((_, k) => !drop.has(k));
}

const REPLACEMENTS: [RegExp, string][] = [
  [/^([cmp])Zxid = 0x[0-9a-f]+$/, '$1Zxid = 0x<zxid>'],
  [/^(ctime|mtime) = .*$/, '$1 = <time>'],
  [/^ephemeralOwner = 0x(?!0$)[0-9a-f]+$/, 'ephemeralOwner = 0x<session>'],
  [/^version=[0-9a-f]+$/, 'version=<version>'],
  [/^[0-9a-f]+ (\S+:\d+(,\S+:\d+)*)$/, '<version> $1'], // config -c (host order kept: it must match)
  [/^ZooKeeper CLI version: .*$/, 'ZooKeeper CLI version: <version>'],
];

function normalizeLine(line: string): string {
  for (const [pattern, replacement] of REPLACEMENTS) if (pattern.test(line)) return line.replace(pattern, replacement);
  return line;
}

/**
 * SLF4J's warnings are whole lines printed by another JVM thread, so one can land in the middle of
 * a line the main thread is still writing (`Exception in thread "main" SLF4J: …`): each warning is
 * cut out of the text with its newline, which rejoins the line it interrupted.
 */
function dropSlf4j(lines: string[]): string[] {
  if (lines.length === 0) return lines;
  const text = `${lines.join('\n')}\n`.replace(/SLF4J: [^\n]*\n/g, '');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export function normalize(run: CliRun): CliRun {
  const stdout = dropSessionEvents(
    run.stdout.filter((l) => !/^Connecting to \S+$/.test(l) && l !== 'Welcome to ZooKeeper!' && !/^JLine support is (en|dis)abled$/.test(l)),
  ).map(normalizeLine);
  const stderr = dropSlf4j(run.stderr).map(normalizeLine);
  return { stdout, stderr, code: run.code };
}
