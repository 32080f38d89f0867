/**
 * A growing byte buffer that writes JSON and CSV text straight as UTF-8. Building a million
 * ~900-byte records as JavaScript strings made the garbage collector the bottleneck (ropes of
 * small strings, flattened and copied again on write); bytes written once and transferred whole
 * cost a fraction of it. Browser-safe: Uint8Array and TextEncoder only.
 *
 * Two kinds of writes: the checked ones (`byte`, `ascii`, `raw`, `utf8`, `jsonString`) make room
 * first; the `put…` ones do not, for a hot path that calls `reserve` once for a whole record.
 */

/** The ASCII bytes written by name. */
const QUOTE = 0x22; // "
export const COMMA = 0x2c; // ,
const MINUS = 0x2d; // -
const DIGIT_ZERO = 0x30; // 0
const BACKSLASH = 0x5c; // \
export const CLOSE_BRACE = 0x7d; // }
export const OPEN_BRACKET = 0x5b; // [
export const CLOSE_BRACKET = 0x5d; // ]
export const NEWLINE = 0x0a;
/** Printable ASCII runs from space to tilde; anything else in a JSON string needs care. */
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;

/** Below this length a byte loop beats the call into `Uint8Array.set`. */
const SHORT_COPY = 32;
/** Room `putInteger` may take: the longest safe integer is a minus sign and 16 digits. */
export const INTEGER_ROOM = 17;

const encoder = new TextEncoder();

export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `extra` more bytes (`bytes` may be replaced). */
  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(code: number): void {
    this.reserve(1);
    this.putByte(code);
  }

  /** Text known to be ASCII (field names, fixed punctuation). */
  ascii(text: string): void {
    this.reserve(text.length);
    this.putAscii(text);
  }

  /** Bytes as they are. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.putBytes(bytes);
  }

  /** Any text, as UTF-8. */
  utf8(text: string): void {
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** A JSON string literal: plain printable ASCII is copied as is, anything else via JSON.stringify. */
  jsonString(text: string): void {
    this.reserve(text.length + 2);
    if (!this.putPlainString(text)) this.utf8(JSON.stringify(text));
  }

  /** One byte, without making room. */
  putByte(code: number): void {
    this.bytes[this.length++] = code;
  }

  /** ASCII text, without making room. */
  putAscii(text: string): void {
    const bytes = this.bytes;
    let length = this.length;
    for (let i = 0; i < text.length; i++) bytes[length++] = text.charCodeAt(i);
    this.length = length;
  }

  /** Bytes as they are, without making room. */
  putBytes(piece: Uint8Array): void {
    if (piece.length > SHORT_COPY) {
      this.bytes.set(piece, this.length);
      this.length += piece.length;
      return;
    }
    const bytes = this.bytes;
    let length = this.length;
    for (let i = 0; i < piece.length; i++) bytes[length++] = piece[i] as number;
    this.length = length;
  }

  /** A safe integer in decimal, as JSON writes it, without making room for more than its digits. */
  putInteger(value: number): void {
    const bytes = this.bytes;
    let length = this.length;
    if (value < 0) {
      bytes[length++] = MINUS;
      value = -value;
    }
    if (value < 10) {
      bytes[length++] = DIGIT_ZERO + value;
      this.length = length;
      return;
    }
    // Digits come least significant first; reversed in place (no subarray view per number).
    const start = length;
    while (value > 0) {
      bytes[length++] = DIGIT_ZERO + (value % 10);
      value = Math.floor(value / 10);
    }
    for (let i = start, j = length - 1; i < j; i++, j--) {
      const swap = bytes[i] as number;
      bytes[i] = bytes[j] as number;
      bytes[j] = swap;
    }
    this.length = length;
  }

  /** `null` or a safe integer, without making room. */
  putNullableInteger(value: number | null): void {
    if (value === null) this.putAscii('null');
    else this.putInteger(value);
  }

  /**
   * A JSON string of plain printable ASCII (no quote, no backslash), without making room for more
   * than `text.length + 2`. Anything else writes nothing and returns false: the caller escapes.
   */
  putPlainString(text: string): boolean {
    const bytes = this.bytes;
    let length = this.length;
    bytes[length++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < FIRST_PRINTABLE || code > LAST_PRINTABLE || code === QUOTE || code === BACKSLASH) return false;
      bytes[length++] = code;
    }
    bytes[length++] = QUOTE;
    this.length = length;
    return true;
  }

  /** The bytes written so far (a view: copy or hand over before writing more). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
