// Splitting a configured command line (the Pegasus shell) into argv the way a POSIX shell would
// for plain words, quotes and backslashes — enough to spawn it without a shell, and to reject a
// line with an unclosed quote when the profile is saved rather than when the window starts.

export type SplitResult = { ok: true; argv: string[] } | { ok: false; error: string };

export function splitCommandLine(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'command line ends with a lone backslash' };
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) return { ok: false, error: `unclosed ${quote === "'" ? 'single' : 'double'} quote in command line` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, error: 'empty command line' };
  return { ok: true, argv };
}
