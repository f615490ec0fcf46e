// Node actions from a profile's templates, run through the operator's shell with execa; stdout
// and stderr are streamed into the scrollback line by line, then the exit code.
import { execa } from 'execa';
import { expandNodeAction, type NodeActionTarget } from '../../profiles/nodeActionTemplate.js';
import type { NodeActionId } from '../../profiles/types.js';
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import type { NodeActionIo, NodeActionProvider } from './provider.js';

export interface TemplateNodeActionsOptions {
  profileName: string;
  templates: Partial<Record<NodeActionId, string>>;
  /** Host, id and client port of a server id (from the ensemble model). */
  resolve(id: number): NodeActionTarget | null;
}

export class TemplateNodeActions implements NodeActionProvider {
  readonly name: string;

  constructor(private readonly opts: TemplateNodeActionsOptions) {
    this.name = `profile ${opts.profileName}`;
  }

  describe(action: NodeAction, id: number): string | null {
    if (action === 'wipe') return null; // never templated: a data wipe is done by hand, on purpose
    const template = this.opts.templates[action];
    const target = this.opts.resolve(id);
    if (!template || !target) return null;
    return expandNodeAction(template, target);
  }

  async run(action: NodeAction, id: number, io: NodeActionIo): Promise<number> {
    const line = this.describe(action, id);
    if (!line) {
      io.err(`no ${action} action for server.${id} in ${this.name} (conf: nodeActions.${action})`);
      return 2;
    }
    const child = execa(line, { shell: true, all: true, reject: false, cancelSignal: io.signal, stdin: 'ignore' });
    for await (const text of child.iterable({ from: 'all' })) io.out(String(text));
    const result = await child;
    return result.exitCode ?? 1;
  }
}
