import { describe, expect, it } from 'vitest';
import { SecretRegistry, redactCommandLine, redactDeep, redactText } from '../../src/sessions/redact.js';

describe('redaction', () => {
  it('masks addauth credentials', () => {
    expect(redactCommandLine('addauth digest super:s3cret')).toBe('addauth digest super:***');
    expect(redactCommandLine('  addauth digest alice:pa:ss  ')).toBe('  addauth digest alice:***');
    expect(redactCommandLine('addauth digest tokenonly')).toBe('addauth digest ***');
    expect(redactCommandLine('ls /')).toBe('ls /');
  });

  it('masks super digests, digest ACL hashes and password settings in free text', () => {
    const line = 'java -Dzookeeper.DigestAuthenticationProvider.superDigest=super:i0dfILVO7NNgEeO9A59jZ+3vrkM= Main';
    expect(redactText(line)).not.toContain('i0dfILVO7NNgEeO9A59jZ+3vrkM=');
    expect(redactText('create /s x digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=:cdrwa')).toBe('create /s x digest:alice:***:cdrwa');
    expect(redactText('password=hunter2 other')).toBe('password=*** other');
  });

  it('scrubs secrets learned at run time', () => {
    const reg = new SecretRegistry();
    reg.add('hunter2');
    expect(reg.scrub('the password hunter2 was typed')).toBe('the password *** was typed');
  });
});

describe('redaction (additions for recordings and exports)', () => {
  it('masks passwords in JSON settings dumps and any spelling of a super digest', () => {
    expect(redactText('{"superDigest": {"user": "super", "password": "hunter2"}}')).toBe('{"superDigest": {"user": "super", "password": "***"}}');
    expect(redactText('zookeeper.DigestAuthenticationProvider.superDigest=super:i0dfILVO7NNgEeO9A59jZ+3vrkM=')).toBe('zookeeper.DigestAuthenticationProvider.superDigest=super:***');
    expect(redactText('"superDigest": "super:i0dfILVO7NNgEeO9A59jZ+3vrkM="')).toBe('"superDigest": "super:***"');
    expect(redactText("'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=")).toBe("'digest,'alice:***");
  });

  it('masks addauth credentials quoted inside other text, keeping the quotes around them', () => {
    expect(redactText('ran `addauth digest alice:pa$$word` at 09:12')).toBe('ran `addauth digest alice:***` at 09:12');
    expect(redactText('[zk: a:2181(CONNECTED) 3] addauth digest bob:s3cret')).toBe('[zk: a:2181(CONNECTED) 3] addauth digest bob:***');
    expect(redactText('`password=hunter2`')).toBe('`password=***`');
    // Already masked text stays as it is.
    expect(redactText('addauth digest bob:***')).toBe('addauth digest bob:***');
  });

  it('redacts every string inside a recorded event', () => {
    const reg = new SecretRegistry();
    reg.add('carol:long-password');
    const e = { type: 'output', ts: 1, line: { text: 'password=x and long-password', tone: 'plain' }, list: ['carol:long-password'] };
    expect(redactDeep(e, (t) => reg.scrub(t))).toEqual({ type: 'output', ts: 1, line: { text: 'password=*** and ***', tone: 'plain' }, list: ['***'] });
  });
});
