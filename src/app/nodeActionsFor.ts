// Where `node start|stop|restart …` act: the sandbox's own servers, or a cluster profile's
// command templates (ssh, systemctl); none: `node` says none is configured.
import type { NodeActionProvider } from '../commands/nodeActions/provider.js';
import { SandboxNodeActions } from '../commands/nodeActions/sandboxProvider.js';
import { TemplateNodeActions } from '../commands/nodeActions/templateProvider.js';
import type { EnsembleModel } from '../ensemble/ensembleModel.js';
import type { Profile } from '../profiles/types.js';
import type { Sandbox } from '../sandbox/ensemble.js';

export function nodeActionsFor(source: { sandbox?: Sandbox; profile?: Profile }, model: EnsembleModel): NodeActionProvider | null {
  if (source.sandbox) return new SandboxNodeActions(source.sandbox);
  const profile = source.profile;
  if (!profile?.nodeActions) return null;
  return new TemplateNodeActions({
    profileName: profile.name,
    templates: profile.nodeActions,
    resolve: (id) => {
      const node = model.getSnapshot().nodes.find((n) => n.id === id);
      return node && node.id !== null ? { host: node.host, id: node.id, clientPort: node.port } : null;
    },
  });
}
