import { describe, expect, it } from 'vitest';
import { plivo } from '../../../src/carriers/providers/plivo.js';
import { checkRows, mapped, same, type Expected } from './support.js';

// From Plivo's hangup-cause and dial-status pages, and the policies. A cause code refines a
// generic failure before pickup and the hangup after it; an empty list leaves the status's events.
const EXPECTED: Expected = {
  'CallStatus=ringing': same('carrier.ringing'),
  'CallStatus=in-progress': same('carrier.answered'),
  'CallStatus=completed': { before: ['carrier.answered', 'recipient.hangup'], after: ['recipient.hangup'] },
  'CallStatus=busy': same('carrier.busy'),
  'CallStatus=no-answer': same('carrier.noAnswer'),
  'CallStatus=timeout': same('carrier.failed'),
  // support.plivo.com call statuses: "canceled by the callee without answering".
  'CallStatus=cancel': same('carrier.rejected'),
  'CallStatus=failed': same('carrier.failed'),
  'DialStatus=completed': { before: ['carrier.answered', 'recipient.hangup'], after: ['recipient.hangup'] },
  'DialStatus=busy': same('carrier.busy'),
  'DialStatus=failed': same('carrier.failed'),
  'DialStatus=timeout': same('carrier.noAnswer'),
  'DialStatus=no-answer': same('carrier.noAnswer'),
  'DialRingStatus=true': { before: ['carrier.ringing'], after: [] },
  'DialRingStatus=false': same(),
  'HangupCauseCode=0': same(),
  'HangupCauseCode=1000': same('platform.abort'),
  'HangupCauseCode=1010': same('platform.abort'),
  'HangupCauseCode=1020': same('platform.abort'),
  'HangupCauseCode=2000': { before: ['carrier.unallocated'], after: [] },
  'HangupCauseCode=2010': { before: ['carrier.unallocated'], after: [] },
  'HangupCauseCode=2020': { before: ['carrier.failed'], after: [] },
  'HangupCauseCode=2030': { before: ['carrier.failed'], after: [] },
  'HangupCauseCode=2040': { before: ['carrier.failed'], after: [] },
  'HangupCauseCode=2060': { before: ['carrier.failed'], after: [] },
  'HangupCauseCode=4000': { before: [], after: ['recipient.hangup'] },
  'HangupCauseCode=4010': { before: [], after: ['platform.abort'] },
  'HangupCauseCode=4020': { before: [], after: ['platform.abort'] },
  'HangupCauseCode=4030': { before: [], after: ['platform.abort'] },
  'Machine=true': same('amd.machine'),
  'Machine=false': same('amd.human'),
  // plivo.com/docs/voice/troubleshooting/hangup-causes, "Hangup Sources".
  'HangupSource=Caller': same('platform.abort'),
  'HangupSource=Call recipient': { before: [], after: ['recipient.hangup'] },
  'HangupSource=Plivo': same('platform.abort'),
  'HangupSource=Carrier': { before: [], after: ['recipient.hangup'] },
  'HangupSource=API Request': same('platform.abort'),
  'HangupSource=Answer XML': same('platform.abort'),
  'HangupSource=Error': { before: [], after: ['platform.abort'] },
  'HangupSource=Unknown': { before: [], after: ['recipient.hangup'] },
  'HangupCause=FreeSWITCH names': same(),
};

// A failed call before pickup, and an answered call's hangup after it, each with the cause code.
const CAUSE_BEHAVIOUR: Expected = Object.fromEntries(
  Object.entries(EXPECTED)
    .filter(([key]) => key.startsWith('HangupCauseCode='))
    .map(([key, { before, after }]) => [
      key,
      {
        before: before.length === 0 ? ['carrier.failed'] : before,
        after: after.length === 0 ? ['recipient.hangup'] : after,
      },
    ]),
);

describe('plivo', () => {
  checkRows(
    plivo,
    EXPECTED,
    (field, value) =>
      field === 'HangupCauseCode'
        ? { CallUUID: 'c1', CallStatus: value.startsWith('40') ? 'completed' : 'failed', [field]: value }
        : { CallUUID: 'c1', [field]: value },
    Object.fromEntries([
      // A source decides a cancel before pickup and who hung up after it.
      ...Object.entries(EXPECTED)
        .filter(([key]) => key.startsWith('HangupSource='))
        .map(([key]) => [key, { before: [], after: [] }] as const),
      ['HangupCause=FreeSWITCH names', same()] as const,
      ...Object.entries(CAUSE_BEHAVIOUR).map(([key, expected]) => {
        const code = key.split('=')[1] ?? '';
        // 40xx codes come on completed calls (before pickup: the implied answer, then the hangup).
        return [
          key,
          code.startsWith('40')
            ? { before: ['carrier.answered', 'recipient.hangup'], after: expected.after }
            : { before: expected.before, after: ['carrier.failed'] },
        ] as const;
      }),
    ]),
  );

  it('reads HangupSource on a cancel before pickup and on a completed call after it', () => {
    const cancel = (source: string) =>
      mapped(plivo, { CallUUID: 'c1', CallStatus: 'cancel', HangupSource: source }).beforePickup.map((e) => e.type);
    expect(cancel('API Request')).toEqual(['platform.abort']);
    expect(cancel('Call recipient')).toEqual(['carrier.rejected']);
    const completed = (source: string) =>
      mapped(plivo, { CallUUID: 'c1', CallStatus: 'completed', HangupSource: source }).afterPickup.map((e) => e.type);
    expect(completed('Answer XML')).toEqual(['platform.abort']);
    expect(completed('Call recipient')).toEqual(['recipient.hangup']);
  });

  it('lets DialStatus speak for the dialled party over CallStatus', () => {
    expect(
      mapped(plivo, { CallUUID: 'c1', CallStatus: 'in-progress', DialStatus: 'busy', DialRingStatus: 'true' })
        .beforePickup,
    ).toEqual([{ type: 'carrier.ringing' }, { type: 'carrier.busy' }]);
  });

  it('places the implied answer at AnswerTime and reads times as UTC', () => {
    const mapping = mapped(plivo, {
      CallUUID: 'c1',
      CallStatus: 'completed',
      AnswerTime: '2026-11-27 09:00:10',
      EndTime: '2026-11-27 09:00:45',
      To: '14155550101',
    });
    expect(mapping.timeMs).toBe(Date.UTC(2026, 10, 27, 9, 0, 45));
    expect(mapping.to).toBe('+14155550101');
    expect(mapping.beforePickup[0]).toEqual({ type: 'carrier.answered', offsetMs: -35_000 });
  });

  it('reads the machine-detection callback, whose Machine may be a JSON boolean', () => {
    expect(
      mapped(plivo, { CallUUID: 'c1', CallStatus: 'in-progress', Event: 'MachineDetection', Machine: true })
        .beforePickup,
    ).toEqual([{ type: 'carrier.answered' }, { type: 'amd.machine' }]);
  });

  it('reports an undocumented cause code and keeps the status', () => {
    const mapping = mapped(plivo, { CallUUID: 'c1', CallStatus: 'busy', HangupCauseCode: 3999 });
    expect(mapping.beforePickup).toEqual([{ type: 'carrier.busy' }]);
    expect(mapping.unmapped).toEqual([{ kind: 'unmapped', provider: 'plivo', field: 'HangupCauseCode', value: 3999 }]);
  });
});
