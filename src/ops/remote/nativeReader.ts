// The reads of a BulkClient straight on a session worker's native handle: what the worker's own
// walk reads with (workerWalk.ts), and the bench's read ceilings.
import { RC, zkErrorFromRc } from '../../zk/errors.js';
import type { NativeZk } from '../../zk/native.js';
import { MultiReadQueue } from './multiReadQueue.js';
import { corkedBurst, invoke, readCalls } from './nativeCalls.js';
import type { BulkClient } from './protocol.js';

type ReadOp = keyof typeof readCalls;

/**
 * The reads of a BulkClient straight on the native handle, for a walk inside the worker: no
 * per-call timer (the C client fails every pending call with ConnectionLoss when its session
 * is lost). With `multiRead` (servers all 3.6+), getData calls leave in multiRead batches.
 * Writes are not a walk's business and are refused.
 */
export function nativeReader(z: NativeZk, opts: { multiRead?: boolean } = {}): BulkClient {
  const burst = corkedBurst(z);
  const gets = opts.multiRead ? new MultiReadQueue(z, burst) : null;
  const read = <T>(op: ReadOp, path: string): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      invoke(
        (done) => {
          burst();
          return readCalls[op](z, path, done);
        },
        (rc, value) => (rc === RC.OK ? resolve(value as T) : reject(zkErrorFromRc(rc, path))),
      ),
    );
  const refuse = (): Promise<never> => Promise.reject(new Error('a worker walk only reads'));
  return {
    get: (path) => (gets ? gets.get(path) : read('get', path)),
    exists: (path) => read('exists', path),
    getChildren: (path) => read('getChildren', path),
    getAcl: (path) => read('getAcl', path),
    create: refuse,
    multi: refuse,
    set: refuse,
    setAcl: refuse,
    delete: refuse,
    sync: refuse,
  };
}
