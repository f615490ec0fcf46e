// The ZooKeeper access layer's public surface (this directory imports nothing else of ours).

export * from './types.js';
export * from './errors.js';
export * from './paths.js';
export * from './acl.js';
export * from './statFormat.js';
export * from './dynamicConfig.js';
export * from './fourLetter.js';
export { createZkClient } from './client.js';
