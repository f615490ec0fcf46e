// What may differ between two runs of the same command and is not zkCli-compatibility: times,
// zxids, session ids, config versions, the version banner, and zkCli's launcher noise (SLF4J
// warnings, `Connecting to`, the interactive banner, session WATCHER blocks such as the
// preamble's SyncConnected and the Closed of exec mode's final close).
import type { CliRun } from './runners.js';

const SESSION_EVENT = /^WatchedEvent state:\w+ type:None path:null$/;

function dropSessionEvents(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const block = lines[i] === '' && lines[i + 1] === 'WATCHER::' && lines[i + 2] === '' && SESSION_EVENT.test(lines[i + 3] ?? '');
    if (block) {
      i += 3;
      continue;
    }
    out.push(lines[i]!);
  }
  return out;
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

export function normalize(run: CliRun): CliRun {
  const stdout = dropSessionEvents(
    run.stdout.filter((l) => !/^Connecting to \S+$/.test(l) && l !== 'Welcome to ZooKeeper!' && !/^JLine support is (en|dis)abled$/.test(l)),
  ).map(normalizeLine);
  const stderr = run.stderr.filter((l) => !l.startsWith('SLF4J:')).map(normalizeLine);
  return { stdout, stderr, code: run.code };
}
