// zkCli's tokenizer (ZooKeeperMain.MyCommandOptions.parseCommand): a token is a run of
// non-space characters, or a "double" or 'single' quoted string. A token wholly wrapped in
// matching quotes loses them; there are no escapes; quotes inside a bare token are literal.
const TOKEN = /\s*([^"']\S*|"[^"]*"|'[^']*')\s*/y;

export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < line.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(line);
    if (!m || m[0].length === 0) {
      // An unmatched quote: Java's Matcher.find() skips the character and goes on.
      pos += 1;
      continue;
    }
    pos = TOKEN.lastIndex;
    let value = m[1]!;
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) {
      value = value.slice(1, -1);
    }
    tokens.push(value);
  }
  return tokens;
}

/** Where each token starts and ends in the line: completion needs to know which token the cursor is in. */
export interface TokenSpan {
  text: string;
  start: number;
  end: number;
}

export function tokenSpans(line: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  const bare = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = bare.exec(line)) !== null) spans.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return spans;
}
