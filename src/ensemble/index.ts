// The live ensemble model's public surface (imports only src/zk; no shell, no UI).
export * from './types.js';
export * from './eventTypes.js';
export { EnsembleModel, defaultTimeoutMs, DEFAULT_POLL_INTERVAL_MS, type EnsembleModelOptions } from './ensembleModel.js';
export { SessionConfigSource, type ConfigSource } from './configSource.js';
export { describeEvent, nodeName, ROLE_LABELS, sessionWord } from './eventText.js';
export { computeLag, epochCounter, lagText } from './lag.js';
export { classifyRole, isCommittedVoter } from './roleClassifier.js';
export { computeHealth } from './health.js';
export { snapshotToJson } from './snapshotJson.js';
export * from './cells.js';
