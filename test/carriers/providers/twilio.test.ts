import { describe, expect, it } from 'vitest';
import { twilio } from '../../../src/carriers/providers/twilio.js';
import { checkRows, mapped, same, typesOf, type Expected } from './support.js';

// From Twilio's call-status and AMD pages (sources in docs/carriers.md) and the policies.
const EXPECTED: Expected = {
  'CallStatus=queued': same(),
  'CallStatus=initiated': same(),
  'CallStatus=ringing': same('carrier.ringing'),
  'CallStatus=in-progress': same('carrier.answered'),
  'CallStatus=completed': { before: ['carrier.answered', 'recipient.hangup'], after: ['recipient.hangup'] },
  'CallStatus=busy': same('carrier.busy'),
  'CallStatus=no-answer': same('carrier.noAnswer'),
  'CallStatus=failed': same('carrier.failed'),
  'CallStatus=canceled': same('platform.abort'),
  'AnsweredBy=human': same('amd.human'),
  'AnsweredBy=machine_start': same('amd.machine'),
  'AnsweredBy=machine_end_beep': same('amd.machine', 'voicemail.beep'),
  'AnsweredBy=machine_end_silence': same('amd.machine', 'voicemail.beep'),
  'AnsweredBy=machine_end_other': same('amd.machine', 'voicemail.beep'),
  'AnsweredBy=fax': same('amd.machine'),
  // answering-machine-detection docs: the legacy IfMachine parameter sent AnsweredBy=machine.
  'AnsweredBy=machine': same('amd.machine'),
  'AnsweredBy=unknown': same('amd.unknown'),
};

describe('twilio', () => {
  checkRows(twilio, EXPECTED, (field, value) => ({ CallSid: 'CA1', [field]: value }));

  it('reads the call id, number, sequence number and RFC 2822 timestamp', () => {
    const mapping = mapped(twilio, {
      CallSid: 'CA1',
      CallStatus: 'ringing',
      To: '+33612345678',
      SequenceNumber: '3',
      Timestamp: 'Fri, 27 Nov 2026 09:00:05 +0000',
    });
    expect([mapping.callId, mapping.to, mapping.sequence, mapping.timeMs]).toEqual([
      'CA1',
      '+33612345678',
      3,
      Date.UTC(2026, 10, 27, 9, 0, 5),
    ]);
  });

  it('reads Telnyx TeXML status callbacks, which use the same names', () => {
    // The example callback of Telnyx's TeXML <Hangup> page.
    const texml = {
      CallSid: 'v2:7V3r4VFCGLTzKLOveE0-7vM9dX17-NRQgU1byo-uuOIX9JcDadLLKw',
      CallStatus: 'completed',
      HangupSource: 'callee',
      SequenceNumber: '0',
      Timestamp: '2021-04-28 21:51:18.731479Z',
      To: '+13122010055',
      CallDuration: '2',
    };
    const mapping = mapped(twilio, texml);
    expect([mapping.timeMs, mapping.to, mapping.beforePickup]).toEqual([
      Date.UTC(2021, 3, 28, 21, 51, 18, 731),
      '+13122010055',
      [{ type: 'carrier.answered', offsetMs: -2000 }, { type: 'recipient.hangup' }],
    ]);
  });

  it('reads a Call resource exported from the REST API like its final callback', () => {
    const resource = {
      sid: 'CA42',
      status: 'completed',
      answered_by: 'machine_end_beep',
      to: '+33612345678',
      end_time: 'Fri, 27 Nov 2026 09:01:00 +0000',
      duration: '40',
    };
    const mapping = mapped(twilio, resource);
    expect([mapping.callId, mapping.to, mapping.timeMs]).toEqual([
      'CA42',
      '+33612345678',
      Date.UTC(2026, 10, 27, 9, 1, 0),
    ]);
    expect(typesOf(mapping).before).toEqual(['carrier.answered', 'amd.machine', 'voicemail.beep', 'recipient.hangup']);
  });

  it('refines a failure with its SIP code, and keeps codes on other finals', () => {
    expect(mapped(twilio, { CallSid: 'CA1', CallStatus: 'failed', SipResponseCode: '404' }).beforePickup).toEqual([
      { type: 'carrier.unallocated', sipCode: 404, q850: 1 },
    ]);
    expect(mapped(twilio, { CallSid: 'CA1', CallStatus: 'busy', SipResponseCode: 486 }).beforePickup).toEqual([
      { type: 'carrier.busy', sipCode: 486, q850: 17 },
    ]);
    expect(mapped(twilio, { CallSid: 'CA1', CallStatus: 'no-answer', SipResponseCode: '487' }).beforePickup).toEqual([
      { type: 'carrier.noAnswer', sipCode: 487 },
    ]);
  });

  it('places the answer a completed call implies CallDuration seconds earlier, and detection before the hangup', () => {
    const mapping = mapped(twilio, {
      CallSid: 'CA1',
      CallStatus: 'completed',
      CallDuration: '32',
      AnsweredBy: 'human',
    });
    expect(mapping.beforePickup).toEqual([
      { type: 'carrier.answered', offsetMs: -32_000 },
      { type: 'amd.human' },
      { type: 'recipient.hangup' },
    ]);
    expect(mapping.afterPickup).toEqual([{ type: 'amd.human' }, { type: 'recipient.hangup' }]);
  });

  it('notes each policy for the side of pickup it is about', () => {
    const completed = mapped(twilio, { CallSid: 'CA1', CallStatus: 'completed' });
    expect([completed.policiesBeforePickup, completed.policiesAfterPickup]).toEqual([['completed-implies-answer'], []]);
    const canceled = mapped(twilio, { CallSid: 'CA1', CallStatus: 'canceled', AnsweredBy: 'fax' });
    expect([canceled.policiesBeforePickup, canceled.policiesAfterPickup]).toEqual([
      ['caller-cancel', 'fax'],
      ['caller-cancel', 'fax'],
    ]);
  });

  it('reports undocumented values as unmapped, with no event', () => {
    const mapping = mapped(twilio, { CallSid: 'CA1', CallStatus: 'exploded', AnsweredBy: 'robot' });
    expect(typesOf(mapping)).toEqual({ before: [], after: [] });
    expect(mapping.unmapped).toEqual([
      { kind: 'unmapped', provider: 'twilio', field: 'CallStatus', value: 'exploded' },
      { kind: 'unmapped', provider: 'twilio', field: 'AnsweredBy', value: 'robot' },
    ]);
  });

  it('refuses a payload without a CallSid', () => {
    expect(twilio.normalize({ CallStatus: 'busy' })).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "not a twilio callback: expected a CallSid, got nothing",
          "path": "CallSid",
        },
        "ok": false,
      }
    `);
  });
});
