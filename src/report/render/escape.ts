/**
 * Escaping for text that comes from users (profile names, seeds): each output format gets the
 * escaping it needs, so a hostile label shows as itself and never as markup or a terminal command.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** For a terminal: control characters (ANSI escapes, newlines) become `\u001b`-style text. */
export function plainText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return plainText(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * For a Markdown table cell: every character Markdown treats as syntax is backslash-escaped, so
 * `|` cannot split the cell and `*`, `_`, `[` or a backtick cannot format or link; then `<`, `>`,
 * `&` and quotes become named entities, so GitHub's inline HTML cannot start.
 */
export function escapeMarkdown(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return plainText(value)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (char) => `\\${char}`)
    .replace(/[&<>"']/g, (char) => entities[char] as string);
}
