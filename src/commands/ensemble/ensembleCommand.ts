// `ensemble [--json]`: the live model as a table (or JSON), after at least one poll round, so
// exec mode never prints an empty table. `events [N] [--json]`: the newest events.
import {
  configCell, countCell, epochCounterCell, healthLine, idCell, lagCell, latencyCell, roleCell, zxidCell,
} from '../../ensemble/cells.js';
import type { EnsembleEvent } from '../../ensemble/eventTypes.js';
import { snapshotToJson } from '../../ensemble/snapshotJson.js';
import type { EnsembleSnapshot, NodeView } from '../../ensemble/types.js';
import { UsageError } from '../../shell/errors.js';
import type { Tone } from '../../shell/output.js';
import type { CommandSpec } from '../../shell/registry.js';
import { requireEnsemble, takeJsonFlag } from './service.js';

/** How long `ensemble` waits for the first round (each server has the model's timeout). */
const FIRST_ROUND_WAIT_MS = 8000;
const DEFAULT_EVENTS = 20;

const COLUMNS: ReadonlyArray<[string, (n: NodeView) => string]> = [
  ['id', idCell],
  ['address', (n) => n.key],
  ['role', roleCell],
  ['zxid', zxidCell],
  ['epoch:ctr', epochCounterCell],
  ['lag', lagCell],
  ['version', (n) => n.version ?? '-'],
  ['config', (n) => `${n.configVersion ?? '-'} ${configCell(n)}`],
  ['latency', latencyCell],
  ['outst', (n) => countCell(n.outstanding)],
  ['znodes', (n) => countCell(n.znodes)],
  ['conns', (n) => countCell(n.connections)],
  ['mark', (n) => (n.marker ? `<- ${n.marker.label}` : '')],
];
/** Shown with `-l` only: the default table stays within a shell pane beside the side panes. */
const LONG_ONLY = new Set(['outst', 'znodes', 'conns']);

export function ensembleTable(snapshot: EnsembleSnapshot, long = false): string[] {
  const marked = snapshot.nodes.some((n) => n.marker);
  const columns = COLUMNS.filter(([title]) => (title !== 'mark' || marked) && (long || !LONG_ONLY.has(title)));
  const rows = snapshot.nodes.map((n) => columns.map(([, cell]) => cell(n)));
  const header = columns.map(([title]) => title);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function roleTone(n: NodeView): Tone {
  if (n.role === 'down' || n.role === 'no-answer' || n.role === 'unreachable') return 'error';
  if (n.role === 'non-voting' || n.role === 'not-serving' || n.configOk === false) return 'warn';
  if (n.role === 'leader') return 'ok';
  return 'plain';
}

export const ensembleCommand: CommandSpec = {
  name: 'ensemble',
  usage: '[-l] [--json]',
  summary: 'Every server: role, zxid, lag, version, config version, latency (-l: requests, znodes, connections); quorum health',
  rawArgs: true,
  async run(ctx, parsed) {
    const { json, rest } = takeJsonFlag(parsed.args.slice(1));
    const long = rest.includes('-l');
    if (rest.some((t) => t !== '-l')) throw new UsageError(`ensemble ${ensembleCommand.usage}`);
    const model = requireEnsemble(ctx);
    const snapshot = model.getSnapshot().round > 0 ? model.getSnapshot() : await model.whenReady(FIRST_ROUND_WAIT_MS);
    if (json) {
      ctx.out(JSON.stringify(snapshotToJson(snapshot), null, 2));
      return snapshot.round > 0 ? 0 : 1;
    }
    if (snapshot.round === 0) {
      ctx.err(`ensemble: no poll round completed within ${FIRST_ROUND_WAIT_MS} ms`);
      return 1;
    }
    const [header, ...rows] = ensembleTable(snapshot, long);
    ctx.out(header!, 'dim');
    rows.forEach((row, i) => ctx.out(row, roleTone(snapshot.nodes[i]!)));
    ctx.out(healthLine(snapshot), snapshot.health.quorumServing ? 'info' : 'error');
    for (const n of snapshot.nodes) {
      if (n.detail && n.role !== 'leader' && n.role !== 'follower' && n.role !== 'observer') ctx.out(`  ${n.key}: ${n.detail}`, 'dim');
    }
    return 0;
  },
};

function clock(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

const SEVERITY_TONES: Record<EnsembleEvent['severity'], Tone> = { info: 'plain', ok: 'ok', warn: 'warn', error: 'error' };

export function eventLine(e: EnsembleEvent): string {
  return `${clock(e.ts)}  ${e.text}`;
}

export const eventsCommand: CommandSpec = {
  name: 'events',
  usage: '[N] [--json]',
  summary: 'The newest ensemble events (leader changes, election gaps, down/hung/up, config versions, session)',
  rawArgs: true,
  async run(ctx, parsed) {
    const { json, rest } = takeJsonFlag(parsed.args.slice(1));
    if (rest.length > 1 || (rest[0] !== undefined && !/^\d+$/.test(rest[0]))) throw new UsageError(`events ${eventsCommand.usage}`);
    const n = rest[0] === undefined ? DEFAULT_EVENTS : Number(rest[0]);
    const model = requireEnsemble(ctx);
    if (model.getSnapshot().round === 0) await model.whenReady(FIRST_ROUND_WAIT_MS);
    const events = model.events(n);
    if (json) {
      ctx.out(JSON.stringify(events.map((e) => ({ ...e, time: new Date(e.ts).toISOString() })), null, 2));
      return 0;
    }
    if (events.length === 0) ctx.out('no ensemble events yet', 'dim');
    for (const e of events) ctx.out(eventLine(e), SEVERITY_TONES[e.severity]);
    return 0;
  },
};
