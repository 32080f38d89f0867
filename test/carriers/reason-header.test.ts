import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { parseReasonHeader, q850FromReason } from '../../src/carriers/reason-header.js';

describe('parseReasonHeader', () => {
  it('reads a Q.850 reason with quoted text (RFC 3326 §2)', () => {
    expect(parseReasonHeader('Q.850;cause=17;text="User busy"')).toEqual({
      ok: true,
      value: [{ protocol: 'Q.850', cause: 17, text: 'User busy' }],
    });
  });

  it('takes the header name, spaces, several values and text holding separators', () => {
    expect(parseReasonHeader('Reason: SIP ;cause=487 ;text="Request, Terminated; by us", q.850;cause=16')).toEqual({
      ok: true,
      value: [
        { protocol: 'SIP', cause: 487, text: 'Request, Terminated; by us' },
        { protocol: 'Q.850', cause: 16 },
      ],
    });
  });

  it('keeps other protocols as given', () => {
    expect(parseReasonHeader('preemption;cause=1')).toEqual({
      ok: true,
      value: [{ protocol: 'preemption', cause: 1 }],
    });
  });

  it('finds the Q.850 cause among values', () => {
    expect(q850FromReason('SIP;cause=480, Q.850;cause=19')).toEqual({ ok: true, value: 19 });
    expect(q850FromReason('SIP;cause=480')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['Q.850;cause=abc', 'reason[0].cause: expected digits, got "abc"'],
    ['Q.850;text="x"', 'reason[0]: Q.850 reason has no cause parameter (expected e.g. Q.850;cause=17)'],
    ['Q.850;cause=0', 'reason[0].cause: expected a Q.850 cause from 1 to 127, got 0'],
    ['SIP;cause=99', 'reason[0].cause: expected a SIP status code from 100 to 699, got 99'],
    ['Q.850;cause=17, ;cause=3', 'reason[1]: expected a protocol such as Q.850 or SIP, got ""'],
    ['', 'reason: empty Reason header (expected e.g. Q.850;cause=17)'],
  ])('refuses %j with a message naming the value', (header, message) => {
    const result = parseReasonHeader(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(`${result.error.path}: ${result.error.message}`).toBe(message);
  });

  property.prop([fc.integer({ min: 1, max: 127 }), fc.string().filter((text) => !/["\\]/.test(text))])(
    'round-trips any cause and text',
    (cause, text) => {
      expect(parseReasonHeader(`Q.850;cause=${cause};text="${text}"`)).toEqual({
        ok: true,
        value: [{ protocol: 'Q.850', cause, text }],
      });
    },
  );

  property.prop([fc.anything()])('never throws', (value) => {
    expect(() => parseReasonHeader(value)).not.toThrow();
  });
});
