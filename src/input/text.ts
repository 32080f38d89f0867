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
