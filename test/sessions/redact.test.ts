import { describe, expect, it } from 'vitest';
import { SecretRegistry, redactCommandLine, redactText } from '../../src/sessions/redact.js';

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
