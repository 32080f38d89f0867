/**
 * Escaping for every output format. Names come from users' machines and may hold anything:
 * quotes, colons, semicolons, braces, `%%`, `<script>`, backslashes, newlines. Each function makes
 * a name safe in one syntactic position and keeps it readable once rendered.
 */

/**
 * Characters no format can carry (C0/C1 controls other than newline and tab, lone surrogates):
 * shown as a visible `\u{…}` so the name stays recognisable and every document stays valid.
 */
function visible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g,
      (char) => `\\u{${char.charCodeAt(0).toString(16)}}`,
    )
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Mermaid text (labels, edge text, notes): every ASCII character but letters, digits, space and
 * `_ . , ( ) ' ! ? / + =` becomes an entity code (`#58;`), which Mermaid decodes after parsing; so
 * `:` `;` `%%` `"` `{` `<` and `#` cannot end a statement or open markup. A newline becomes `<br>`.
 * The characters Mermaid uses as entity placeholders (`ﬂ ° ¶ ß`) are encoded too.
 *
 * @example
 * mermaidText('a: b; c'); // → 'a#58; b#59; c'
 */
export function mermaidText(text: string): string {
  return visible(text)
    .split('\n')
    .map((line) => Array.from(line, (char) => (mermaidSafe(char) ? char : `#${char.codePointAt(0)};`)).join(''))
    .join('<br>');
}

/**
 * A Mermaid state's label from its lines. A label of several lines (joined by `<br>`) goes through
 * Mermaid's Markdown, which turns `_x_` and `*x*` into emphasis even when they are written as
 * entity codes, and reads `\\` as an escape: there `_`, `*` and `\\` are backslash-escaped instead
 * (Markdown's own escape).
 *
 * @example
 * mermaidStateLabel(['no_answer']); // → 'no#95;answer'
 * mermaidStateLabel(['_a_', 'b']); // → '\\_a\\_<br>b'
 */
export function mermaidStateLabel(lines: readonly string[]): string {
  const all = lines.flatMap((line) => visible(line).split('\n'));
  if (all.length <= 1) return mermaidText(all[0] ?? '');
  return all
    .map((line) =>
      Array.from(line, (char) =>
        char === '_' || char === '*' || char === '\\'
          ? `\\${char}`
          : mermaidSafe(char)
            ? char
            : `#${char.codePointAt(0)};`,
      ).join(''),
    )
    .join('<br>');
}

/**
 * A Mermaid title (front matter, read as YAML): a JSON string, which is valid YAML. Mermaid decodes
 * no entity codes there and drops markup, so `<` and `>` are shown as `‹` and `›`, and a newline as
 * a space: the one place where a name is not shown character for character.
 *
 * @example
 * mermaidTitle('call c-1: ABSENT'); // → '"call c-1: ABSENT"'
 */
export function mermaidTitle(text: string): string {
  return JSON.stringify(
    visible(text)
      .replace(/\s*\n\s*/g, ' ')
      .replace(/</g, '‹')
      .replace(/>/g, '›'),
  );
}

const MERMAID_SAFE_ASCII = /^[A-Za-z0-9 .,()'!?/+=[\]]$/;
/** Mermaid's own entity placeholders, and an invisible soft hyphen. */
const MERMAID_RESERVED = new Set(['\u00ad', '\u00b0', '\u00b6', '\u00df', '\ufb02']);

function mermaidSafe(char: string): boolean {
  if (MERMAID_SAFE_ASCII.test(char)) return true;
  return (char.codePointAt(0) ?? 0) >= 0xa0 && !MERMAID_RESERVED.has(char);
}

/**
 * A DOT quoted string (an id or a label): `\` and `"` are escaped, and a newline becomes `\n`
 * (a centred line break in a label), and `&` becomes `&amp;` because Graphviz decodes HTML
 * entities in labels. Because every `\` is doubled, Graphviz's label escapes (`\N`, `\G`, `\l`)
 * cannot be triggered by a name.
 *
 * @example
 * dotString('say "hi"'); // → '"say \\"hi\\""'
 */
export function dotString(text: string): string {
  return `"${visible(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/&/g, '&amp;')}"`;
}

/** XML character data or an attribute value: markup characters and line breaks as references. */
export function xmlText(text: string): string {
  return visible(text).replace(/[&<>"'\n\t]/g, (char) => `&#${char.charCodeAt(0)};`);
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
/** What `decodeXmlName` reads as an escape: a `_` that starts one must itself be escaped. */
const ESCAPE_AHEAD = /^_x[0-9a-f]+_/;

function encodeXml(text: string, keep: (char: string, index: number) => boolean): string {
  const chars = Array.from(visible(text));
  let out = '';
  chars.forEach((char, index) => {
    // `_x_` alone is how an empty name is written.
    const ambiguous =
      char === '_' && (ESCAPE_AHEAD.test(chars.slice(index).join('')) || (index === 0 && text === '_x_'));
    out += keep(char, index) && !ambiguous ? char : `_x${(char.codePointAt(0) ?? 0).toString(16)}_`;
  });
  return out === '' ? '_x_' : out;
}

/**
 * A reversible XML name (an NCName, valid as an XML `ID`): letters, digits, `_` and `-` stay (a
 * digit or `-` not first), anything else becomes `_xHEX_` (as .NET's `XmlConvert.EncodeName`
 * does), and so does a `_` that would read as the start of such an escape, so decoding is
 * unambiguous. `decodeXmlName` reverses it. With `first: false` (a segment after a `.` in an id)
 * a digit may lead too.
 *
 * @example
 * encodeXmlName('no answer'); // → 'no_x20_answer'
 * encodeXmlName('no_answer'); // → 'no_answer'
 */
export function encodeXmlName(text: string, { first = true }: { readonly first?: boolean } = {}): string {
  return encodeXml(text, (char, index) => (index === 0 && first ? NAME_START.test(char) : NAME_CHAR.test(char)));
}

/**
 * One `.`-separated token of an SCXML event name: SCXML 1.0 (§3.12.1, and the schema's
 * EventType) allows letters, digits, `_` and `-` there, so `INSERT_CD` and `2FA_OK` stay as they
 * are; anything else is escaped as `encodeXmlName` does, and decodes with `decodeXmlName`.
 *
 * @example
 * scxmlEventToken('INSERT_CD'); // → 'INSERT_CD'
 * scxmlEventToken('a b'); // → 'a_x20_b'
 */
export function scxmlEventToken(token: string): string {
  return token === '*' ? '*' : encodeXml(token, (char) => NAME_CHAR.test(char));
}

/**
 * The name `encodeXmlName` encoded.
 *
 * @example
 * decodeXmlName('no_x20_answer'); // → 'no answer'
 */
export function decodeXmlName(name: string): string {
  if (name === '_x_') return '';
  return name.replace(/_x([0-9a-f]+)_/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}
