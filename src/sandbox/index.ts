// Public face of the sandbox launcher: real ZooKeeper ensembles on 127.0.0.1.
export { Sandbox, type AttachOptions, type NodeProbe, type StartNodeOptions } from './ensemble.js';
export { defaultSandboxDir, runSandboxCli, startDefaultSandbox, type SandboxCliIo } from './cli.js';
export { SandboxError } from './errors.js';
export { fourLetterWord, parseConfMembership, parseMode, type ZkMode } from './fourLetterWord.js';
export { statusLines, summaryLines } from './report.js';
export { superDigest } from './superDigest.js';
export type { SandboxMembership, SandboxNode, SandboxNodeKind, SandboxNodeStatus, SandboxOptions, SandboxState } from './types.js';
