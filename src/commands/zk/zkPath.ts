// The Java client validates a path before each call and zkCli prints the IllegalArgumentException
// text (MalformedPathException). Commands call `checkPath` where the Java client would.
import { CliError } from '../../shell/errors.js';
import { pathError } from '../../zk/paths.js';

export function checkPath(path: string, sequential = false): string {
  const error = pathError(path, sequential);
  if (error !== null) throw new CliError(error);
  return path;
}
