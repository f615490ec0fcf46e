// Turns the binding's callback calls into promises: per-call deadline, waiting for a usable
// session, and C return codes mapped to Java's KeeperException codes.

import { RC, zkErrorFromRc } from './errors.js';
import { NATIVE_STATE, type NativeZk } from './native.js';
import type { ManagedSession } from './session.js';
import { ZkError } from './types.js';

/** Per-call completion: rc plus a thunk that builds the result only on success. */
export type Done<T> = (rc: number, value: () => T) => void;
/** Issues the native call; returns its synchronous rc (non-zero: nothing was queued). */
export type Issue<T> = (native: NativeZk, done: Done<T>) => number;

interface PendingCall {
  settled: boolean;
  path: string | null;
  fail(error: Error): void;
}

export function connectionLoss(path: string | null): ZkError {
  return new ZkError('ConnectionLoss', RC.CONNECTIONLOSS, path);
}

export function operationTimeout(path: string | null): ZkError {
  return new ZkError('OperationTimeout', RC.OPERATIONTIMEOUT, path);
}

// ZCLOSING reaches calls that were pending when the handle died, ZINVALIDSTATE calls made on a
// handle that is dying; Java reports both as SessionExpired / AuthFailed when that is why.
function errorFor(rc: number, native: NativeZk, path: string | null): ZkError {
  if (rc === RC.CLOSING || rc === RC.INVALIDSTATE) {
    let state: number = NATIVE_STATE.CLOSED;
    try {
      state = native.state;
    } catch {
      // handle already released
    }
    if (state === NATIVE_STATE.EXPIRED) return new ZkError('SessionExpired', RC.SESSIONEXPIRED, path);
    if (state === NATIVE_STATE.AUTH_FAILED) return new ZkError('AuthFailed', RC.AUTHFAILED, path);
  }
  return zkErrorFromRc(rc, path);
}

export class CallRunner {
  private readonly pending = new Set<PendingCall>();

  constructor(
    private readonly session: ManagedSession,
    private readonly callTimeoutMs: number,
  ) {}

  run<T>(path: string | null, issue: Issue<T>): Promise<T> {
    if (this.session.isClosed) return Promise.reject(connectionLoss(path));
    this.session.start();
    return new Promise<T>((resolve, reject) => {
      const settle = (finish: () => void): void => {
        if (call.settled) return;
        call.settled = true;
        clearTimeout(timer);
        this.pending.delete(call);
        finish();
      };
      const call: PendingCall = { settled: false, path, fail: (error) => settle(() => reject(error)) };
      // A callback that never comes (server hung, request lost) must not hang the command.
      const timer = setTimeout(() => call.fail(operationTimeout(path)), this.callTimeoutMs);
      timer.unref();
      this.pending.add(call);

      const dispatch = (): void => {
        if (call.settled) return;
        const native = this.session.handle;
        if (native === null) return call.fail(connectionLoss(path));
        let rc: unknown;
        try {
          rc = issue(native, (cbRc, value) => {
            if (cbRc !== RC.OK) return call.fail(errorFor(cbRc, native, path));
            let result: T;
            try {
              result = value();
            } catch {
              return call.fail(new ZkError('MarshallingError', RC.MARSHALLINGERROR, path));
            }
            settle(() => resolve(result));
          });
        } catch {
          return call.fail(new ZkError('BadArguments', RC.BADARGUMENTS, path));
        }
        if (rc !== RC.OK) call.fail(errorFor(typeof rc === 'number' ? rc : RC.INVALIDSTATE, native, path));
      };
      const ready = this.session.ready;
      if (ready === null) dispatch();
      else void ready.then(dispatch);
    });
  }

  /** Rejects every call still waiting for an answer (client closed). */
  failAll(): void {
    for (const call of [...this.pending]) call.fail(connectionLoss(call.path));
  }
}
