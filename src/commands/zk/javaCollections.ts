// Iteration order of the server's HashSet of a session's ephemerals, which getEphemerals prints
// unsorted: we print in the same order, so outputs compare equal. (`config -c`'s Properties order
// lives in src/zk/dynamicConfig.ts.)

/** String.hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.hash. */
function spread(h: number): number {
  return h ^ (h >>> 16);
}

/** HashMap.tableSizeFor: the next power of two >= cap (1 for cap <= 1). */
function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return n;
}

/** Capacity of a default HashMap (16, load factor 0.75) after `size` insertions. */
function grownHashMapCapacity(size: number): number {
  let cap = 16;
  while (size > cap * 0.75) cap *= 2;
  return cap;
}

/**
 * The server answers getEphemerals from `HashSet.clone()` of the session's set: the original is
 * a default HashSet grown by insertions (in creation order), the clone is sized for `total` and
 * filled in the original's order. `items` must be in creation order; `total` is the size of the
 * session's whole set (the clone's capacity depends on it, not on how many match the prefix).
 */
export function hashSetCloneOrder(items: readonly string[], total = items.length): string[] {
  const original = grownHashMapCapacity(total);
  const clone = tableSizeFor(Math.floor(total / 0.75 + 1));
  return items
    .map((value, index) => ({ value, index, hash: spread(javaStringHash(value)) }))
    .sort(
      (a, b) =>
        (a.hash & (clone - 1)) - (b.hash & (clone - 1)) ||
        (a.hash & (original - 1)) - (b.hash & (original - 1)) ||
        a.index - b.index,
    )
    .map((e) => e.value);
}
