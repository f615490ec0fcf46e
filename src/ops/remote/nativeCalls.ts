// The native binding's calls as a session worker makes them, in one table: the request handler
// answers the parent with them, and the worker's own tree walk reads with them (nativeReader.ts).
// The hot calls go to the native object under the binding's JS wrapper, which formats every call
// with util.inspect for its debug log even when logging is off.
import { fromNativeAcl, toStat } from '../../zk/convert.js';
import { RC } from '../../zk/errors.js';
import type { NativeZk } from '../../zk/native.js';

/** A completion: the return code and, for RC.OK, a thunk that converts the answer (only then). */
export type Done = (rc: number, value: () => unknown) => void;

export const readCalls = {
  get: (z: NativeZk, path: string, done: Done): number => z.a_get(path, false, (rc, _e, stat, data) => done(rc, () => ({ data: data ?? null, stat: toStat(stat!) }))),
  exists: (z: NativeZk, path: string, done: Done): number => z.a_exists(path, false, (rc, _e, stat) => done(rc === RC.NONODE ? RC.OK : rc, () => (stat ? toStat(stat) : null))),
  getChildren: (z: NativeZk, path: string, done: Done): number => z.a_get_children2(path, false, (rc, _e, children, stat) => done(rc, () => ({ children: children ?? [], stat: toStat(stat!) }))),
  getAcl: (z: NativeZk, path: string, done: Done): number => z.a_get_acl(path, (rc, _e, acl, stat) => done(rc, () => ({ acl: fromNativeAcl(acl!), stat: toStat(stat!) }))),
};

/**
 * Issues one native call and tells `finish` its code, and for RC.OK its converted answer: a call
 * that throws is BadArguments, an answer that cannot be converted a MarshallingError.
 */
export function invoke(issue: (done: Done) => number, finish: (rc: number, value?: unknown) => void): void {
  const done: Done = (rc, value) => {
    if (rc !== RC.OK) return finish(rc);
    let converted: unknown;
    try {
      converted = value();
    } catch {
      return finish(RC.MARSHALLINGERROR);
    }
    finish(RC.OK, converted);
  };
  let rc: number;
  try {
    rc = issue(done);
  } catch {
    rc = RC.BADARGUMENTS;
  }
  if (rc !== RC.OK) finish(rc);
}

/** One per session: its socket has one cork, whoever makes the requests (handler, walk). */
const bursts = new WeakMap<NativeZk, () => void>();

/**
 * Requests made in one event-loop turn leave together: the socket is corked at the turn's first
 * request and uncorked when the turn ends. The C client writes each request as soon as it is
 * made, on a no-delay socket; a walk's burst of reads went out as hundreds of TCP segments, each
 * costing the sender (and the server) a delivery on loopback. Only bulk sessions cork: an
 * interactive session's requests reach the server one segment each, as they always did.
 */
export function corkedBurst(z: NativeZk): () => void {
  let burst = bursts.get(z);
  if (burst === undefined) {
    let corked = false;
    burst = () => {
      if (corked) return;
      corked = true;
      z.cork(true);
      setImmediate(() => {
        corked = false;
        z.cork(false);
      });
    };
    bursts.set(z, burst);
  }
  return burst;
}
