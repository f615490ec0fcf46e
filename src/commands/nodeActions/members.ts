// The membership `node config ID MEMBER…` writes: each MEMBER is a full `server.N=…` line, or an
// id whose line is known (the sandbox knows its nodes; otherwise the committed config or any
// server's own `conf`). The lines are what the operator would type into zoo.cfg by hand.
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { CliError } from '../../shell/errors.js';
import { formatServerSpec, parseServerLine, serverIdFromKey, serverLineError } from '../../zk/dynamicConfig.js';
import type { NodeActionProvider } from './provider.js';

export interface MemberLine {
  id: number;
  line: string;
}

export interface MemberSources {
  snapshot: EnsembleSnapshot | null;
  provider: Pick<NodeActionProvider, 'serverLine'>;
}

function knownLine(id: number, from: MemberSources): string | null {
  const own = from.provider.serverLine?.(id);
  if (own) return own;
  const s = from.snapshot;
  const spec = s?.committed?.servers.find((x) => x.id === id) ?? s?.nodes.flatMap((n) => n.membership ?? []).find((x) => x.id === id);
  return spec ? formatServerSpec(spec) : null;
}

/** Lines sorted by id; one-line errors for a bad line, an unknown id or an id given twice. */
export function resolveMembers(tokens: readonly string[], from: MemberSources): MemberLine[] {
  const out: MemberLine[] = [];
  for (const token of tokens) {
    let member: MemberLine;
    if (token.includes('=')) {
      const line = token.startsWith('server.') ? token : `server.${token}`;
      const error = serverLineError(line);
      if (error) throw new CliError(`node config: ${error}`);
      member = { id: parseServerLine(line).id, line };
    } else {
      const id = serverIdFromKey(token);
      if (id === null) throw new CliError(`node config: not a server id or line: ${token}`);
      const line = knownLine(id, from);
      if (!line) throw new CliError(`node config: the address of server.${id} is not known: give its line, server.${id}=host:quorumPort:electionPort:participant;host:clientPort`);
      member = { id, line };
    }
    if (out.some((m) => m.id === member.id)) throw new CliError(`node config: server.${member.id} is given twice`);
    out.push(member);
  }
  return out.sort((a, b) => a.id - b.id);
}
