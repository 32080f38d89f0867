import { looksLikeSip } from '../message.js';

/** A SIP message larger than this is not one: the framer gives up on the bytes and resynchronizes. */
const MAX_MESSAGE = 256 * 1024;

/** A buffer larger than this is let go when the connection has nothing pending. */
const IDLE_BUFFER = 64 * 1024;

const latin1 = new TextDecoder('latin1');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im;

/**
 * Cuts a byte stream (one direction of a TCP connection) into SIP messages: the header ends at
 * the blank line and Content-Length gives the body's size (RFC 3261 §18.3: mandatory on stream
 * transports; missing means 0). Several messages in one segment and one message over several
 * segments both work; CRLF keep-alives (RFC 5626 §3.5.1) are skipped; bytes that do not start a
 * SIP message are dropped up to the next line, so a capture that starts mid-message resynchronizes.
 */
export class SipFramer {
  // The bytes not yet cut are buffer[start, end): appending grows the buffer by doubling and
  // cutting moves `start`, so a message that arrives one byte per segment costs linear time.
  private buffer = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** How far the message at `start` has been searched for the blank line that ends its header. */
  private searched = 3;
  /** The whole length of the message at `start` once its header is read, else -1. */
  private whole = -1;

  constructor(private readonly onMessage: (bytes: Uint8Array) => void) {}

  push(data: Uint8Array): void {
    this.append(data);
    for (;;) {
      while (this.start < this.end && (this.buffer[this.start] === 13 || this.buffer[this.start] === 10)) this.cut(1);
      const rest = this.buffer.subarray(this.start, this.end);
      if (rest.length === 0) break;
      const firstLine = latin1.decode(rest.subarray(0, Math.min(rest.length, 512)));
      if (!looksLikeSip(firstLine)) {
        const newline = rest.indexOf(10);
        if (newline !== -1) {
          this.cut(newline + 1);
          continue;
        }
        if (rest.length > 512) this.cut(rest.length);
        break;
      }
      if (this.whole === -1) {
        const end = this.headerEnd(rest);
        if (end === -1) {
          if (rest.length > MAX_MESSAGE) this.cut(1);
          if (this.end - this.start > MAX_MESSAGE) continue;
          break;
        }
        const length = Number(CONTENT_LENGTH.exec(latin1.decode(rest.subarray(0, end)))?.[1] ?? 0);
        if (end + length > MAX_MESSAGE) {
          this.cut(1);
          continue;
        }
        this.whole = end + length;
      }
      if (rest.length < this.whole) break;
      const whole = this.whole;
      this.onMessage(rest.subarray(0, whole));
      this.cut(whole);
    }
    if (this.start === this.end) {
      this.start = this.end = 0;
      // An idle connection keeps no large buffer.
      if (this.buffer.length > IDLE_BUFFER) this.buffer = new Uint8Array(0);
    }
  }

  /** Bytes of a partial message waiting for the rest. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Forgets a partial message (bytes were lost: the stream restarts at the next message). */
  reset(): void {
    this.buffer = new Uint8Array(0);
    this.start = this.end = 0;
    this.searched = 3;
    this.whole = -1;
  }

  private append(data: Uint8Array): void {
    const kept = this.end - this.start;
    if (this.end + data.length > this.buffer.length) {
      if (kept + data.length > this.buffer.length / 2) {
        const grown = new Uint8Array(Math.max(1024, 2 * (kept + data.length)));
        grown.set(this.buffer.subarray(this.start, this.end));
        this.buffer = grown;
      } else this.buffer.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = kept;
    }
    this.buffer.set(data, this.end);
    this.end += data.length;
  }

  /** Drops `count` bytes from the front: what follows is a new message. */
  private cut(count: number): void {
    this.start += count;
    this.searched = 3;
    this.whole = -1;
  }

  /** Where the header of `bytes` ends (after its blank line), or -1: searching only what is new since the last call. */
  private headerEnd(bytes: Uint8Array): number {
    for (let index = this.searched; index < bytes.length; index++) {
      if (bytes[index] === 10 && bytes[index - 1] === 13 && bytes[index - 2] === 10 && bytes[index - 3] === 13)
        return index + 1;
    }
    this.searched = Math.max(3, bytes.length);
    return -1;
  }
}
