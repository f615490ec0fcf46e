// The one store contract: immutable snapshots, subscribe/unsubscribe, batching, and the plain
// event stream used by the models that publish events.
import { describe, expect, it } from 'vitest';
import { Emitter, Store } from '../../src/util/store.js';

describe('Store', () => {
  it('makes a new frozen snapshot per change and none when nothing changed', () => {
    const store = new Store({ count: 0, label: 'a' });
    const first = store.getSnapshot();
    expect(Object.isFrozen(first)).toBe(true);
    store.set({ count: 0 });
    expect(store.getSnapshot()).toBe(first);
    store.set((s) => ({ count: s.count + 1 }));
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second).toEqual({ count: 1, label: 'a' });
    expect(first).toEqual({ count: 0, label: 'a' });
    expect(() => {
      (second as { count: number }).count = 5;
    }).toThrow();
  });

  it('tells subscribers until they unsubscribe, and nobody after close', () => {
    const store = new Store({ n: 0 });
    const seen: number[] = [];
    const off = store.subscribe(() => seen.push(store.getSnapshot().n));
    store.set({ n: 1 });
    off();
    store.set({ n: 2 });
    expect(seen).toEqual([1]);
    store.subscribe(() => seen.push(-1));
    store.close();
    store.set({ n: 3 });
    expect(seen).toEqual([1]);
    expect(store.getSnapshot().n).toBe(2);
  });

  it('batches the changes of one tick into one notification when asked to', async () => {
    const store = new Store({ n: 0 }, { notify: 'microtask' });
    let calls = 0;
    store.subscribe(() => calls++);
    store.set({ n: 1 });
    store.set({ n: 2 });
    expect(calls).toBe(0);
    await Promise.resolve();
    expect(calls).toBe(1);
    expect(store.getSnapshot().n).toBe(2);
  });

  it('keeps notifying the others when one listener throws, if the producer must go on', () => {
    const store = new Store({ n: 0 }, { isolateListeners: true });
    const seen: number[] = [];
    store.subscribe(() => {
      throw new Error('broken');
    });
    store.subscribe(() => seen.push(store.getSnapshot().n));
    store.set({ n: 1 });
    expect(seen).toEqual([1]);
  });
});

describe('Emitter', () => {
  it('delivers to the listeners present when an emit starts; unsubscribe mid-emit is safe', () => {
    const e = new Emitter<string>();
    const got: string[] = [];
    const offA = e.on((v) => {
      got.push(`a:${v}`);
      offA();
    });
    e.on((v) => got.push(`b:${v}`));
    e.emit('1');
    e.emit('2');
    expect(got).toEqual(['a:1', 'b:1', 'b:2']);
    expect(e.size).toBe(1);
  });

  it('emit propagates a listener error; emitSafely skips it', () => {
    const e = new Emitter();
    let reached = false;
    e.on(() => {
      throw new Error('bad');
    });
    e.on(() => (reached = true));
    expect(() => e.emit()).toThrow('bad');
    expect(reached).toBe(false);
    e.emitSafely();
    expect(reached).toBe(true);
    e.clear();
    expect(e.size).toBe(0);
  });
});
