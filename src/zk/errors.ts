// Return codes of the ZooKeeper C client (zookeeper.h) mapped to Java's KeeperException.Code names.

import { ZK_ERROR_DISPLAY_NAMES, ZkError, type ZkErrorCode } from './types.js';

/** C client return codes. Several are not exported by the npm binding, hence the literals. */
export const RC = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  INVALIDSTATE: -9, // C only: the handle is closed/expired, the call was not queued
  UNKNOWNSESSION: -12,
  NEWCONFIGNOQUORUM: -13,
  RECONFIGINPROGRESS: -14,
  SSLCONNECTIONERROR: -15, // C only
  APIERROR: -100,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDCALLBACK: -113,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  CLOSING: -116, // C only: the handle was closed while the call was pending
  NOTHING: -117, // C only: not an error
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  REQUESTTIMEOUT: -122,
  RECONFIGDISABLED: -123,
  SESSIONCLOSEDREQUIRESASLAUTH: -124,
  QUOTAEXCEEDED: -125,
  THROTTLEDOP: -127,
} as const;

const CODE_BY_RC: Readonly<Record<number, ZkErrorCode>> = {
  [RC.SYSTEMERROR]: 'SystemError',
  [RC.RUNTIMEINCONSISTENCY]: 'RuntimeInconsistency',
  [RC.DATAINCONSISTENCY]: 'DataInconsistency',
  [RC.CONNECTIONLOSS]: 'ConnectionLoss',
  [RC.MARSHALLINGERROR]: 'MarshallingError',
  [RC.UNIMPLEMENTED]: 'Unimplemented',
  [RC.OPERATIONTIMEOUT]: 'OperationTimeout',
  [RC.BADARGUMENTS]: 'BadArguments',
  // The C-only "could not even be sent" codes mean the same to a caller as a lost connection.
  [RC.INVALIDSTATE]: 'ConnectionLoss',
  [RC.UNKNOWNSESSION]: 'UnknownSession',
  [RC.NEWCONFIGNOQUORUM]: 'NewConfigNoQuorum',
  [RC.RECONFIGINPROGRESS]: 'ReconfigInProgress',
  [RC.SSLCONNECTIONERROR]: 'ConnectionLoss',
  [RC.APIERROR]: 'APIError',
  [RC.NONODE]: 'NoNode',
  [RC.NOAUTH]: 'NoAuth',
  [RC.BADVERSION]: 'BadVersion',
  [RC.NOCHILDRENFOREPHEMERALS]: 'NoChildrenForEphemerals',
  [RC.NODEEXISTS]: 'NodeExists',
  [RC.NOTEMPTY]: 'NotEmpty',
  [RC.SESSIONEXPIRED]: 'SessionExpired',
  [RC.INVALIDCALLBACK]: 'InvalidCallback',
  [RC.INVALIDACL]: 'InvalidACL',
  [RC.AUTHFAILED]: 'AuthFailed',
  [RC.CLOSING]: 'ConnectionLoss',
  [RC.NOTHING]: 'ConnectionLoss',
  [RC.SESSIONMOVED]: 'SessionMoved',
  [RC.NOTREADONLY]: 'NotReadOnly',
  [RC.EPHEMERALONLOCALSESSION]: 'EphemeralOnLocalSession',
  [RC.NOWATCHER]: 'NoWatcher',
  [RC.REQUESTTIMEOUT]: 'RequestTimeout',
  [RC.RECONFIGDISABLED]: 'ReconfigDisabled',
  [RC.SESSIONCLOSEDREQUIRESASLAUTH]: 'SessionClosedRequireAuth',
  [RC.QUOTAEXCEEDED]: 'QuotaExceeded',
  [RC.THROTTLEDOP]: 'Throttled',
};

/** Java's code name for a C return code (`-101` -> `NoNode`); unknown codes -> `SystemError`. */
export function zkErrorCodeName(rc: number): ZkErrorCode {
  return CODE_BY_RC[rc] ?? 'SystemError';
}

/** What Java prints after `KeeperErrorCode = ` (`NotEmpty` -> `Directory not empty`). */
export function zkErrorDisplayName(code: ZkErrorCode): string {
  return ZK_ERROR_DISPLAY_NAMES[code] ?? code;
}

export function zkErrorFromRc(rc: number, path: string | null): ZkError {
  return new ZkError(zkErrorCodeName(rc), rc, path);
}

export function isZkError(error: unknown, code?: ZkErrorCode): error is ZkError {
  return error instanceof ZkError && (code === undefined || error.code === code);
}

/**
 * create() with an ACL is create-then-setAcl (the binding always creates with OPEN_ACL_UNSAFE).
 * When the setAcl step fails the node is deleted again if possible; this error says what is left.
 * `code` is the setAcl failure (InvalidACL, NoAuth, ...), so zkCli's messages still apply.
 */
export class CreateAclError extends ZkError {
  constructor(
    code: ZkErrorCode,
    rc: number,
    path: string,
    /** The node that was created (sequential suffix included). */
    readonly createdPath: string,
    /** True when the node was deleted again; false means it exists with world:anyone:cdrwa. */
    readonly rolledBack: boolean,
  ) {
    super(code, rc, path);
    this.name = 'CreateAclError';
  }
}
