// `copy_data` (table migration, P3): everything on stderr — INFO settings, a progress line every
// second, per-split totals, then `Copy done, total N rows.` or `Copy terminated, total N rows.`.
import { splitLines } from './sections.js';

export interface CopyDataProgress {
  seconds: number;
  splitsDone: number;
  splitsTotal: number;
  totalRows: number;
  lastSecondRows: number;
  /** The line ended with `, error occurred, terminating...`. */
  erroring: boolean;
}

export interface CopyDataOutput {
  settings: Map<string, string>;
  progress: CopyDataProgress[];
  splitRows: Map<number, number>;
  /** `done` (Copy done), `terminated` (Copy terminated: must be restarted from scratch), or null while running. */
  outcome: 'done' | 'terminated' | null;
  totalRows: number | null;
  errors: string[];
}

const PROGRESS = /^INFO: processed for (\d+) seconds, \((\d+)\/(\d+)\) splits, total (\d+) rows, last second (\d+) rows(, error occurred, terminating\.\.\.)?$/;

/** One progress line, or null: the passthrough shows these live as they arrive. */
export function parseCopyDataProgressLine(line: string): CopyDataProgress | null {
  const m = PROGRESS.exec(line.trim());
  if (!m) return null;
  return { seconds: Number(m[1]), splitsDone: Number(m[2]), splitsTotal: Number(m[3]), totalRows: Number(m[4]), lastSecondRows: Number(m[5]), erroring: m[6] !== undefined };
}

export function parseCopyData(text: string): CopyDataOutput {
  const out: CopyDataOutput = { settings: new Map(), progress: [], splitRows: new Map(), outcome: null, totalRows: null, errors: [] };
  for (const line of splitLines(text)) {
    const progress = parseCopyDataProgressLine(line);
    if (progress) {
      out.progress.push(progress);
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^INFO: split\[(\d+)\]: (\d+) rows$/.exec(line))) out.splitRows.set(Number(m[1]), Number(m[2]));
    else if ((m = /^INFO: (\w+) = (.*)$/.exec(line))) out.settings.set(m[1]!, m[2]!);
    else if ((m = /^Copy (done|terminated), total (\d+) rows\.$/.exec(line))) {
      out.outcome = m[1] as 'done' | 'terminated';
      out.totalRows = Number(m[2]);
    } else if ((m = /^(?:ERROR|WARN): (.*)$/.exec(line))) out.errors.push(m[1]!);
  }
  return out;
}
