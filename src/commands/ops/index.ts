// zkpilot's bulk operations (copy, verify; the streaming delete behind deleteall), ready for a
// CommandRegistry, plus exec mode's progress printer.
import type { CommandSpec } from '../../shell/registry.js';
import { createZkClient } from '../../zk/client.js';
import { loadProfiles } from '../../profiles/loadProfiles.js';
import { copyCommand, type OpsDeps } from './copy.js';
import type { ProfileResolver } from './endpoint.js';
import { verifyCommand } from './verify.js';

export { attachProgressPrinter } from './progress.js';
export { deleteSubtree } from './deleteSubtree.js';
export type { OpsDeps } from './copy.js';

/** Profile names from the config file, read when a command needs one (never cached stale). */
export const profileResolver: ProfileResolver = (name) => loadProfiles().profiles.find((p) => p.name === name)?.connectString ?? null;

export function opsCommands(deps: Partial<OpsDeps> = {}): CommandSpec[] {
  const full: OpsDeps = { resolveProfile: deps.resolveProfile ?? profileResolver, clientFactory: deps.clientFactory ?? createZkClient };
  return [copyCommand(full), verifyCommand(full)];
}
