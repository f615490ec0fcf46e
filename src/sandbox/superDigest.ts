import { createHash } from 'node:crypto';

/**
 * The value ZooKeeper expects in `-Dzookeeper.DigestAuthenticationProvider.superDigest`: the same
 * formula as `DigestAuthenticationProvider.generateDigest`, i.e. `user:base64(sha1("user:password"))`.
 */
export function superDigest(user: string, password: string): string {
  const hash = createHash('sha1').update(`${user}:${password}`, 'utf8').digest('base64');
  return `${user}:${hash}`;
}
