// Node-action templates: shell command lines such as `ssh {host} sudo systemctl restart zookeeper`
// with placeholders for the node acted on. Placeholders are `{name}`; `{{`/`}}` are literal braces,
// and `${VAR}` is left to the shell, so awk programs and shell variables survive untouched.

export const NODE_PLACEHOLDERS = ['host', 'id', 'clientPort'] as const;
export type NodePlaceholder = (typeof NODE_PLACEHOLDERS)[number];

export interface NodeActionTarget {
  host: string;
  id: number;
  clientPort: number;
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

const KNOWN = new Set<string>(NODE_PLACEHOLDERS);
const KNOWN_LIST = NODE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

/** Null when the template is usable, else one line naming the first unknown placeholder. */
export function nodeActionTemplateError(template: string): string | null {
  if (template.trim() === '') return 'empty command';
  for (const piece of pieces(template)) {
    if ('placeholder' in piece && !KNOWN.has(piece.placeholder)) {
      return `unknown placeholder {${piece.placeholder}} (known: ${KNOWN_LIST}; write {{ }} for literal braces)`;
    }
  }
  return null;
}

/** Values go into a shell command line: anything beyond plain host/number characters is quoted. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_.:@%+=,\/\[\]-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command line for one node; throws with the template error if the template is bad. */
export function expandNodeAction(template: string, target: NodeActionTarget): string {
  const error = nodeActionTemplateError(template);
  if (error !== null) throw new Error(error);
  const values: Record<NodePlaceholder, string> = {
    host: target.host,
    id: String(target.id),
    clientPort: String(target.clientPort),
  };
  return pieces(template)
    .map((p) => ('text' in p ? p.text : shellWord(values[p.placeholder as NodePlaceholder])))
    .join('');
}
