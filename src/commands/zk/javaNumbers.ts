// Number parsing as zkCli's Java code does it (Integer.parseInt, Long.parseLong, Integer.decode),
// so that what a command accepts, and the text of what it rejects, match zkCli's.

/** Java's NumberFormatException; `message` is Java's getMessage(). */
export class JavaNumberFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaNumberFormatError';
  }

  /** How the JVM names it when the exception escapes (zkCli's uncaught cases). */
  get javaText(): string {
    return `java.lang.NumberFormatException: ${this.message}`;
  }
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function forInputString(s: string, radix: number): JavaNumberFormatError {
  return new JavaNumberFormatError(`For input string: "${s}"${radix === 10 ? '' : ` under radix ${radix}`}`);
}

function parseBounded(s: string, radix: number, min: bigint, max: bigint): bigint {
  if (s.length === 0) throw forInputString(s, radix);
  let i = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    i = 1;
    if (s.length === 1) throw forInputString(s, radix);
  }
  let value = 0n;
  for (; i < s.length; i++) {
    const digit = Number.parseInt(s[i]!, radix);
    if (Number.isNaN(digit)) throw forInputString(s, radix);
    value = value * BigInt(radix) + BigInt(digit);
    if (value > max + 1n) throw forInputString(s, radix);
  }
  const signed = negative ? -value : value;
  if (signed < min || signed > max) throw forInputString(s, radix);
  return signed;
}

/** Integer.parseInt(s, radix). */
export function parseJavaInt(s: string, radix = 10): number {
  return Number(parseBounded(s, radix, INT_MIN, INT_MAX));
}

/** Long.parseLong(s, radix); a bigint because config versions (zxids) can exceed 2^53. */
export function parseJavaLong(s: string, radix = 10): bigint {
  return parseBounded(s, radix, LONG_MIN, LONG_MAX);
}

/** Integer.decode(s): optional sign, then 0x/0X/# hex, 0 octal, or decimal. */
export function decodeJavaInt(s: string): number {
  if (s.length === 0) throw new JavaNumberFormatError('Zero length string');
  let index = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    index = 1;
  }
  let radix = 10;
  if (s.startsWith('0x', index) || s.startsWith('0X', index)) {
    index += 2;
    radix = 16;
  } else if (s.startsWith('#', index)) {
    index += 1;
    radix = 16;
  } else if (s.startsWith('0', index) && s.length > 1 + index) {
    index += 1;
    radix = 8;
  }
  const rest = s.slice(index);
  if (rest.startsWith('-') || rest.startsWith('+')) throw new JavaNumberFormatError('Sign character in wrong position');
  const magnitude = parseBounded(rest, radix, 0n, INT_MAX + 1n);
  const value = negative ? -magnitude : magnitude;
  if (value < INT_MIN || value > INT_MAX) throw forInputString(negative ? `-${rest}` : rest, radix);
  return Number(value);
}
