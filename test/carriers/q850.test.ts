import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { Q850_TABLE, fromQ850 } from '../../src/carriers/q850.js';

// The event each cause means, written from Q.850's cause names and docs/carriers.md's policies, not
// from the table under test: everything not listed here is a failure (ERROR/OTHER).
const UNALLOCATED = [1, 2, 3, 22, 28];
const BUSY = [17];
const NO_ANSWER = [18, 19, 20];
const REJECTED = [21];

function expectedEvent(cause: number): string {
  if (UNALLOCATED.includes(cause)) return 'carrier.unallocated';
  if (BUSY.includes(cause)) return 'carrier.busy';
  if (NO_ANSWER.includes(cause)) return 'carrier.noAnswer';
  if (REJECTED.includes(cause)) return 'carrier.rejected';
  return 'carrier.failed';
}

// RFC 3398 §7.2.4.1, cause → SIP response; causes not listed take the default, 500; 16 is a BYE.
const RFC3398_SIP: Record<number, number> = {
  1: 404,
  2: 404,
  3: 404,
  17: 486,
  18: 408,
  19: 480,
  20: 480,
  21: 403,
  22: 410,
  23: 410,
  26: 404,
  27: 502,
  28: 484,
  29: 501,
  31: 480,
  34: 503,
  38: 503,
  41: 503,
  42: 503,
  47: 503,
  55: 403,
  57: 403,
  87: 403,
  58: 503,
  88: 503,
  65: 488,
  70: 488,
  79: 501,
  102: 504,
  111: 500,
  127: 500,
};

describe('fromQ850', () => {
  it.each(Q850_TABLE.map((row) => [row.cause, row] as const))(
    'cause %i maps to the expected event and RFC 3398 response',
    (cause, row) => {
      const result = fromQ850(cause);
      expect(result).toMatchObject({ ok: true, value: { event: { type: expectedEvent(cause), q850: cause } } });
      expect(row.sip).toBe(cause === 16 ? null : (RFC3398_SIP[cause] ?? 500));
    },
  );

  it('maps the causes implementations disagree on (18, 19, 20) all to a no-answer', () => {
    for (const cause of [18, 19, 20])
      expect(fromQ850(cause)).toMatchObject({ value: { event: { type: 'carrier.noAnswer' } } });
  });

  it('turns a no-answer cause into a failure when no ring was observed', () => {
    expect(fromQ850(19, { ringing: false })).toMatchObject({ value: { event: { type: 'carrier.failed', q850: 19 } } });
    expect(fromQ850(17, { ringing: false })).toMatchObject({ value: { event: { type: 'carrier.busy' } } });
  });

  it('says why a cause is refused', () => {
    expect(fromQ850(0)).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "expected a Q.850 cause from 1 to 127, got 0",
          "path": "q850",
        },
        "ok": false,
      }
    `);
  });

  property.prop([fc.integer({ min: 1, max: 127 })])(
    'every cause from 1 to 127 maps to exactly one carrier event carrying it',
    (cause) => {
      const result = fromQ850(cause);
      expect(result).toMatchObject({ ok: true, value: { event: { type: expectedEvent(cause), q850: cause } } });
    },
  );

  property.prop([
    fc
      .anything()
      .filter((value) => !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 127)),
  ])('anything else is an error value, never a throw', (value) => {
    expect(fromQ850(value)).toMatchObject({ ok: false, error: { path: 'q850' } });
  });
});
