import { describe, expect, it } from 'vitest';
import { fromCodes } from '../../src/carriers/codes.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

describe('fromCodes', () => {
  it('lets the SIP code decide when it says more than "failed"', () => {
    expect(fromCodes({ sip: 480, q850: 21 })).toMatchObject({
      value: { event: { type: 'carrier.noAnswer', sipCode: 480, q850: 21 } },
    });
  });

  it('lets a specific cause refine a generic SIP failure (RFC 6432)', () => {
    expect(fromCodes({ sip: 503, q850: 17 })).toMatchObject({
      value: { event: { type: 'carrier.busy', sipCode: 503, q850: 17 }, policies: ['codes-specific-wins'] },
    });
    expect(fromCodes({ sip: 503, q850: 41 })).toMatchObject({
      value: { event: { type: 'carrier.failed', sipCode: 503, q850: 41 } },
    });
  });

  it('fills the cause from RFC 3398 when only the SIP code is given', () => {
    expect(fromCodes({ sip: 404 })).toMatchObject({
      value: { event: { type: 'carrier.unallocated', sipCode: 404, q850: 1 } },
    });
  });

  it('refuses a cause on a provisional response, and no code at all', () => {
    expect(fromCodes({ sip: 100, q850: 16 })).toMatchObject({ ok: false, error: { path: 'sip' } });
    expect(fromCodes({})).toMatchObject({ ok: false });
  });
});

const call = { to: '+33612345678', messages: [{ id: 'm1', durationMs: 5000 }] };

describe('scenario events written with codes', () => {
  it('converts sip and q850 before the machine, keeping the raw code and cause in the record', () => {
    const result = runScenario({
      call,
      events: [
        { at: 0, sip: 180 },
        { at: 4000, sip: 503, q850: 17 },
      ],
    });
    expect(
      result.ok && {
        status: result.record.status,
        subStatus: result.record.subStatus,
        sipCode: result.record.sipCode,
        q850: result.record.q850,
      },
    ).toEqual({
      status: 'ABSENT',
      subStatus: 'BUSY',
      sipCode: 503,
      q850: 17,
    });
  });

  it('accepts a cause alone, and keeps the explicit form working', () => {
    const byCause = runScenario({
      call,
      events: [
        { at: 0, sip: 183 },
        { at: 9000, q850: 19 },
      ],
    });
    // A final with only a cause replaces both codes: the ring's 183 is not paired with cause 19.
    expect(byCause.ok && [byCause.record.subStatus, byCause.record.sipCode, byCause.record.q850]).toEqual([
      'NO_ANSWER',
      null,
      19,
    ]);
    const explicit = parseScenario({ call, events: [{ at: 0, type: 'carrier.busy', sipCode: 486, q850: 17 }] });
    expect(explicit.ok && explicit.value.events).toEqual([{ at: 0, type: 'carrier.busy', sipCode: 486, q850: 17 }]);
  });

  it('keeps the never-rang rule: a 480 while dialing is ERROR/OTHER', () => {
    const result = runScenario({ call, events: [{ at: 2000, sip: 480 }] });
    expect(result.ok && `${result.record.status}/${result.record.subStatus}`).toBe('ERROR/OTHER');
  });

  it.each([
    [
      { at: 0, sip: 100 },
      'events[0].sip: 100 is provisional and changes nothing (only 180 and 183 mean ringing): leave it out',
    ],
    [{ at: 0, sip: 'busy' }, 'events[0].sip: expected a SIP status code from 100 to 699, got "busy"'],
    [{ at: 0, q850: 200 }, 'events[0].q850: expected a Q.850 cause from 1 to 127, got 200'],
    [
      { at: 0, type: 'carrier.busy', sip: 486 },
      'events[0].sip: write either "sip"/"q850" alone, or "type" with "sipCode"/"q850", not "type" and "sip" together',
    ],
    [
      { at: -1, sip: 486 },
      'events[0].at: carrier.busy: expected ms since the call started, from 0 to 86400000, got -1',
    ],
    [
      { at: 0, sip: 486, extra: 1 },
      'events[0].extra: carrier.busy takes "at", "type", "sipCode" or "q850", not "extra"',
    ],
  ])("refuses %j in the parser's own error style", (event, message) => {
    const result = parseScenario({ call, events: [event] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(`${result.error.path}: ${result.error.message}`).toBe(message);
  });
});
