// Exports and the session CLI over recorded sessions: the cast parses back as asciicast v2 (and
// plays in Debian's asciinema when it is installed), has a marker per command and a resize event;
// the Markdown timeline names commands, results, step durations, leaders, errors and notes; jsonl
// is the raw events; `sessions` lists, `export -o` writes a private file, bad input is refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { castProblems, parseCast } from '../../src/sessions/castFormat.js';
import { exportSession } from '../../src/sessions/exportSession.js';
import { startRecording, type Recorder } from '../../src/sessions/recorder.js';
import { readSession } from '../../src/sessions/sessionReader.js';
import { runSessionsCli } from '../../src/sessions/sessionsCli.js';
import type { CommandSpec } from '../../src/shell/registry.js';
import { failCommand, offlineShell, removeTempDirs, sayCommand, tempDir } from './helpers.js';

const wipeCommand: CommandSpec = {
  name: 'wipe',
  usage: 'path',
  summary: 'destructive: asks first',
  destructive: true,
  async run(ctx, p) {
    if (!(await ctx.confirm(`Delete ${p.args[1]} and everything below it?`))) ctx.out('kept');
  },
};

afterAll(removeTempDirs);

const HAS_ASCIINEMA = spawnSync('asciinema', ['--version']).status === 0;
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 90;
  rows = 28;
  write(): boolean {
    return true;
  }
}

const leader = (kind: string, id: number, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'ensemble.event' as const,
  event: { kind, node: { id, key: `127.0.0.1:218${id}` }, seq: id, ts: Date.now(), severity: kind === 'leader.lost' ? 'error' : 'ok', text, ...extra } as never,
});

/** A TUI session with a teed screen: commands, a failure, a leader change, notes, a resize. */
async function recordTuiSession(root: string): Promise<Recorder> {
  const { bus, shell } = offlineShell([sayCommand, failCommand, wipeCommand]);
  shell.setAsk(async () => false);
  const rec = startRecording({ bus, shell }, { cluster: 'prod-a', connectString: '10.0.0.1:2181', operator: 'alice', sessionsDir: root, termSize: { cols: 90, rows: 28 }, exitHook: false });
  const tty = new FakeTty();
  const screen = rec.teeScreen(tty as unknown as NodeJS.WriteStream);
  screen.write('\x1b[?1049h\x1b[H zkpilot  prod-a REC●\r\n');
  await shell.execute('say [zookeeper, pegasus]', 'tui');
  screen.write('[zk: 10.0.0.1:2181(CONNECTED) 0] say [zookeeper, pegasus]\r\n[zookeeper, pegasus]\r\n');
  bus.emit(leader('ensemble.observed', 1, 'watching: leader server.1 (127.0.0.1:2181), voters 3/3, config 100000000', { leader: { id: 1, key: '127.0.0.1:2181' } }));
  bus.emit(leader('leader.lost', 1, 'leader lost: server.1 (127.0.0.1:2181) is now down', { nowRole: 'down' }));
  bus.emit(leader('leader.elected', 3, 'leader elected: server.3 (127.0.0.1:2183), epoch 5', { epoch: 5, previous: { id: 1, key: '127.0.0.1:2181' } }));
  bus.emit({ type: 'ensemble.event', event: { kind: 'election.gap', from: { id: 1, key: '127.0.0.1:2181' }, to: { id: 3, key: '127.0.0.1:2183' }, minMs: 1200, maxMs: 2100, seq: 9, ts: Date.now(), severity: 'warn', text: 'election gap 1.2 s–2.1 s: server.1 → server.3' } as never });
  await shell.execute('fail', 'tui');
  await shell.execute('wipe /pegasus', 'tui');
  rec.note('server 3 took over quickly');
  rec.mark('after failover');
  tty.columns = 120;
  tty.rows = 40;
  tty.emit('resize');
  screen.write('\x1b[2J frame at 120x40\r\n');
  rec.close(true, 0);
  return rec;
}

function captureIo(root: string) {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), sessionsDir: root }, out: () => out, err: () => err };
}

describe('export --format cast', () => {
  it('is asciicast v2: the rendered screen, a marker per command, note and mark, r on resize', async () => {
    const root = tempDir('cast');
    const rec = await recordTuiSession(root);
    const text = exportSession(readSession(rec.ref), 'cast');
    expect(castProblems(text)).toEqual([]);
    const cast = parseCast(text);
    expect(cast.header).toMatchObject({ version: 2, width: 90, height: 28, timestamp: Math.floor(rec.startedAt / 1000) });
    expect(cast.header.title).toContain(rec.id);
    const of = (code: string) => cast.events.filter((e) => e[1] === code).map((e) => e[2]);
    expect(of('o').join('')).toContain('[zookeeper, pegasus]');
    expect(of('o').join('')).toContain('frame at 120x40');
    expect(of('m')).toEqual([
      '#0 say [zookeeper, pegasus]',
      'leader lost: server.1 (127.0.0.1:2181) is now down',
      'leader elected: server.3 (127.0.0.1:2183), epoch 5',
      '#1 fail',
      '#2 wipe /pegasus',
      'note (alice): server 3 took over quickly',
      'after failover',
    ]);
    expect(of('r')).toEqual(['120x40']);
    expect(cast.header.duration).toBe(cast.events[cast.events.length - 1]![0]);
  });

  it('for an exec run (no screen copy) carries the stdout and stderr text', async () => {
    const root = tempDir('castexec');
    const { bus, shell } = offlineShell();
    const rec = startRecording({ bus, shell }, { cluster: 'c', mode: 'exec', sessionsDir: root, termSize: null, exitHook: false });
    await shell.execute('say from exec', 'exec');
    await shell.execute('fail', 'exec');
    rec.close(true, 3);
    const cast = parseCast(exportSession(readSession(rec.ref), 'cast'));
    expect(cast.header).toMatchObject({ width: 80, height: 24 });
    expect(cast.events.filter((e) => e[1] === 'o').map((e) => e[2])).toEqual(['from exec\r\n', '\x1b[31mit failed\x1b[0m\r\n']);
    expect(cast.events.filter((e) => e[1] === 'm').map((e) => e[2])).toEqual(['#0 say from exec', '#1 fail']);
  });

  it.skipIf(!HAS_ASCIINEMA || !HAS_SCRIPT)('plays in asciinema (`asciinema cat`; skipped when asciinema or script is not installed)', async () => {
    const root = tempDir('asciinema');
    const rec = await recordTuiSession(root);
    const file = join(root, 'session.cast');
    const run = captureIo(root);
    expect(await runSessionsCli('export', [rec.id, '--format', 'cast', '-o', file], run.io)).toBe(0);
    // asciinema 2.x `cat` reads keys from /dev/tty: give it one with script(1).
    const out = execFileSync('script', ['-qec', `asciinema cat ${file}`, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('[zookeeper, pegasus]');
    expect(out).toContain('frame at 120x40');
  });
});

describe('export --format md', () => {
  it('is the postmortem timeline: who/what/when, results, step durations, leaders, errors, notes', async () => {
    const root = tempDir('md');
    const rec = await recordTuiSession(root);
    const md = exportSession(readSession(rec.ref), 'md');
    expect(md).toContain(`# Session ${rec.id} — postmortem timeline`);
    expect(md).toContain('- **Operator:** alice');
    expect(md).toContain('- **Cluster:** prod-a (`10.0.0.1:2181`)');
    expect(md).toMatch(/\| \d\d:\d\d:\d\d \| \+00:00 \| alice \| `say \[zookeeper, pegasus\]` \| ok \|/);
    expect(md).toMatch(/\| 3 \| \d\d:\d\d:\d\d \| `wipe \/pegasus` \| ok \|/);
    expect(md).toMatch(/\| 2 \| \d\d:\d\d:\d\d \| `fail` \| \*\*failed\*\* \(exit 3\) \| \d+ ms \| \d+ ms \|/);
    expect(md).toContain('```text\n! it failed\n```');
    expect(md).toContain('Confirmation: "Delete /pegasus and everything below it?" → **declined**');
    expect(md).toMatch(/\| server\.1 \(127\.0\.0\.1:2181\) \| \d\d:\d\d:\d\d \| \d\d:\d\d:\d\d \|/);
    expect(md).toMatch(/\| server\.3 \(127\.0\.0\.1:2183\) \| \d\d:\d\d:\d\d \| end of session \|/);
    expect(md).toContain('Elections: 1; longest gap 2.1 s');
    expect(md).toContain('election gap 1.2 s–2.1 s: server.1 → server.3');
    expect(md).toMatch(/## Errors\n\n- \d\d:\d\d:\d\d \(\+00:00\) `fail` → exit 3: it failed/);
    expect(md).toContain('**alice** note: server 3 took over quickly');
    expect(md).toContain('**alice** mark: **after failover**');
    expect(md).toContain('recording ended (clean)');
  });
});

describe('export --format jsonl and the CLI', () => {
  it('jsonl is the recorded events, one per line', async () => {
    const root = tempDir('jsonl');
    const rec = await recordTuiSession(root);
    const session = readSession(rec.ref);
    const lines = exportSession(session, 'jsonl').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual(session.events);
  });

  it('sessions lists id, start, duration, operator, cluster, runbook, commands, errors and status', async () => {
    const root = tempDir('list');
    const done = await recordTuiSession(root);
    const { bus } = offlineShell();
    const live = startRecording({ bus }, { cluster: 'staging', operator: 'erin', sessionsDir: root, exitHook: false });
    const run = captureIo(root);
    expect(await runSessionsCli('sessions', [], run.io)).toBe(0);
    const [head, ...rows] = run.out().trim().split('\n');
    expect(head).toMatch(/^ID\s+START \(UTC\)\s+DURATION\s+OPERATOR\s+CLUSTER\s+RUNBOOK\s+COMMANDS\s+ERRORS\s+STATUS$/);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.startsWith(done.id))).toMatch(/alice\s+prod-a\s+-\s+3\s+1\s+clean$/);
    expect(rows.find((r) => r.startsWith(live.id))).toMatch(/erin\s+staging\s+-\s+0\s+0\s+live$/);
    const json = captureIo(root);
    expect(await runSessionsCli('sessions', ['--json'], json.io)).toBe(0);
    expect((JSON.parse(json.out()) as { id: string }[]).map((s) => s.id).sort()).toEqual([done.id, live.id].sort());
    live.close(true);
  });

  it('export -o writes a private file; bad input gets one line and a non-zero exit', async () => {
    const root = tempDir('cli');
    const rec = await recordTuiSession(root);
    const file = join(root, 'pm.md');
    const ok = captureIo(root);
    expect(await runSessionsCli('export', [rec.id, '--format', 'md', '-o', file], ok.io)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('postmortem timeline');

    const cases: [string, string[], number, string][] = [
      ['export', [rec.id], 2, '--format is required'],
      ['export', [rec.id, '--format', 'pdf'], 2, 'unknown format "pdf"'],
      ['export', ['--format', 'md'], 2, 'which session?'],
      ['export', ['nope', '--format', 'md'], 1, 'no session "nope"'],
      ['replay', [rec.id, '--speed', '0'], 2, '--speed must be a number above 0'],
      ['sessions', ['--bogus'], 2, 'unknown option --bogus'],
      ['follow', [], 1, 'no session is being recorded'],
    ];
    for (const [sub, args, code, message] of cases) {
      const run = captureIo(root);
      expect(await runSessionsCli(sub as never, args, run.io), `${sub} ${args.join(' ')}`).toBe(code);
      expect(run.err()).toContain(message);
      expect(run.err().trim().split('\n')).toHaveLength(1);
    }
  });
});
