import { describe, expect, it } from 'vitest';
import {
  aclToString,
  digestFor,
  digestForCredential,
  formatAclEntry,
  formatAclLines,
  parseAcl,
  parsePerms,
  permsToString,
  redactCredential,
} from '../../src/zk/acl.js';
import { PERM } from '../../src/zk/types.js';

// Expected values were produced by zkCli 3.8.0's AclParser and jute's Id.toString().
describe('parseAcl (AclParser)', () => {
  it('parses the common forms', () => {
    expect(parseAcl('world:anyone:cdrwa')).toEqual({ acl: [{ scheme: 'world', id: 'anyone', perms: 31 }], errors: [] });
    expect(parseAcl('digest:user:hash=:cdrwa').acl).toEqual([{ scheme: 'digest', id: 'user:hash=', perms: 31 }]);
    expect(parseAcl('ip:10.0.0.1:r').acl).toEqual([{ scheme: 'ip', id: '10.0.0.1', perms: PERM.READ }]);
    expect(parseAcl('auth::cdrwa').acl).toEqual([{ scheme: 'auth', id: '', perms: 31 }]);
    expect(parseAcl('digest:alice:Pd5b5ke2GGRbG6nQbcH2GB8yv0A=:cdrwa').acl).toEqual([
      { scheme: 'digest', id: 'alice:Pd5b5ke2GGRbG6nQbcH2GB8yv0A=', perms: 31 },
    ]);
  });

  it('skips entries without two colons, with zkCli\'s message', () => {
    expect(parseAcl('bad')).toEqual({ acl: [], errors: ['bad does not have the form scheme:id:perm'] });
    expect(parseAcl('a:b')).toEqual({ acl: [], errors: ['a:b does not have the form scheme:id:perm'] });
    expect(parseAcl(',world:anyone:r')).toEqual({
      acl: [{ scheme: 'world', id: 'anyone', perms: 1 }],
      errors: [' does not have the form scheme:id:perm'],
    });
    expect(parseAcl('world:anyone:r,')).toEqual({ acl: [{ scheme: 'world', id: 'anyone', perms: 1 }], errors: [] });
  });

  it('reports unknown perm letters but keeps the entry (as zkCli 3.8 does)', () => {
    expect(parseAcl('world:anyone:xyz')).toEqual({
      acl: [{ scheme: 'world', id: 'anyone', perms: 0 }],
      errors: ['Unknown perm type: x', 'Unknown perm type: y', 'Unknown perm type: z'],
    });
    expect(parseAcl('world:anyone:rq,ip:1.2.3.4:w')).toEqual({
      acl: [
        { scheme: 'world', id: 'anyone', perms: 1 },
        { scheme: 'ip', id: '1.2.3.4', perms: 2 },
      ],
      errors: ['Unknown perm type: q'],
    });
    expect(parseAcl('x:y:').acl).toEqual([{ scheme: 'x', id: 'y', perms: 0 }]);
    expect(parseAcl('world:anyone:rrr').acl).toEqual([{ scheme: 'world', id: 'anyone', perms: 1 }]);
    expect(parsePerms('R')).toEqual({ perms: 0, errors: ['Unknown perm type: R'] });
  });
});

describe('formatting', () => {
  it('prints getAcl\'s two lines per entry', () => {
    expect(formatAclEntry({ scheme: 'world', id: 'anyone', perms: 31 })).toEqual(["'world,'anyone", ': cdrwa']);
    expect(formatAclLines([{ scheme: 'digest', id: 'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=', perms: 31 }])).toEqual([
      "'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=",
      ': cdrwa',
    ]);
  });

  it('escapes like jute\'s CSV record text', () => {
    expect(formatAclEntry({ scheme: 'ip', id: "a,b%}\nc\rd\u0000e'f", perms: 1 })[0]).toBe("'ip,'a%2Cb%25%7D%0Ac%0Dd%00e'f");
  });

  it('orders perms c,d,r,w,a', () => {
    expect(permsToString(31)).toBe('cdrwa');
    expect(permsToString(PERM.READ | PERM.ADMIN)).toBe('ra');
    expect(permsToString(PERM.WRITE | PERM.CREATE)).toBe('cw');
    expect(permsToString(0)).toBe('');
    expect(aclToString({ scheme: 'ip', id: '10.0.0.1', perms: 3 })).toBe('ip:10.0.0.1:rw');
  });
});

describe('digests', () => {
  it('matches DigestAuthenticationProvider.generateDigest', () => {
    expect(digestFor('alice', 'secret')).toBe('alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=');
    expect(digestFor('super', 'zkops')).toBe('super:i0dfILVO7NNgEeO9A59jZ+3vrkM=');
    expect(digestForCredential('super:zkops')).toBe('super:i0dfILVO7NNgEeO9A59jZ+3vrkM=');
    expect(digestForCredential('u:p:q')).toBe('u:VIgTKUjc2iscZoJn2UUrdGNNgW4=');
  });
  it('redacts credentials', () => {
    expect(redactCredential('alice:secret')).toBe('alice:***');
    expect(redactCredential('token')).toBe('***');
  });
});
