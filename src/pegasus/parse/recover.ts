// `recover -f FILE …`: the echoed settings, the node list, `Recover result: ERR_…` and the hints.
import { splitLines } from './sections.js';

export interface RecoverHint {
  level: 'ERROR' | 'WARNING';
  text: string;
}

export interface RecoverOutput {
  waitSeconds: number | null;
  skipBadNodes: boolean | null;
  skipLostPartitions: boolean | null;
  nodes: string[];
  /** `ERR_OK`, `ERR_TRY_AGAIN`, …; null when no result line (timeout, bad arguments). */
  result: string | null;
  hints: RecoverHint[];
  /** `Wait recovery failed, administrator should check the meta for progress`. */
  timedOut: boolean;
  /** `duplicate replica node …` lines. */
  duplicates: string[];
  /** Pre-check messages (`should specify one of node_list_file/node_list_str`, `open file … failed`, USAGE). */
  problems: string[];
}

const RULE = '=============================';

export function parseRecover(text: string): RecoverOutput {
  const out: RecoverOutput = { waitSeconds: null, skipBadNodes: null, skipLostPartitions: null, nodes: [], result: null, hints: [], timedOut: false, duplicates: [], problems: [] };
  let block: 'none' | 'nodes' | 'hints' = 'none';
  for (const line of splitLines(text)) {
    if (line === RULE) {
      if (block === 'none') block = out.result === null ? 'nodes' : 'hints';
      else block = 'none';
      continue;
    }
    if (block === 'nodes') {
      if (line.trim()) out.nodes.push(line.trim());
      continue;
    }
    if (block === 'hints') {
      // HEAD lost the newline after two node-level hints: they can run into the closing rule.
      const [body, rest] = line.includes(RULE) ? [line.slice(0, line.indexOf(RULE)), true] : [line, false];
      const m = /^(ERROR|WARNING): (.*)$/.exec(body.trim());
      if (m) out.hints.push({ level: m[1] as 'ERROR' | 'WARNING', text: m[2]! });
      if (rest) block = 'none';
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^Wait seconds: (-?\d+)$/.exec(line))) out.waitSeconds = Number(m[1]);
    else if ((m = /^Skip bad nodes: (true|false)$/.exec(line))) out.skipBadNodes = m[1] === 'true';
    else if ((m = /^Skip lost partitions: (true|false)$/.exec(line))) out.skipLostPartitions = m[1] === 'true';
    else if ((m = /^Recover result: (\S+)$/.exec(line))) out.result = m[1]!;
    else if ((m = /^recover complete with err = (\S+)$/.exec(line))) out.result = m[1]!;
    else if (line.startsWith('Wait recovery failed')) out.timedOut = true;
    else if ((m = /^duplicate replica node (\S+), just ingore it$/.exec(line))) out.duplicates.push(m[1]!);
    else if (line === 'Node list:' || /^Wait recovery for \d+ seconds$/.test(line)) continue;
    else if (line.trim()) out.problems.push(line.trim());
  }
  return out;
}

/** The seed and the migrate script accept exactly one `Recover result: ERR_OK`. */
export function recoverSucceeded(out: RecoverOutput): boolean {
  return out.result === 'ERR_OK';
}
