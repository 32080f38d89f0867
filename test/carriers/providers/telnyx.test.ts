import { describe, expect, it } from 'vitest';
import { telnyx } from '../../../src/carriers/providers/telnyx.js';
import { checkRows, mapped, same, type Expected } from './support.js';

// From Telnyx's call.hangup payload and AMD pages, and the policies.
const EXPECTED: Expected = {
  'event_type=call.initiated': same(),
  'event_type=call.answered': same('carrier.answered'),
  'event_type=call.hangup': same(),
  'event_type=call.machine.detection.ended': same(),
  'event_type=call.machine.premium.detection.ended': same(),
  'event_type=call.machine.greeting.ended': same('voicemail.beep'),
  'event_type=call.machine.premium.greeting.ended': same('voicemail.beep'),
  'event_type=call.bridged': same(),
  'event_type=call.playback.started': same(),
  'event_type=call.playback.ended': same(),
  'event_type=call.speak.started': same(),
  'event_type=call.speak.ended': same(),
  'event_type=call.recording.saved': same(),
  'event_type=call.dtmf.received': same(),
  'event_type=call.gather.ended': same(),
  'hangup_cause=call_rejected': { before: ['carrier.rejected'], after: ['recipient.hangup'] },
  'hangup_cause=normal_clearing': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'hangup_cause=originator_cancel': same('platform.abort'),
  'hangup_cause=timeout': { before: ['carrier.ringing', 'carrier.noAnswer'], after: ['recipient.hangup'] },
  'hangup_cause=time_limit': same('platform.abort'),
  'hangup_cause=user_busy': { before: ['carrier.busy'], after: ['recipient.hangup'] },
  'hangup_cause=not_found': { before: ['carrier.unallocated'], after: ['recipient.hangup'] },
  'hangup_cause=no_answer': { before: ['carrier.ringing', 'carrier.noAnswer'], after: ['recipient.hangup'] },
  'hangup_cause=unspecified': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'hangup_source=caller': { before: [], after: ['platform.abort'] },
  'hangup_source=callee': { before: [], after: ['recipient.hangup'] },
  'hangup_source=unknown': { before: [], after: ['recipient.hangup'] },
  'result=human': same('amd.human'),
  'result=human_residence': same('amd.human'),
  'result=human_business': same('amd.human'),
  'result=machine': same('amd.machine'),
  'result=fax_detected': same('amd.machine'),
  'result=silence': same('amd.unknown'),
  'result=not_sure': same('amd.unknown'),
  // telnyx-php src/Webhooks: CallMachine(Premium)GreetingEnded/Payload/Result.php, CallPlaybackEnded/Payload/Status.php.
  'result (greeting)=beep_detected': same('voicemail.beep'),
  'result (greeting)=ended': same('voicemail.beep'),
  'result (greeting)=not_sure': same('voicemail.beep'),
  'result (greeting)=no_beep_detected': same('voicemail.beep'),
  'status (playback, speak)=completed': { before: [], after: ['playback.ended'] },
  'status (playback, speak)=call_hangup': same(),
  'status (playback, speak)=cancelled': same(),
  'status (playback, speak)=cancelled_amd': same(),
  'status (playback, speak)=file_not_found': same(),
  'status (playback, speak)=failed': same(),
  'status (playback, speak)=unknown': same(),
};

const webhook = (eventType: string, payload: Record<string, unknown> = {}) => ({
  data: {
    event_type: eventType,
    occurred_at: '2026-11-27T09:00:03.000Z',
    payload: { call_leg_id: 'leg-1', to: '+13125550101', ...payload },
  },
});

describe('telnyx', () => {
  checkRows(
    telnyx,
    EXPECTED,
    (field, value) => {
      if (field === 'hangup_cause') return webhook('call.hangup', { hangup_cause: value });
      if (field === 'hangup_source')
        return webhook('call.hangup', { hangup_cause: 'normal_clearing', hangup_source: value });
      if (field === 'result') return webhook('call.machine.detection.ended', { result: value });
      if (field === 'result (greeting)') return webhook('call.machine.premium.greeting.ended', { result: value });
      if (field === 'status (playback, speak)') return webhook('call.playback.ended', { status: value });
      return webhook(value);
    },
    {
      'event_type=call.hangup': { before: ['carrier.failed'], after: ['recipient.hangup'] },
      'hangup_source=caller': { before: ['carrier.failed'], after: ['platform.abort'] },
      'hangup_source=callee': { before: ['carrier.failed'], after: ['recipient.hangup'] },
      'hangup_source=unknown': { before: ['carrier.failed'], after: ['recipient.hangup'] },
    },
  );

  it('keeps sip_hangup_cause on the event and lets it refine an unspecified cause', () => {
    expect(
      mapped(telnyx, webhook('call.hangup', { hangup_cause: 'user_busy', sip_hangup_cause: '486' })).beforePickup,
    ).toEqual([{ type: 'carrier.busy', sipCode: 486, q850: 17 }]);
    expect(
      mapped(telnyx, webhook('call.hangup', { hangup_cause: 'unspecified', sip_hangup_cause: '404' })).beforePickup,
    ).toEqual([{ type: 'carrier.unallocated', sipCode: 404, q850: 1 }]);
  });

  it('accepts the data object alone, and reads occurred_at and the number', () => {
    const mapping = mapped(telnyx, webhook('call.answered').data);
    expect([mapping.callId, mapping.to, mapping.timeMs]).toEqual([
      'leg-1',
      '+13125550101',
      Date.UTC(2026, 10, 27, 9, 0, 3),
    ]);
  });

  it('reports an undocumented event type, and refuses a webhook without a call id', () => {
    expect(mapped(telnyx, webhook('call.teleported')).unmapped).toEqual([
      { kind: 'unmapped', provider: 'telnyx', field: 'event_type', value: 'call.teleported' },
    ]);
    expect(telnyx.normalize({ data: { event_type: 'call.answered', payload: {} } })).toMatchObject({
      ok: false,
      error: { path: 'data.payload.call_leg_id' },
    });
  });
});
