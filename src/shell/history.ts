// Command history. `numbered` is this run's zkCli history (`history`, `redo N`, prompt count);
// `recall` is the persisted, per-cluster list for Up/Down and Ctrl-R. Lines arrive redacted.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync, renameSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';

export class History {
  private readonly numbered = new Map<number, string>();
  private recallList: string[] = [];

  constructor(
    private readonly file: string | null,
    private readonly maxEntries = 1000,
  ) {
    if (file) this.recallList = loadHistoryFile(file, maxEntries);
  }

  put(index: number, line: string): void {
    this.numbered.set(index, line);
    if (this.recallList[this.recallList.length - 1] !== line) {
      this.recallList.push(line);
      if (this.recallList.length > this.maxEntries) this.recallList.splice(0, this.recallList.length - this.maxEntries);
      this.persist(line);
    }
  }

  get(index: number): string | undefined {
    return this.numbered.get(index);
  }

  /** zkCli's `history`: entries commandCount-10 .. commandCount. */
  lastNumbered(commandCount: number): [number, string][] {
    const out: [number, string][] = [];
    for (let i = Math.max(0, commandCount - 10); i <= commandCount; i++) {
      const line = this.numbered.get(i);
      if (line !== undefined) out.push([i, line]);
    }
    return out;
  }

  /** Oldest first. */
  recall(): readonly string[] {
    return this.recallList;
  }

  private persist(line: string): void {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      appendFileSync(this.file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      if (this.recallList.length === this.maxEntries) compactHistoryFile(this.file, this.recallList);
    } catch {
      // History is a convenience: a read-only home must not break the shell.
    }
  }
}

function loadHistoryFile(file: string, maxEntries: number): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    if (!raw) continue;
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === 'string') lines.push(v);
    } catch {
      // A torn last line (crash mid-write) is skipped.
    }
  }
  return lines.slice(-maxEntries);
}

function compactHistoryFile(file: string, lines: readonly string[]): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
