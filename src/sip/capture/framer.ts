import { looksLikeSip } from '../message.js';

/** A SIP message larger than this is not one: the framer gives up on the bytes and resynchronizes. */
const MAX_MESSAGE = 256 * 1024;

const latin1 = new TextDecoder('latin1');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im;

function headerEnd(bytes: Uint8Array): number {
  for (let index = 3; index < bytes.length; index++) {
    if (bytes[index] === 10 && bytes[index - 1] === 13 && bytes[index - 2] === 10 && bytes[index - 3] === 13)
      return index + 1;
  }
  return -1;
}

/**
 * Cuts a byte stream (one direction of a TCP connection) into SIP messages: the header ends at
 * the blank line and Content-Length gives the body's size (RFC 3261 §18.3: mandatory on stream
 * transports; missing means 0). Several messages in one segment and one message over several
 * segments both work; CRLF keep-alives (RFC 5626 §3.5.1) are skipped; bytes that do not start a
 * SIP message are dropped up to the next line, so a capture that starts mid-message resynchronizes.
 */
export class SipFramer {
  private buffer = new Uint8Array(0);

  constructor(private readonly onMessage: (bytes: Uint8Array) => void) {}

  push(data: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + data.length);
    joined.set(this.buffer);
    joined.set(data, this.buffer.length);
    let rest = joined;
    for (;;) {
      let start = 0;
      while (start < rest.length && (rest[start] === 13 || rest[start] === 10)) start++;
      rest = rest.subarray(start);
      if (rest.length === 0) break;
      const firstLine = latin1.decode(rest.subarray(0, Math.min(rest.length, 512)));
      if (!looksLikeSip(firstLine)) {
        const newline = rest.indexOf(10);
        if (newline !== -1) {
          rest = rest.subarray(newline + 1);
          continue;
        }
        if (rest.length > 512) rest = rest.subarray(rest.length);
        break;
      }
      const end = headerEnd(rest);
      if (end === -1) {
        if (rest.length > MAX_MESSAGE) rest = rest.subarray(1);
        if (rest.length > MAX_MESSAGE) continue;
        break;
      }
      const length = Number(CONTENT_LENGTH.exec(latin1.decode(rest.subarray(0, end)))?.[1] ?? 0);
      if (end + length > MAX_MESSAGE) {
        rest = rest.subarray(1);
        continue;
      }
      if (rest.length < end + length) break;
      this.onMessage(rest.subarray(0, end + length));
      rest = rest.subarray(end + length);
    }
    this.buffer = rest.slice();
  }

  /** Bytes of a partial message waiting for the rest. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Forgets a partial message (bytes were lost: the stream restarts at the next message). */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }
}
