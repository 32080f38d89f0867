/**
 * Text from outside (files, standard input, provider callbacks) before it is parsed or echoed.
 * Browser-safe: nothing here imports from `node:`.
 */

/** A UTF-8 byte-order mark as decoded text: editors on Windows start files with it. */
const BOM = '\uFEFF';

/**
 * The text without a leading byte-order mark, so every text input (JSON, JSON lines, number lists)
 * accepts files saved "with BOM" (RFC 8259 §8.1 lets a parser ignore it).
 *
 * @example
 * stripBom('\uFEFF{"a":1}'); // → '{"a":1}'
 */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

// C0 and C1 controls, DEL, and the two Unicode line separators JavaScript treats as line ends.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Control characters (ANSI escapes, newlines, carriage returns) written as `\u001b`-style text, so
 * a value echoed in a message or a terminal table shows as itself: it cannot recolour the
 * terminal, forge a log line, or split one line in two.
 *
 * @example
 * escapeControl('id\u001b[31m\nfake'); // → 'id\\u001b[31m\\u000afake'
 */
export function escapeControl(value: string): string {
  return value.replace(CONTROL_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
