// What the operator's commands answered, for checks that cannot read the ensemble model: the last
// `pg get_meta_level`, `copy`, `verify`, `pg recover`… with their exit code and output. Fed from
// the bus (command.start → output → command.end), so every command counts however it was typed
// (suggested, by hand, in Pegasus mode) and lines are already redacted. Bounded: a check reads a
// recent answer, never a transcript. Bounded by lines in all, not only per entry: 64 entries of
// 5,000 lines a stream would be 640,000 lines held for the life of the console (a few `ls -R`
// of a big tree grew the heap by every one, for 64 commands).
import type { EventBus } from '../shell/appEvents.js';
import { Emitter } from '../util/store.js';

export interface JournalEntry {
  id: number;
  /** The line as recorded (redacted), e.g. `pg nodes -d -o nodes.list` or `copy /a zk2:2181:/a`. */
  line: string;
  /** First word: `pg`, `copy`, `verify`, `deleteall`… */
  command: string;
  /** For `pg CMD …` (and Pegasus mode's routed lines): CMD, e.g. `get_meta_level`; else null. */
  pegasus: string | null;
  /** Words after the command (after CMD for `pg`). */
  args: string[];
  exitCode: number;
  startedAt: number;
  endedAt: number;
  stdout: string[];
  stderr: string[];
}

export interface CommandJournalView {
  /** The newest finished command matching `match` that started at or after `since` (ms). */
  last(match: (e: JournalEntry) => boolean, since?: number): JournalEntry | null;
}

const MAX_ENTRIES = 64;
/** Per stream and command: `nodes -d` of a big cluster or a copy's summary fit, a dump does not. */
const MAX_LINES = 5000;
/**
 * Output lines kept by all finished entries together: the oldest entries drop out (whole, never
 * cut: a check must not read half an answer) past it. The newest entry always stays; a few long
 * outputs after a command leave its answer in place.
 */
export const MAX_TOTAL_LINES = 20_000;

interface Open {
  entry: JournalEntry;
}

export class CommandJournal implements CommandJournalView {
  private readonly entries: JournalEntry[] = [];
  /** Output lines held by `entries`. */
  private lines = 0;
  private readonly open = new Map<number, Open>();
  private readonly offs: (() => void)[];
  private readonly finished = new Emitter<JournalEntry>();

  constructor(bus: EventBus, private readonly now: () => number = Date.now) {
    this.offs = [
      bus.on('command.start', (e) => {
        const words = e.line.trim().split(/\s+/);
        const command = words[0] ?? '';
        const pegasus = command === 'pg' && words.length > 1 ? words[1]! : null;
        this.open.set(e.id, {
          entry: { id: e.id, line: e.line, command, pegasus, args: words.slice(pegasus ? 2 : 1), exitCode: -1, startedAt: this.now(), endedAt: 0, stdout: [], stderr: [] },
        });
      }),
      bus.on('output', (e) => {
        if (e.commandId === null) return;
        const o = this.open.get(e.commandId);
        if (!o) return;
        const lines = e.line.stream === 'stderr' ? o.entry.stderr : o.entry.stdout;
        if (lines.length < MAX_LINES) lines.push(e.line.text);
      }),
      bus.on('command.end', (e) => {
        const o = this.open.get(e.id);
        if (!o) return;
        this.open.delete(e.id);
        o.entry.exitCode = e.exitCode;
        o.entry.endedAt = this.now();
        this.entries.push(o.entry);
        this.lines += outputLines(o.entry);
        while (this.entries.length > MAX_ENTRIES || (this.lines > MAX_TOTAL_LINES && this.entries.length > 1)) {
          this.lines -= outputLines(this.entries.shift()!);
        }
        this.finished.emit(o.entry);
      }),
    ];
  }

  last(match: (e: JournalEntry) => boolean, since = 0): JournalEntry | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.startedAt < since) return null;
      if (match(e)) return e;
    }
    return null;
  }

  /** Called with each command as it finishes (after it is in the journal). */
  onEntry(listener: (e: JournalEntry) => void): () => void {
    return this.finished.on(listener);
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.finished.clear();
  }
}

const outputLines = (e: JournalEntry): number => e.stdout.length + e.stderr.length;

/** Matches `pg CMD …` (or a bare command name when `pegasus` is false). */
export const pgCommand = (name: string) => (e: JournalEntry) => e.pegasus === name;
export const shellCommand = (name: string) => (e: JournalEntry) => e.command === name;

export const EMPTY_JOURNAL: CommandJournalView = { last: () => null };
