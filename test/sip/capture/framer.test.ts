import { describe, expect } from 'vitest';
import { SipFramer } from '../../../src/sip/capture/framer.js';
import { messages } from '../support/dialogs.js';
import { fc, test } from '../../support/property.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The messages of one call (RFC 3261 §24.2's shapes, test/sip/support/dialogs.ts), one with a 20 KB header. */
const m = messages('framer-1');
const padded = m.invite.replace(
  'Max-Forwards: 70\r\n',
  `${'X-Pad: 0123456789abcdef\r\n'.repeat(800)}Max-Forwards: 70\r\n`,
);
const STREAM = [m.trying, m.ringing, padded, m.ok, m.ack, m.byeFromThem];

function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, index) => bytes.subarray(from, points[index] ?? bytes.length));
}

describe('SipFramer', () => {
  test.prop([
    fc.array(fc.nat(), { maxLength: 40 }),
    fc.array(fc.constantFrom('', '\r\n', '\r\n\r\n'), { minLength: 6, maxLength: 6 }),
  ])(
    'a stream cut anywhere, with CRLF keep-alives between messages, gives back each message whole, in order',
    (cuts, keepAlives) => {
      const text = STREAM.map((message, index) => `${keepAlives[index]}${message}`).join('');
      const out: string[] = [];
      const framer = new SipFramer((bytes) => out.push(decoder.decode(bytes)));
      for (const piece of cutAt(encoder.encode(text), cuts)) framer.push(piece);
      expect(out).toEqual(STREAM);
      expect(framer.buffered).toBe(0);
    },
  );

  test.prop([fc.constant(null)], { numRuns: 1 })(
    'a 20 KB message arriving one byte per segment is cut once, when it is whole',
    () => {
      const out: string[] = [];
      const framer = new SipFramer((bytes) => out.push(decoder.decode(bytes)));
      const bytes = encoder.encode(padded);
      for (let index = 0; index < bytes.length; index++) {
        framer.push(bytes.subarray(index, index + 1));
        if (index < bytes.length - 1) expect(out).toEqual([]);
      }
      expect(out).toEqual([padded]);
    },
  );
});
