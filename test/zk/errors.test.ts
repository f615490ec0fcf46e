import { describe, expect, it } from 'vitest';
import { CreateAclError, RC, zkErrorCodeName, zkErrorDisplayName, zkErrorFromRc, isZkError } from '../../src/zk/errors.js';
import { ZkError } from '../../src/zk/types.js';
import { normalizeConnectString } from '../../src/zk/convert.js';

describe('rc -> KeeperException.Code', () => {
  it.each([
    [RC.NONODE, 'NoNode'],
    [RC.NODEEXISTS, 'NodeExists'],
    [RC.NOTEMPTY, 'NotEmpty'],
    [RC.BADVERSION, 'BadVersion'],
    [RC.NOAUTH, 'NoAuth'],
    [RC.INVALIDACL, 'InvalidACL'],
    [RC.BADARGUMENTS, 'BadArguments'],
    [RC.CONNECTIONLOSS, 'ConnectionLoss'],
    [RC.OPERATIONTIMEOUT, 'OperationTimeout'],
    [RC.SESSIONEXPIRED, 'SessionExpired'],
    [RC.UNIMPLEMENTED, 'Unimplemented'],
    [RC.RECONFIGINPROGRESS, 'ReconfigInProgress'],
    [RC.NEWCONFIGNOQUORUM, 'NewConfigNoQuorum'],
    [RC.RECONFIGDISABLED, 'ReconfigDisabled'],
    [RC.NOCHILDRENFOREPHEMERALS, 'NoChildrenForEphemerals'],
    [RC.AUTHFAILED, 'AuthFailed'],
    [RC.SESSIONMOVED, 'SessionMoved'],
    [RC.NOTREADONLY, 'NotReadOnly'],
    [RC.QUOTAEXCEEDED, 'QuotaExceeded'],
    [RC.THROTTLEDOP, 'Throttled'],
    [RC.INVALIDSTATE, 'ConnectionLoss'],
    [RC.CLOSING, 'ConnectionLoss'],
    [-999, 'SystemError'],
  ])('%i -> %s', (rc, name) => {
    expect(zkErrorCodeName(rc)).toBe(name);
  });
});

describe('messages as Java prints them', () => {
  it('uses getCodeMessage texts', () => {
    expect(zkErrorDisplayName('ReconfigDisabled')).toBe('Reconfig is disabled');
    expect(zkErrorDisplayName('NotEmpty')).toBe('Directory not empty');
    expect(zkErrorDisplayName('NoNode')).toBe('NoNode');
    expect(zkErrorFromRc(RC.NONODE, '/missing').message).toBe('KeeperErrorCode = NoNode for /missing');
    expect(zkErrorFromRc(RC.RECONFIGDISABLED, null).message).toBe('KeeperErrorCode = Reconfig is disabled');
    expect(zkErrorFromRc(RC.CONNECTIONLOSS, '/').message).toBe('KeeperErrorCode = ConnectionLoss for /');
    expect(zkErrorFromRc(RC.UNIMPLEMENTED, '/ttl').message).toBe('KeeperErrorCode = Unimplemented for /ttl');
  });

  it('keeps code, rc and path', () => {
    const error = zkErrorFromRc(RC.NOTEMPTY, '/app');
    expect(error).toBeInstanceOf(ZkError);
    expect(error).toMatchObject({ code: 'NotEmpty', rc: -111, path: '/app', name: 'ZkError' });
    expect(isZkError(error, 'NotEmpty')).toBe(true);
    expect(isZkError(error, 'NoNode')).toBe(false);
    expect(isZkError(new Error('x'))).toBe(false);
  });

  it('CreateAclError is a ZkError with the setAcl failure', () => {
    const error = new CreateAclError('InvalidACL', RC.INVALIDACL, '/x', '/x', true);
    expect(error).toBeInstanceOf(ZkError);
    expect(error.message).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(error.rolledBack).toBe(true);
  });
});

describe('normalizeConnectString', () => {
  it('adds the default port like Java\'s ConnectStringParser', () => {
    expect(normalizeConnectString('localhost')).toBe('localhost:2181');
    expect(normalizeConnectString('a:1,b,c:3/chroot')).toBe('a:1,b:2181,c:3/chroot');
    expect(normalizeConnectString('[::1]')).toBe('[::1]:2181');
    expect(normalizeConnectString('[::1]:2182')).toBe('[::1]:2182');
  });
});
