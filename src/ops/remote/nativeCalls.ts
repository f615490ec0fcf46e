// The native binding's calls as a session worker makes them, in one table: the request handler
// answers the parent with them, and the worker's own tree walk (workerWalk.ts) reads with them.
// The hot calls go to the native object under the binding's JS wrapper, which formats every call
// with util.inspect for its debug log even when logging is off.
import { fromNativeAcl, toStat } from '../../zk/convert.js';
import { RC, zkErrorFromRc } from '../../zk/errors.js';
import type { NativeZk } from '../../zk/native.js';
import type { Acl, Stat } from '../../zk/types.js';
import type { BulkClient } from './protocol.js';

/** A completion: the return code and, for RC.OK, a thunk that converts the answer (only then). */
export type Done = (rc: number, value: () => unknown) => void;

export const readCalls = {
  get: (z: NativeZk, path: string, done: Done): number => z.a_get(path, false, (rc, _e, stat, data) => done(rc, () => ({ data: data ?? null, stat: toStat(stat!) }))),
  exists: (z: NativeZk, path: string, done: Done): number => z.a_exists(path, false, (rc, _e, stat) => done(rc === RC.NONODE ? RC.OK : rc, () => (stat ? toStat(stat) : null))),
  getChildren: (z: NativeZk, path: string, done: Done): number => z.a_get_children2(path, false, (rc, _e, children, stat) => done(rc, () => ({ children: children ?? [], stat: toStat(stat!) }))),
  getAcl: (z: NativeZk, path: string, done: Done): number => z.a_get_acl(path, (rc, _e, acl, stat) => done(rc, () => ({ acl: fromNativeAcl(acl!), stat: toStat(stat!) }))),
};

type ReadOp = keyof typeof readCalls;

/**
 * The reads of a BulkClient straight on the native handle, for a walk inside the worker: no
 * per-call timer (the C client fails every pending call with ConnectionLoss when its session
 * is lost). Writes are not a walk's business and are refused.
 */
export class NativeReader implements BulkClient {
  constructor(private readonly z: NativeZk) {}

  get(path: string): Promise<{ data: Buffer | null; stat: Stat }> {
    return this.read('get', path);
  }
  exists(path: string): Promise<Stat | null> {
    return this.read('exists', path);
  }
  getChildren(path: string): Promise<{ children: string[]; stat: Stat }> {
    return this.read('getChildren', path);
  }
  getAcl(path: string): Promise<{ acl: Acl[]; stat: Stat }> {
    return this.read('getAcl', path);
  }
  create(): Promise<string> {
    return this.readOnly();
  }
  multi(): Promise<never> {
    return this.readOnly();
  }
  set(): Promise<Stat> {
    return this.readOnly();
  }
  setAcl(): Promise<void> {
    return this.readOnly();
  }
  delete(): Promise<void> {
    return this.readOnly();
  }
  sync(): Promise<void> {
    return this.readOnly();
  }

  private read<T>(op: ReadOp, path: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let rc: number;
      try {
        rc = readCalls[op](this.z, path, (code, value) => {
          if (code !== RC.OK) return reject(zkErrorFromRc(code, path));
          try {
            resolve(value() as T);
          } catch {
            reject(zkErrorFromRc(RC.MARSHALLINGERROR, path));
          }
        });
      } catch {
        rc = RC.BADARGUMENTS;
      }
      if (rc !== RC.OK) reject(zkErrorFromRc(rc, path));
    });
  }

  private readOnly(): Promise<never> {
    return Promise.reject(new Error('a worker walk only reads'));
  }
}
