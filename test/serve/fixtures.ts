import type { ProviderName } from '../../src/carriers/providers/types.js';

/**
 * Callbacks of busy calls as each provider sends them, in the shapes their pages document (field
 * names and values from the sources in docs/carriers.md). Written here by hand; the expected
 * outcome of every one of them is ABSENT/BUSY, because each provider documents that status (or
 * Q.850 cause 17) as a busy line.
 */
export const BUSY_CALLS: Readonly<Record<ProviderName, readonly Record<string, unknown>[]>> = {
  // https://www.twilio.com/docs/voice/api/call-resource#statuscallback (form fields)
  twilio: [
    {
      CallSid: 'CAbusy1',
      CallStatus: 'initiated',
      To: '+33612345678',
      SequenceNumber: '0',
      Timestamp: 'Mon, 05 Jan 2026 10:00:00 +0000',
    },
    {
      CallSid: 'CAbusy1',
      CallStatus: 'ringing',
      To: '+33612345678',
      SequenceNumber: '1',
      Timestamp: 'Mon, 05 Jan 2026 10:00:02 +0000',
    },
    {
      CallSid: 'CAbusy1',
      CallStatus: 'busy',
      To: '+33612345678',
      SequenceNumber: '2',
      SipResponseCode: '486',
      Timestamp: 'Mon, 05 Jan 2026 10:00:07 +0000',
    },
  ],
  // https://www.plivo.com/docs/voice/use-cases/dial-status-reporting (form fields)
  plivo: [
    { CallUUID: 'p-busy-1', CallStatus: 'ringing', To: '33612345678', StartTime: '2026-01-05 10:00:01' },
    {
      CallUUID: 'p-busy-1',
      CallStatus: 'busy',
      To: '33612345678',
      StartTime: '2026-01-05 10:00:01',
      EndTime: '2026-01-05 10:00:06',
    },
  ],
  // https://developers.telnyx.com/api/call-control (webhook envelope; call.hangup payload)
  telnyx: [
    {
      data: {
        id: 'e-1',
        event_type: 'call.initiated',
        occurred_at: '2026-01-05T10:00:00Z',
        payload: { call_leg_id: 'leg-busy-1', to: '+33612345678' },
      },
    },
    {
      data: {
        id: 'e-2',
        event_type: 'call.hangup',
        occurred_at: '2026-01-05T10:00:06Z',
        payload: { call_leg_id: 'leg-busy-1', to: '+33612345678', hangup_cause: 'user_busy', sip_hangup_cause: '486' },
      },
    },
  ],
  // https://developer.vonage.com/en/voice/voice-api/webhook-reference#event-webhook
  vonage: [
    { uuid: 'v-busy-1', status: 'started', to: '33612345678', timestamp: '2026-01-05T10:00:00.000Z' },
    { uuid: 'v-busy-1', status: 'ringing', to: '33612345678', timestamp: '2026-01-05T10:00:01.000Z' },
    { uuid: 'v-busy-1', status: 'busy', to: '33612345678', timestamp: '2026-01-05T10:00:05.000Z' },
  ],
  // Asterisk AMI events (https://docs.asterisk.org/Asterisk_22_Documentation/API_Documentation/AMI_Events/Hangup/), as a bridge forwards them
  asterisk: [
    {
      Event: 'Newchannel',
      Uniqueid: 'a-busy-1',
      Linkedid: 'a-busy-1',
      Exten: '+33612345678',
      Timestamp: '1767607200.000000',
    },
    { Event: 'Hangup', Uniqueid: 'a-busy-1', Linkedid: 'a-busy-1', Cause: '17', Timestamp: '1767607205.000000' },
  ],
  // FreeSWITCH ESL events (https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Introduction/Event-System/), as a bridge forwards them
  freeswitch: [
    {
      'Event-Name': 'CHANNEL_CREATE',
      'Unique-ID': 'f-busy-1',
      'Caller-Destination-Number': '+33612345678',
      'Event-Date-Timestamp': '1767607200000000',
    },
    {
      'Event-Name': 'CHANNEL_HANGUP',
      'Unique-ID': 'f-busy-1',
      'Hangup-Cause': 'USER_BUSY',
      variable_sip_term_status: '486',
      'Event-Date-Timestamp': '1767607205000000',
    },
  ],
};

/** A Twilio call answered by a person who hangs up 45 s later (AMD callback between). */
export const TWILIO_ANSWERED: readonly Record<string, unknown>[] = [
  {
    CallSid: 'CAhuman1',
    CallStatus: 'ringing',
    To: '+33612345679',
    SequenceNumber: '1',
    Timestamp: 'Mon, 05 Jan 2026 10:00:02 +0000',
  },
  {
    CallSid: 'CAhuman1',
    CallStatus: 'in-progress',
    To: '+33612345679',
    SequenceNumber: '2',
    Timestamp: 'Mon, 05 Jan 2026 10:00:09 +0000',
  },
  { CallSid: 'CAhuman1', AnsweredBy: 'human' },
  {
    CallSid: 'CAhuman1',
    CallStatus: 'completed',
    CallDuration: '45',
    To: '+33612345679',
    SequenceNumber: '3',
    Timestamp: 'Mon, 05 Jan 2026 10:00:54 +0000',
  },
];
