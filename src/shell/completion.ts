// Tab completion of command names, options and znode paths (and fixed words such as
// `printwatches on|off`). Children are fetched lazily, one getChildren per directory, and
// cached briefly; fuzzysort ranks candidates, with plain prefix matches first as zkCli's
// JLine completer would offer them.
import type Fuzzysort from 'fuzzysort';
import type { ZkClient } from '../zk/types.js';
import { parentOfPrefix } from './pathPrefix.js';
import type { ArgKind, CommandRegistry, CommandSpec } from './registry.js';
import { tokenSpans } from './tokenizer.js';

export type CandidateKind = 'command' | 'option' | 'path' | 'word';

export interface CompletionCandidate {
  /** Text that replaces the token being completed. */
  value: string;
  /** What the popup shows (a child name, `-s`, `ls`). */
  label: string;
  kind: CandidateKind;
  detail?: string;
}

export interface CompletionResult {
  /** The slice of the line [start, end) the chosen candidate replaces. */
  start: number;
  end: number;
  candidates: CompletionCandidate[];
}

const MAX_CANDIDATES = 200;

export class Completer {
  private readonly cache = new Map<string, { children: string[]; at: number }>();

  constructor(
    private readonly registry: CommandRegistry,
    private readonly client: () => ZkClient | null,
    private readonly cacheTtlMs = 5000,
  ) {}

  /** Forget cached children (after a write, or on a watch event under `path`). */
  invalidate(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
  }

  async complete(line: string, cursor: number): Promise<CompletionResult> {
    fuzzy ??= (await import('fuzzysort')).default;
    const spans = tokenSpans(line.slice(0, cursor));
    const atTokenEnd = spans.length > 0 && spans[spans.length - 1]!.end === cursor;
    const index = atTokenEnd ? spans.length - 1 : spans.length;
    const start = atTokenEnd ? spans[index]!.start : cursor;
    const prefix = line.slice(start, cursor);
    // Replace the whole token under the cursor, including any part after it.
    const rest = /^\S*/.exec(line.slice(cursor))![0];
    const end = cursor + rest.length;

    if (index === 0) return { start, end, candidates: this.commandCandidates(prefix) };
    const spec = this.registry.get(spans[0]!.text);
    if (!spec) return { start, end, candidates: [] };
    if (prefix.startsWith('-')) return { start, end, candidates: optionCandidates(spec, prefix, spans.map((s) => s.text)) };

    const kind = argKindAt(spec, spans.slice(1, index).map((s) => s.text));
    if (kind === 'path' || prefix.startsWith('/')) return { start, end, candidates: await this.pathCandidates(prefix) };
    const before = spans.slice(1, index).map((s) => s.text);
    const words = spec.words?.(positionalIndex(spec, before), before) ?? [];
    return { start, end, candidates: rank(prefix, words).map((w) => ({ value: w, label: w, kind: 'word' as const })) };
  }

  private commandCandidates(prefix: string): CompletionCandidate[] {
    const specs = this.registry.all();
    const names = specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    return rank(prefix, names).map((name) => {
      const spec = this.registry.get(name)!;
      return { value: name, label: name, kind: 'command', detail: spec.summary };
    });
  }

  private async pathCandidates(prefix: string): Promise<CompletionCandidate[]> {
    const { dir, partial } = parentOfPrefix(prefix.length === 0 ? '/' : prefix);
    const children = await this.children(dir);
    const base = dir === '/' ? '/' : `${dir}/`;
    return rank(partial, children).map((child) => ({ value: base + child, label: child, kind: 'path' }));
  }

  private async children(dir: string): Promise<string[]> {
    const hit = this.cache.get(dir);
    if (hit && Date.now() - hit.at < this.cacheTtlMs) return hit.children;
    const client = this.client();
    if (!client || client.state !== 'CONNECTED') return [];
    try {
      const { children } = await client.getChildren(dir);
      children.sort();
      this.cache.set(dir, { children, at: Date.now() });
      return children;
    } catch {
      // No such node, no permission, connection lost: nothing to offer, never an error.
      return [];
    }
  }
}

// Loaded with the first completion: exec mode and scripts never complete, and should not pay for it.
let fuzzy: typeof Fuzzysort | null = null;

/** Prefix matches first (sorted), then fuzzy matches by score. */
function rank(prefix: string, targets: readonly string[]): string[] {
  const unique = [...new Set(targets)];
  if (prefix.length === 0) return unique.sort().slice(0, MAX_CANDIDATES);
  const prefixed = unique.filter((t) => t.startsWith(prefix)).sort();
  const scored = (fuzzy?.go(prefix, unique, { limit: MAX_CANDIDATES, threshold: 0 }) ?? [])
    .map((r) => r.target)
    .filter((t) => !t.startsWith(prefix));
  return [...prefixed, ...scored].slice(0, MAX_CANDIDATES);
}

function optionCandidates(spec: CommandSpec, prefix: string, used: string[]): CompletionCandidate[] {
  const opts = (spec.options ?? []).filter((o) => !used.includes(`-${o.flag}`) || `-${o.flag}` === prefix);
  return opts
    .filter((o) => `-${o.flag}`.startsWith(prefix))
    .map((o) => ({ value: `-${o.flag}`, label: o.arg ? `-${o.flag} ${o.arg}` : `-${o.flag}`, kind: 'option' as const, detail: o.description }));
}

/** Positional arguments before the cursor, skipping options and the values options take. */
function positionalIndex(spec: CommandSpec, tokensBefore: string[]): number {
  const withArg = new Set((spec.options ?? []).filter((o) => o.arg).map((o) => `-${o.flag}`));
  let n = 0;
  for (let i = 0; i < tokensBefore.length; i++) {
    const t = tokensBefore[i]!;
    if (withArg.has(t)) i += 1;
    else if (!t.startsWith('-')) n += 1;
  }
  return n;
}

function argKindAt(spec: CommandSpec, tokensBefore: string[]): ArgKind {
  const kinds = spec.args ?? [];
  if (kinds.length === 0) return 'none';
  const i = positionalIndex(spec, tokensBefore);
  return kinds[Math.min(i, kinds.length - 1)]!;
}
