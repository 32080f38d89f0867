import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { SIP_TABLE, fromSip } from '../../src/carriers/sip.js';

// Written from RFC 3398 §8.2.6.1 (the cause) and the taxonomy's reading of each code (the event),
// not from the table under test. `null`: the RFC gives no cause (487) or takes it from Warning (488, 606).
const EXPECTED: Record<number, readonly [string, number | null]> = {
  100: ['provisional', null],
  180: ['carrier.ringing', null],
  181: ['provisional', null],
  182: ['provisional', null],
  183: ['carrier.ringing', null],
  200: ['carrier.answered', null],
  400: ['carrier.failed', 41],
  401: ['carrier.failed', 21],
  402: ['carrier.failed', 21],
  403: ['carrier.rejected', 21],
  404: ['carrier.unallocated', 1],
  405: ['carrier.failed', 63],
  406: ['carrier.failed', 79],
  407: ['carrier.failed', 21],
  408: ['carrier.noAnswer', 102],
  410: ['carrier.unallocated', 22],
  413: ['carrier.failed', 127],
  414: ['carrier.failed', 127],
  415: ['carrier.failed', 79],
  416: ['carrier.failed', 127],
  420: ['carrier.failed', 127],
  421: ['carrier.failed', 127],
  423: ['carrier.failed', 127],
  480: ['carrier.noAnswer', 18],
  481: ['carrier.failed', 41],
  482: ['carrier.failed', 25],
  483: ['carrier.failed', 25],
  484: ['carrier.unallocated', 28],
  485: ['carrier.unallocated', 1],
  486: ['carrier.busy', 17],
  487: ['carrier.noAnswer', null],
  488: ['carrier.failed', null],
  500: ['carrier.failed', 41],
  501: ['carrier.failed', 79],
  502: ['carrier.failed', 38],
  503: ['carrier.failed', 41],
  504: ['carrier.failed', 102],
  505: ['carrier.failed', 127],
  513: ['carrier.failed', 127],
  600: ['carrier.busy', 17],
  603: ['carrier.rejected', 21],
  604: ['carrier.unallocated', 1],
  606: ['carrier.failed', null],
};

// Codes without a row of their own: their class default (RFC 3398: unlisted → cause 31).
const CLASS_DEFAULTS: Record<number, readonly [string, number | null]> = {
  101: ['provisional', null],
  199: ['provisional', null],
  202: ['carrier.answered', null],
  302: ['carrier.failed', 31],
  409: ['carrier.failed', 31],
  491: ['carrier.failed', 31],
  580: ['carrier.failed', 31],
  607: ['carrier.failed', 31],
  699: ['carrier.failed', 31],
};

function effectOf(code: number): readonly [string, number | null] {
  const result = fromSip(code);
  if (!result.ok) throw new Error(`unexpected error for ${code}`);
  if (result.value.kind === 'provisional') return ['provisional', null];
  return [result.value.event.type, result.value.event.q850 ?? null];
}

describe('fromSip', () => {
  it('has an independently written expectation for every row of the table', () => {
    expect(SIP_TABLE.map((row) => row.code).sort()).toEqual(Object.keys(EXPECTED).map(Number).sort());
  });

  it.each(Object.entries(EXPECTED))('maps %s as RFC 3398 and the taxonomy say', (code, expected) => {
    expect(effectOf(Number(code))).toEqual(expected);
  });

  it.each(Object.entries(CLASS_DEFAULTS))('maps unlisted %s to its class default', (code, expected) => {
    expect(effectOf(Number(code))).toEqual(expected);
  });

  it('keeps the code on the event', () => {
    const result = fromSip(486);
    expect(result.ok && result.value.kind === 'event' && result.value.event).toEqual({
      type: 'carrier.busy',
      sipCode: 486,
      q850: 17,
    });
  });

  it('turns a no-answer code into a failure when no ring was observed', () => {
    for (const code of [408, 480, 487])
      expect(fromSip(code, { ringing: false })).toMatchObject({
        ok: true,
        value: { event: { type: 'carrier.failed', sipCode: code } },
      });
    expect(fromSip(486, { ringing: false })).toMatchObject({ value: { event: { type: 'carrier.busy' } } });
  });

  it('reads a 487 by why our side cancelled', () => {
    expect(fromSip(487, { cancel: 'ringTimeout' })).toMatchObject({ value: { event: { type: 'carrier.noAnswer' } } });
    expect(fromSip(487, { cancel: 'abort' })).toMatchObject({ value: { event: { type: 'carrier.failed' } } });
    expect(fromSip(480, { cancel: 'abort' })).toMatchObject({ value: { event: { type: 'carrier.noAnswer' } } });
  });

  it('says why a code is refused', () => {
    expect(fromSip(99)).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "expected a SIP status code from 100 to 699, got 99",
          "path": "sip",
        },
        "ok": false,
      }
    `);
    expect(fromSip('486')).toMatchObject({
      ok: false,
      error: { message: 'expected a SIP status code from 100 to 699, got "486"' },
    });
  });

  property.prop([fc.integer({ min: 100, max: 699 })])(
    'every code from 100 to 699 maps to exactly one event or an explicit provisional',
    (code) => {
      const result = fromSip(code);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      if (result.value.kind === 'provisional') {
        expect(code).toBeLessThan(200);
        expect(result.value.sipCode).toBe(code);
      } else {
        expect(result.value.event.sipCode).toBe(code);
        expect(code >= 200 || code === 180 || code === 183).toBe(true);
      }
    },
  );

  property.prop([
    fc.oneof(
      fc.integer().filter((n) => n < 100 || n > 699),
      fc.double().filter((n) => !Number.isInteger(n)),
      fc.string(),
      fc.constant(null),
      fc
        .anything()
        .filter((value) => !(typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 699)),
    ),
  ])('anything else is an error value, never a throw', (value) => {
    const result = fromSip(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^expected a SIP status code from 100 to 699, got /);
  });
});
