/**
 * Escaping for text that comes from users (profile names, seeds): each output format gets the
 * escaping it needs, so a hostile label shows as itself and never as markup or a terminal command.
 */

import { escapeControl } from '../../input/index.js';

/** For a terminal: control characters (ANSI escapes, newlines) become `\u001b`-style text. */
export const plainText = escapeControl;

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
