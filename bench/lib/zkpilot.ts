// What the benchmarks drive of zkpilot, bundled from the sources by bench/lib/zkpilot.mjs (the
// program itself is one bundle with no per-module files to import).
export { buildConsole } from '../../src/app/buildConsole.js';
export { EnsembleModel } from '../../src/ensemble/ensembleModel.js';
export { countTree } from '../../src/ops/countTree.js';
export { BulkSession } from '../../src/ops/remote/bulkSession.js';
export { Sandbox } from '../../src/sandbox/ensemble.js';
export { MemorySink } from '../../src/shell/output.js';
export { listDataDir, packSelection, restoreArchive, selectSnapshot } from '../../src/snapshots/index.js';
export { EnsembleView } from '../../src/ui/ensemble/EnsemblePanel.js';
export { TimelineView } from '../../src/ui/ensemble/TimelinePanel.js';
export { createZkClient } from '../../src/zk/client.js';
export { nativeReader } from '../../src/ops/remote/nativeReader.js';
export { loadNativeZk } from '../../src/zk/native.js';
