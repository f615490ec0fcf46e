// The benchmarks' znode tree: root → 10 branches → 100 groups each → leaves (fan-out ~100), and
// a pipelined writer for it.

/** `total` paths under `root`, parents before their children. */
export function treePaths(root, total) {
  const out = [root];
  const leavesPerGroup = Math.max(1, Math.round((total - 1 - 10 - 1000) / 1000));
  for (let b = 0; b < 10; b++) {
    out.push(`${root}/b${b}`);
    for (let g = 0; g < 100; g++) {
      out.push(`${root}/b${b}/g${g}`);
      for (let l = 0; l < leavesPerGroup; l++) out.push(`${root}/b${b}/g${g}/n${l}`);
    }
  }
  return out.slice(0, total);
}

/** Creates the paths in order, parents before children, `window` in flight, each with `data`. */
export async function pipelinedCreates(zk, paths, window, data = Buffer.alloc(100, 0x61)) {
  const done = new Map();
  let next = 0;
  await Promise.all(Array.from({ length: window }, async () => {
    while (next < paths.length) {
      const p = paths[next++];
      // Registered before waiting, so a child picked up by another worker waits for this one.
      const created = (done.get(p.slice(0, p.lastIndexOf('/'))) ?? Promise.resolve()).then(() => zk.create(p, data));
      done.set(p, created.then(() => undefined, () => undefined));
      await created;
    }
  }));
}
