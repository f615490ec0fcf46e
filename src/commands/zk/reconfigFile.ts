// reconfig -file: zkCli loads the file as java.util.Properties, checks it with
// QuorumPeerConfig.parseDynamicConfig and sends the verifier's text as the new membership. Any
// failure becomes `Error processing <file><message>` (no separator: zkCli's own concatenation).
import { readFileSync } from 'node:fs';
import { CliError } from '../../shell/errors.js';
import { DynamicConfigError, formatServerSpec, javaPropertiesOrder, parseServerAddressSpec, type ServerSpec } from '../../zk/dynamicConfig.js';
import { JavaNumberFormatError, parseJavaLong } from './javaNumbers.js';

/** FileInputStream's FileNotFoundException text for the usual errno values. */
function javaFileError(file: string, e: NodeJS.ErrnoException): string {
  const reason: Record<string, string> = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EPERM: 'Operation not permitted',
    EISDIR: 'Is a directory',
  };
  return `${file} (${reason[e.code ?? ''] ?? e.message})`;
}

/** Properties.load for config files: `key=value`, `key:value` or `key value`; # and ! comments. */
function loadProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]*)[ \t\f]*[=:]?[ \t\f]*(.*)$/.exec(line);
    props.set(match?.[1] ?? line, match?.[2] ?? '');
  }
  return props;
}

/** parseDynamicConfig(props, 0, true, false) with the default standaloneEnabled=true. */
function membersFrom(props: Map<string, string>): string {
  const keys = javaPropertiesOrder([...props.keys()]);
  for (const key of keys) {
    const k = key.trim();
    if (k.startsWith('group') || k.startsWith('weight')) continue;
    if (!k.startsWith('server.') && k !== 'version') throw new DynamicConfigError(`Unrecognised parameter: ${k}`);
  }
  const servers: ServerSpec[] = [];
  let version = 0n;
  for (const key of keys) {
    const value = props.get(key)!;
    if (key.startsWith('server.')) {
      const id = parseJavaLong(key.slice(key.indexOf('.') + 1));
      servers.push(parseServerAddressSpec(Number(id), value));
    } else if (key === 'version') {
      version = parseJavaLong(value, 16);
    }
  }
  const participants = servers.filter((s) => s.role === 'participant').length;
  const observers = servers.length - participants;
  if (participants === 0 && observers > 0) throw new DynamicConfigError('Observers w/o participants is an invalid configuration');
  if (participants === 1 && observers > 0) throw new DynamicConfigError('Observers w/o quorum is an invalid configuration');
  servers.sort((a, b) => a.id - b.id);
  return [...servers.map(formatServerSpec), `version=${version.toString(16)}`].join('\n');
}

/** The membership text to send for `reconfig -file <file>`, or CliError in zkCli's words. */
export function membersFromFile(file: string): string {
  try {
    let text: string;
    try {
      text = readFileSync(file, 'latin1'); // Properties.load(InputStream) reads ISO-8859-1
    } catch (e) {
      throw new DynamicConfigError(javaFileError(file, e as NodeJS.ErrnoException));
    }
    return membersFrom(loadProperties(text));
  } catch (e) {
    if (e instanceof DynamicConfigError || e instanceof JavaNumberFormatError) {
      throw new CliError(`Error processing ${file}${e.message}`);
    }
    throw e;
  }
}
