// `1 node`, `2 nodes`: a count and its word, in every summary line.

/** `n word`, with an `s` unless n is 1. */
export function counted(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
