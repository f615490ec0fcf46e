// find's default patterns: shell globs over one path component. `*` any run of characters, `?`
// one character, `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` one of (or none of) a set; a backslash
// takes the next character literally; a `[` without its `]` is a literal `[`.

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The whole-name regular expression for `glob` (may throw SyntaxError for a class like `[z-a]`). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '\\' && i + 1 < glob.length) re += escapeRegex(glob[++i]!);
    else if (c === '[') {
      let j = i + 1;
      if (glob[j] === '!' || glob[j] === '^') j++;
      if (glob[j] === ']') j++; // `[]a]`: a leading `]` is a member
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, j);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      body = body.replace(/[\\\]^[]/g, '\\$&');
      re += `[${negated ? '^' : ''}${body}]`;
      i = j;
    } else re += escapeRegex(c);
  }
  return new RegExp(`^(?:${re})$`, 's');
}
