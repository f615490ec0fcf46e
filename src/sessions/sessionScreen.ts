// The screen replay and follow show, rebuilt from events: the header facts (cluster, client
// session state, leader), the scrollback as the operator saw it (echoed commands, output, answers
// to confirmations, notes) and a timeline of what mattered. Plain TypeScript, no Ink: feed it
// events in order with apply(); rebuilding from the first event gives any earlier moment.
import { Scrollback, sanitizeOutput } from '../util/scrollback.js';
import type { Tone } from '../shell/output.js';
import { describeRecorded, ensemblePayload, type EventTone } from './eventWords.js';
import { isEnd, isMark, isNote, isStart, num, str, type RecordedEvent } from './sessionEvents.js';
import { nodeName } from './sessionStory.js';

export interface ScreenHeader {
  id: string;
  operator: string;
  cluster: string;
  connectString: string;
  mode: string;
  /** The client session state, as the console's header showed it. */
  state: string;
  leader: string | null;
  startedAt: number | null;
  /** Time of the last applied event. */
  at: number | null;
  ended: { clean: boolean } | null;
}

export interface TimelineRow {
  key: number;
  ts: number;
  who: string;
  text: string;
  tone: EventTone;
  category: string;
}

const TIMELINE_KEEP = 500;
const TIMELINE_CATEGORIES = new Set(['lifecycle', 'command', 'note', 'mark', 'ensemble', 'connection', 'confirm', 'checklist', 'other']);

export class SessionScreen {
  readonly scrollback: Scrollback;
  readonly header: ScreenHeader;
  readonly timeline: TimelineRow[] = [];
  /** How many events were applied. */
  applied = 0;
  private readonly commandRows = new Map<number, TimelineRow>();

  constructor(id: string, capacity = 10_000) {
    this.scrollback = new Scrollback(capacity);
    this.header = { id, operator: '?', cluster: '?', connectString: '', mode: 'tui', state: 'NOT_CONNECTED', leader: null, startedAt: null, at: null, ended: null };
  }

  apply(e: RecordedEvent): void {
    this.applied += 1;
    this.header.at = e.ts;
    const h = this.header;
    if (isStart(e)) {
      Object.assign(h, { operator: e.operator, cluster: e.cluster, connectString: e.connectString ?? e.cluster, mode: e.mode, startedAt: e.ts });
    } else if (isEnd(e)) {
      h.ended = { clean: e.clean === true };
    } else if (e.type === 'command.start') {
      this.line(`[zk: ${h.connectString}(${h.state}) ${num(e, 'id') ?? '?'}] ${str(e, 'line') ?? ''}`, 'echo');
    } else if (e.type === 'output') {
      const line = (e['line'] ?? {}) as Record<string, unknown>;
      this.line(String(line['text'] ?? ''), (line['tone'] as Tone) ?? 'plain', line['stream'] === 'stderr' ? 'stderr' : 'stdout');
    } else if (e.type === 'confirm') {
      this.line(`${str(e, 'question') ?? ''} [y/N] ${e['accepted'] === true ? 'y' : 'N'}`, e['accepted'] === true ? 'warn' : 'dim');
    } else if (e.type === 'session.state') {
      h.state = str(e, 'state') ?? h.state;
    } else if (isNote(e) || isMark(e)) {
      const w = describeRecorded(e, h.operator);
      this.line(isNote(e) ? `✎ note (${w.who}): ${w.text}` : `⚑ mark (${w.who}): ${w.text}`, 'info');
    } else {
      this.trackLeader(e);
    }
    this.addTimeline(e);
  }

  private trackLeader(e: RecordedEvent): void {
    const inner = ensemblePayload(e);
    if (!inner) return;
    if (inner['kind'] === 'leader.elected') this.header.leader = nodeName(inner['node']);
    else if (inner['kind'] === 'leader.lost') this.header.leader = null;
    else if (inner['kind'] === 'ensemble.observed') this.header.leader = inner['leader'] ? nodeName(inner['leader']) : null;
  }

  private addTimeline(e: RecordedEvent): void {
    if (e.type === 'command.end') {
      // The result joins its command's row instead of taking a row of its own.
      const row = this.commandRows.get(num(e, 'id') ?? -1);
      const code = num(e, 'exitCode') ?? 0;
      if (row && code !== 0) {
        row.text += ` → exit ${code}`;
        row.tone = 'error';
      }
      return;
    }
    const w = describeRecorded(e, this.header.operator);
    if (!TIMELINE_CATEGORIES.has(w.category) || e.type === 'resize') return;
    const row: TimelineRow = { key: this.applied, ts: e.ts, who: w.who, text: w.text, tone: w.tone, category: w.category };
    this.timeline.push(row);
    if (e.type === 'command.start') this.commandRows.set(num(e, 'id') ?? -1, row);
    if (this.timeline.length > TIMELINE_KEEP) this.timeline.splice(0, this.timeline.length - TIMELINE_KEEP);
  }

  private line(text: string, tone: Tone, stream: 'stdout' | 'stderr' = 'stdout'): void {
    for (const l of text.split('\n')) this.scrollback.push(sanitizeOutput(l), tone, stream);
  }
}
