// Splits a partly typed znode path into the directory to list and the name being typed.
export function parentOfPrefix(prefix: string): { dir: string; partial: string } {
  const slash = prefix.lastIndexOf('/');
  if (slash <= 0) return { dir: '/', partial: prefix.slice(slash + 1) };
  return { dir: prefix.slice(0, slash), partial: prefix.slice(slash + 1) };
}
