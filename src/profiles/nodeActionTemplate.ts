// Node-action templates: shell command lines such as `ssh {host} sudo systemctl restart zookeeper`
// with placeholders for the node acted on. Placeholders are `{name}`; `{{`/`}}` are literal braces,
// and `${VAR}` is left to the shell, so awk programs and shell variables survive untouched.
// A `config` template (static membership, RUNBOOKS Z2/Z3) also gets `{members}`: the server lines
// to write into the node's zoo.cfg, each one shell word. An `upgrade` template (`node upgrade ID
// VERSION`) also gets `{version}`: the ZooKeeper version to restart the server on.

export const NODE_PLACEHOLDERS = ['host', 'id', 'clientPort'] as const;
export const CONFIG_PLACEHOLDERS = [...NODE_PLACEHOLDERS, 'members'] as const;
export const UPGRADE_PLACEHOLDERS = [...NODE_PLACEHOLDERS, 'version'] as const;
export type NodePlaceholder = (typeof CONFIG_PLACEHOLDERS)[number] | (typeof UPGRADE_PLACEHOLDERS)[number];

export interface NodeActionTarget {
  host: string;
  id: number;
  clientPort: number;
  /** `server.N=…` lines, for `{members}` of a config template. */
  members?: readonly string[];
  /** The target version, for `{version}` of an upgrade template. */
  version?: string;
}

function placeholdersOf(action: string | undefined): readonly string[] {
  if (action === 'config') return CONFIG_PLACEHOLDERS;
  return action === 'upgrade' ? UPGRADE_PLACEHOLDERS : NODE_PLACEHOLDERS;
}

type Piece = { text: string } | { placeholder: string };

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/;

function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  let literal = '';
  for (let i = 0; i < template.length; ) {
    const rest = template.slice(i);
    if (rest.startsWith('{{') || rest.startsWith('}}')) {
      literal += rest[0];
      i += 2;
      continue;
    }
    const m = template[i - 1] === '$' ? null : PLACEHOLDER.exec(rest);
    if (m) {
      if (literal) out.push({ text: literal });
      literal = '';
      out.push({ placeholder: m[1]! });
      i += m[0].length;
      continue;
    }
    literal += template[i];
    i += 1;
  }
  if (literal) out.push({ text: literal });
  return out;
}

/** Null when the template is usable, else one line naming the first unknown placeholder. */
export function nodeActionTemplateError(template: string, action?: string): string | null {
  if (template.trim() === '') return 'empty command';
  const known = placeholdersOf(action);
  for (const piece of pieces(template)) {
    if ('placeholder' in piece && !known.includes(piece.placeholder)) {
      const list = known.map((p) => `{${p}}`).join(', ');
      return `unknown placeholder {${piece.placeholder}} (known: ${list}; write {{ }} for literal braces)`;
    }
  }
  return null;
}

/** Values go into a shell command line: anything beyond plain host/number characters is quoted. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_.:@%+=,\/\[\]-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command line for one node; throws with the template error if the template is bad. */
export function expandNodeAction(template: string, target: NodeActionTarget, action?: string): string {
  const error = nodeActionTemplateError(template, action);
  if (error !== null) throw new Error(error);
  const values: Record<NodePlaceholder, string> = {
    host: shellWord(target.host),
    id: String(target.id),
    clientPort: String(target.clientPort),
    members: (target.members ?? []).map(shellWord).join(' '),
    version: shellWord(target.version ?? ''),
  };
  return pieces(template)
    .map((p) => ('text' in p ? p.text : values[p.placeholder as NodePlaceholder]))
    .join('');
}
