// The profiles module's public surface: what src/cli.ts, the TUI and commands use.
export { runProfileCli, PROFILE_HELP, type ProfileCliIo } from './profileCli.js';
export { loadProfiles, resolveCluster, resolveConnectArgument, type LoadedProfiles, type ResolvedCluster, type ConnectTarget } from './loadProfiles.js';
export { profileColourAccent, type ProfileAccent } from './accent.js';
export { nodeActionCommand, dataDirFor, pegasusShellSpawn, superDigestCredentials, type PasswordPrompt } from './profileUse.js';
export { expandNodeAction, nodeActionTemplateError, NODE_PLACEHOLDERS, type NodeActionTarget } from './nodeActionTemplate.js';
export { checkSettings, checkKeyBinding, defaultSettings, keymapActionIds, NUMERIC_SETTINGS } from './settings.js';
export { normaliseKey } from './keyBinding.js';
export { parseConnectString, connectStringError } from './connectString.js';
export { configFilePath, configDir } from './configPath.js';
export { stdioPrompt, PromptCancelled } from './ttyPrompt.js';
export type { Profile, Settings, NodeActionId, StoredProfile } from './types.js';
