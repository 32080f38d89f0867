/**
 * Splits `text` on `separator` wherever it stands outside double quotes. A doubled quote inside
 * quotes (CSV, RFC 4180 §2) closes and reopens them, so it splits nothing. With
 * `backslashEscapes` (SIP's quoted-pair, RFC 3261 §25.1) a backslash inside quotes keeps the next
 * character, quote or separator, as text. The parts keep their quotes: each caller unquotes by its
 * own format's rules.
 *
 * @example
 * splitOutsideQuotes('a,"b,c",d', ','); // → ['a', '"b,c"', 'd']
 * splitOutsideQuotes('q;text="x\\";y"', ';', true); // → ['q', 'text="x\\";y"']
 */
export function splitOutsideQuotes(text: string, separator: string, backslashEscapes = false): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted && backslashEscapes && char === '\\') {
      current += char + (text[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
