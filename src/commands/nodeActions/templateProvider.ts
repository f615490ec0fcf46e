// Node actions from a profile's templates, run through the operator's shell with execa; stdout
// and stderr are streamed into the scrollback line by line, then the exit code. `config` gets the
// server lines as {members}; `config` and `wipe` exist only when the profile maps them to the
// operator's own scripts: otherwise the checklist step stays a manual one.
import { expandNodeAction, type NodeActionTarget } from '../../profiles/nodeActionTemplate.js';
import type { NodeActionId } from '../../profiles/types.js';
import type { NodeAction } from '../../runbooks/guards/nodeActionGuard.js';
import type { NodeActionArgs, NodeActionIo, NodeActionProvider } from './provider.js';

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

  describe(action: NodeAction, id: number, args: NodeActionArgs = {}): string | null {
    const template = this.opts.templates[action];
    const target = this.opts.resolve(id);
    if (!template || !target) return null;
    return expandNodeAction(template, { ...target, members: args.members, version: args.version }, action);
  }

  missing(action: NodeAction, id: number): string | null {
    if (!this.opts.templates[action]) return `${this.name} has no nodeActions.${action} (zkpilot profile edit ${this.opts.profileName} --node-action ${action}='…')`;
    if (!this.opts.resolve(id)) return `server.${id} is not in the ensemble view (no host known)`;
    return null;
  }

  async run(action: NodeAction, id: number, io: NodeActionIo, args: NodeActionArgs = {}): Promise<number> {
    const line = this.describe(action, id, args);
    if (!line) {
      io.err(`no ${action} action for server.${id} in ${this.name} (conf: nodeActions.${action})`);
      return 2;
    }
    const { execa } = await import('execa');
    const child = execa(line, { shell: true, all: true, reject: false, cancelSignal: io.signal, stdin: 'ignore' });
    for await (const text of child.iterable({ from: 'all' })) io.out(String(text));
    const result = await child;
    return result.exitCode ?? 1;
  }
}
