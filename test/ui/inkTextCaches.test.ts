// Ink's text-measuring caches are bounded (patches/ink+6.8.0.patch; vadimdemedes/ink#986). Ink
// 6.8 kept every distinct text it ever laid out: each scrollback row that passed through the
// screen during a burst of output, each input-line state, each changing figure of a live panel,
// for the life of the console (the TUI's heap grew by ~1 MB per 50,000 lines printed).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const inkBuild = new URL('../../node_modules/ink/build/', import.meta.url);

type Measure = (text: string) => { width: number; height: number };

describe("Ink's text caches (patched)", () => {
  it('measureText forgets old strings once it holds a few thousand', async () => {
    const { default: measureText } = (await import(new URL('measure-text.js', inkBuild).href)) as { default: Measure };
    const text = 'the first line of a long burst';
    const first = measureText(text);
    expect(measureText(text)).toBe(first); // still a cache
    for (let i = 0; i < 10_000; i++) measureText(`/bench/b${i % 10}/g${i % 100}/n${i}`);
    const again = measureText(text);
    expect(again).toEqual({ width: text.length, height: 1 });
    expect(again).not.toBe(first); // measured anew: it was not kept
  });

  it('wrapText is bounded the same way', () => {
    const source = readFileSync(new URL('wrap-text.js', inkBuild), 'utf8');
    expect(source).toContain('zkpilot patch');
    expect(source).toMatch(/cache\.size >= MAX_ENTRIES[^}]*cache\.clear\(\)/);
  });
});
