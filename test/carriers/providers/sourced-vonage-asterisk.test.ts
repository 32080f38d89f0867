import { describe, expect, it } from 'vitest';
import { replayProviderLog } from '../../../src/carriers/replay.js';
import { outcomeKey } from '../../../src/taxonomy/list.js';
import { MESSAGES } from '../support.js';

// Logs in the shapes the providers document, each with the outcome its source implies for a call
// that plays one 30 s message (MESSAGES). The expected outcomes were written from the sources named
// here before the normalizers were changed to meet them (issue 10).

function outcomesOf(provider: 'vonage' | 'asterisk', log: readonly unknown[]) {
  const result = replayProviderLog(provider, log, { messages: MESSAGES });
  expect(result.rejected).toEqual([]);
  return Object.fromEntries(
    result.calls.map((call) => [call.callId, call.kind === 'record' ? outcomeKey(call.record) : call.kind]),
  );
}

describe('Vonage event webhooks, as the webhook reference and the Java SDK shape them', () => {
  // developer.vonage.com/en/voice/voice-api/webhook-reference (Nexmo/nexmo-developer,
  // _documentation/en/voice/voice-api/webhook-reference.md): every event carries `uuid`, except the
  // human/machine event, which names the leg `call_uuid` ("not `uuid` as in some other endpoints").
  // Vonage/vonage-java-sdk EventWebhook.java reads either (@JsonAlias({"uuid","call_uuid"})) and
  // `sub_state`, whose values (MachineDetectionStatus.java) are beep_start and beep_timeout: advanced
  // machine detection reports the beep as `status: machine` with `sub_state: beep_start`.
  const at = (second: number) => `2026-11-27T10:00:${String(second).padStart(2, '0')}.000Z`;
  const event = (leg: string, second: number, fields: Record<string, unknown>) => ({
    from: '447700900000',
    to: '447700900001',
    conversation_uuid: `CON-${leg}`,
    direction: 'outbound',
    timestamp: at(second),
    ...fields,
  });
  const call = (leg: string, detection: readonly Record<string, unknown>[]) => [
    event(leg, 0, { uuid: leg, status: 'started' }),
    event(leg, 2, { uuid: leg, status: 'ringing' }),
    event(leg, 10, { uuid: leg, status: 'answered' }),
    ...detection.map((fields) => event(leg, Number(fields.second), { call_uuid: leg, ...fields, second: undefined })),
    event(leg, 50, { uuid: leg, status: 'completed', duration: '40', start_time: at(10), end_time: at(50) }),
  ];

  it('reads the human/machine event by its call_uuid, and the beep from sub_state beep_start', () => {
    const log = [
      // Machine at 12 s, beep at 14 s: the 30 s message is left from 14 s and is over at 44 s, before
      // Vonage's completed at 50 s. Without the beep it would wait for one until 42 s and be cut.
      ...call('aaaaaaaa-0000-4000-8000-0000000000b1', [
        { status: 'machine', second: 12 },
        { status: 'machine', sub_state: 'beep_start', second: 14 },
      ]),
      // A person at 11 s: the message plays to 41 s, the line is released at 42 s.
      ...call('aaaaaaaa-0000-4000-8000-0000000000b2', [{ status: 'human', second: 11 }]),
    ];
    expect(outcomesOf('vonage', log)).toEqual({
      'aaaaaaaa-0000-4000-8000-0000000000b1': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
      'aaaaaaaa-0000-4000-8000-0000000000b2': 'ANSWERED/COMPLETE',
    });
  });

  it('leaves the message when Vonage stops waiting for a beep (sub_state beep_timeout)', () => {
    // beep_timeout: "Beep wasn't received after waiting for the designated period"; the call flow
    // goes on, so the message starts then (16 s) and is over at 46 s, before completed at 50 s.
    const log = call('aaaaaaaa-0000-4000-8000-0000000000b3', [
      { status: 'machine', second: 12 },
      { status: 'machine', sub_state: 'beep_timeout', second: 16 },
    ]);
    expect(outcomesOf('vonage', log)).toEqual({
      'aaaaaaaa-0000-4000-8000-0000000000b3': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
    });
  });

  it('knows the record, input and transfer events, which say nothing about the outcome', () => {
    // The reference's event list: started, ringing, answered, busy, cancelled, unanswered,
    // rejected, failed, human/machine, timeout, completed, record, input, transfer.
    const leg = 'aaaaaaaa-0000-4000-8000-0000000000b4';
    const log = [
      ...call(leg, [{ status: 'human', second: 11 }]),
      event(leg, 30, { uuid: leg, dtmf: '1', timed_out: false }),
      event(leg, 31, { uuid: leg, status: 'input', dtmf: '1' }),
      event(leg, 32, { uuid: leg, status: 'transfer', conversation_uuid_from: 'CON-a', conversation_uuid_to: 'CON-b' }),
    ];
    const result = replayProviderLog('vonage', log, { messages: MESSAGES });
    expect(result.calls[0]?.kind === 'record' && result.calls[0].record.unmapped).toEqual([]);
  });

  it('reports the record and error webhooks, which name no leg, as unmapped and leaves the call as it was', () => {
    // The reference: "Errors are also delivered to the event webhook endpoint". Their bodies carry
    // no uuid, only the conversation (Vonage/vonage-dotnet-sdk Voice/EventWebhooks: Record.cs has
    // start_time, recording_url, size, recording_uuid, end_time, conversation_uuid; Error.cs has
    // reason and conversation_uuid; EventBase.cs adds timestamp and tells them apart by
    // recording_url, then reason). Nothing in them says what happened to a call, so the call's
    // record is the record of its status events alone.
    const leg = 'aaaaaaaa-0000-4000-8000-0000000000b5';
    const statuses = call(leg, [{ status: 'human', second: 11 }]);
    const recorded = {
      start_time: at(11),
      recording_url: 'https://api.nexmo.com/v1/files/bbbbbbbb-0000-4000-8000-000000000001',
      size: 30_388,
      recording_uuid: 'bbbbbbbb-0000-4000-8000-000000000001',
      end_time: at(41),
      conversation_uuid: `CON-${leg}`,
      timestamp: at(42),
    };
    const failed = {
      reason: 'Syntax error in NCCO. Invalid value type or action.',
      conversation_uuid: `CON-${leg}`,
      timestamp: at(43),
    };
    const alone = replayProviderLog('vonage', statuses, { messages: MESSAGES });
    const result = replayProviderLog('vonage', [...statuses, recorded, failed], { messages: MESSAGES });
    expect(result.calls).toEqual(alone.calls);
    expect(result.rejected.map(({ error }) => error.unmapped)).toEqual([
      { kind: 'unmapped', provider: 'vonage', field: 'recording_url', value: recorded.recording_url },
      { kind: 'unmapped', provider: 'vonage', field: 'reason', value: failed.reason },
    ]);
    // A body with neither a leg nor anything Vonage documents is still not a callback.
    expect(
      replayProviderLog('vonage', [{ conversation_uuid: 'CON-x' }], { messages: MESSAGES }).rejected[0]?.error,
    ).toEqual({
      path: 'uuid',
      message: 'not a vonage callback: expected a uuid (or call_uuid), got nothing',
    });
  });
});

describe('Asterisk AMI events, as the Asterisk source raises them', () => {
  // main/dial.c ast_hangup_cause_to_dial_status: DialEnd says BUSY for cause 17, CONGESTION for 34,
  // CHANUNAVAIL for 3 and 20, and NOANSWER for every other cause. res/res_pjsip.c
  // ast_sip_hangup_sip2cause: 404 → 1 (unallocated), 603 → 21 (call rejected). So after a DialEnd
  // NOANSWER the Hangup event's Cause decides. On a ring timeout apps/app_dial.c publishes
  // DialEnd NOANSWER ("Nobody picked up") and hangs the outgoing channel up without setting a cause
  // (hanguptree(..., -1)), so its Hangup says Cause 0.
  const ami = (id: string, second: number, fields: Record<string, string>) => ({
    Privilege: 'call,all',
    Timestamp: (1_795_770_100 + second).toFixed(6),
    Linkedid: id,
    Uniqueid: `${id}.2`,
    Channel: `PJSIP/trunk-${id}`,
    Exten: '33612345678',
    ...fields,
  });

  it('lets the Hangup cause decide after a DialEnd NOANSWER', () => {
    const log = [
      // 404 Not Found: cause 1, reported as NOANSWER.
      ami('1795770100.301', 0, { Event: 'DialBegin', DestChannel: 'PJSIP/trunk-1' }),
      ami('1795770100.301', 1, { Event: 'DialEnd', DialStatus: 'NOANSWER' }),
      ami('1795770100.301', 1, { Event: 'Hangup', Cause: '1', 'Cause-txt': 'Unallocated (unassigned) number' }),
      // 603 Decline after ringing: cause 21, reported as NOANSWER.
      ami('1795770100.302', 0, { Event: 'DialBegin', DestChannel: 'PJSIP/trunk-2' }),
      ami('1795770100.302', 2, { Event: 'DialState', DialStatus: 'RINGING' }),
      ami('1795770100.302', 6, { Event: 'DialEnd', DialStatus: 'NOANSWER' }),
      ami('1795770100.302', 6, { Event: 'Hangup', Cause: '21', 'Cause-txt': 'Call Rejected' }),
      // A real ring timeout: NOANSWER, then a Hangup with no cause set.
      ami('1795770100.303', 0, { Event: 'DialBegin', DestChannel: 'PJSIP/trunk-3' }),
      ami('1795770100.303', 2, { Event: 'DialState', DialStatus: 'RINGING' }),
      ami('1795770100.303', 32, { Event: 'DialEnd', DialStatus: 'NOANSWER' }),
      ami('1795770100.303', 32, { Event: 'Hangup', Cause: '0', 'Cause-txt': 'Unknown' }),
    ];
    expect(outcomesOf('asterisk', log)).toEqual({
      '1795770100.301': 'ERROR/UNALLOCATED_NUMBER',
      '1795770100.302': 'ERROR/REJECTED',
      '1795770100.303': 'ABSENT/NO_ANSWER',
    });
  });

  it('counts a 183 (DialState PROGRESS, never Ringing under chan_pjsip) as a ring', () => {
    // channels/chan_pjsip.c: a 183, and a 180 with SDP, queue AST_CONTROL_PROGRESS only; app_dial
    // publishes it as DialState PROGRESS and no Newstate Ringing follows. Timed out after 30 s of
    // early media, the call was not answered: ABSENT/NO_ANSWER, as a 183 is for the SIP table.
    const log = [
      ami('1795770100.304', 0, { Event: 'DialBegin', DestChannel: 'PJSIP/trunk-4' }),
      ami('1795770100.304', 1, { Event: 'DialState', DialStatus: 'PROGRESS' }),
      ami('1795770100.304', 31, { Event: 'DialEnd', DialStatus: 'NOANSWER' }),
      ami('1795770100.304', 31, { Event: 'Hangup', Cause: '0', 'Cause-txt': 'Unknown' }),
    ];
    expect(outcomesOf('asterisk', log)).toEqual({ '1795770100.304': 'ABSENT/NO_ANSWER' });
  });

  it('takes PLAYBACKSTATUS as the end of the message, and the hang-up request as its interruption', () => {
    // apps/app_playback.c sets PLAYBACKSTATUS (SUCCESS or FAILED) when Playback() returns, which
    // AMI reports as VarSet; a far-end BYE is raised as HangupRequest (a local one as
    // SoftHangupRequest) before the Hangup event. The message here is 20 s long whatever
    // --message-ms says: the provider says when it ended.
    const answered = (id: string) => [
      ami(id, 0, { Event: 'DialBegin', DestChannel: `PJSIP/${id}` }),
      ami(id, 2, { Event: 'DialState', DialStatus: 'RINGING' }),
      ami(id, 5, { Event: 'DialEnd', DialStatus: 'ANSWER' }),
    ];
    const log = [
      ...answered('1795770100.305'),
      ami('1795770100.305', 25, { Event: 'VarSet', Variable: 'PLAYBACKSTATUS', Value: 'SUCCESS' }),
      ami('1795770100.305', 26, { Event: 'SoftHangupRequest', Cause: '16' }),
      ami('1795770100.305', 26, { Event: 'Hangup', Cause: '16', 'Cause-txt': 'Normal Clearing' }),
      ...answered('1795770100.306'),
      ami('1795770100.306', 12.0001, { Event: 'HangupRequest', Cause: '16' }),
      ami('1795770100.306', 12.0003, { Event: 'VarSet', Variable: 'PLAYBACKSTATUS', Value: 'SUCCESS' }),
      ami('1795770100.306', 12.0004, { Event: 'Hangup', Cause: '16', 'Cause-txt': 'Normal Clearing' }),
    ];
    const result = replayProviderLog('asterisk', log, { messages: [{ id: 'message', durationMs: 60_000 }] });
    expect(
      Object.fromEntries(
        result.calls.map((call) => [call.callId, call.kind === 'record' ? outcomeKey(call.record) : call.kind]),
      ),
    ).toEqual({
      // Played to its end at 25 s, then our side hung up: complete.
      '1795770100.305': 'ANSWERED/COMPLETE',
      // The callee hung up at 12 s, while the message played: incomplete.
      '1795770100.306': 'ANSWERED/INCOMPLETE/HANGUP',
    });
  });
});
