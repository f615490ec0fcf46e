// `node start|stop|restart …` on real hosts: a cluster profile's command templates (ssh,
// systemctl), aimed at a server by its id in the live model; none configured: `node` says so.
// (The sandbox brings its own provider.)
import type { NodeActionProvider } from '../commands/nodeActions/provider.js';
import { TemplateNodeActions } from '../commands/nodeActions/templateProvider.js';
import type { EnsembleModel } from '../ensemble/ensembleModel.js';
import type { Profile } from '../profiles/types.js';

export function templateNodeActions(profile: Profile | undefined, model: EnsembleModel): NodeActionProvider | null {
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
