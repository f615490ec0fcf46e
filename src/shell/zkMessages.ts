// zkCli's words for KeeperExceptions (CliWrapperException, 3.8.0): the text an operator sees
// for a failed call must be the one their runbooks and muscle memory know.
import { ZK_ERROR_DISPLAY_NAMES, ZkError } from '../zk/types.js';

const PREFIX: Record<string, string> = {
  NoNode: 'Node does not exist: ',
  NoChildrenForEphemerals: 'Ephemerals cannot have children: ',
  NodeExists: 'Node already exists: ',
  NotEmpty: 'Node not empty: ',
  NotReadOnly: 'Not a read-only call: ',
  InvalidACL: 'Acl is not valid : ',
  NoAuth: 'Insufficient permission : ',
  BadArguments: 'Arguments are not valid : ',
  BadVersion: 'version No is not valid : ',
  QuotaExceeded: 'Quota has exceeded : ',
};

const WHOLE: Record<string, string> = {
  ReconfigInProgress: 'Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)',
  NewConfigNoQuorum:
    'No quorum of new config is connected and up-to-date with the leader of last committed config - try invoking reconfiguration after new servers are connected and synced',
};

/** Java prints some codes with a display name of their own. */
const DISPLAY: Record<string, string> = {
  ReconfigDisabled: 'Reconfig is disabled',
  APIError: 'APIError',
};

export function zkCliMessage(err: ZkError): string {
  const whole = WHOLE[err.code];
  if (whole) return whole;
  const prefix = PREFIX[err.code];
  // Reconfig/config calls carry no path: zkCli then prints an empty one after the colon.
  if (prefix) return `${prefix}${err.path ?? ''}`;
  // Java's KeeperException.getMessage(): display names (`Session expired`), no " for " without a path.
  const name = ZK_ERROR_DISPLAY_NAMES[err.code] ?? DISPLAY[err.code] ?? err.code;
  return err.path === null || err.path === '' ? `KeeperErrorCode = ${name}` : `KeeperErrorCode = ${name} for ${err.path}`;
}

export function isZkError(e: unknown): e is ZkError {
  return e instanceof ZkError;
}
