// Node's built-in modules that only some commands need, loaded on first use. Each one costs a few
// milliseconds to load, and a one-shot `zkpilot ls /` should not pay for hashing, forking or
// gzip it never does.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto');
export const nodeChildProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');
