import { describe, expect, it } from 'vitest';
import { readCallback } from '../../../src/carriers/callback.js';
import { replayProviderLog } from '../../../src/carriers/replay.js';
import { outcomeKey } from '../../../src/taxonomy/list.js';

// Logs in the shapes the providers' own code and SDKs give them. Each expected outcome was written
// from the source named beside it before the normalizers were changed to meet it (issue 10). The
// broadcast is one message; where the provider reports when playback ended, its length on our side
// (60 s here) must not matter.
const LONG_MESSAGE = [{ id: 'message', durationMs: 60_000 }];

function outcomes(provider: 'freeswitch' | 'telnyx', log: readonly unknown[]) {
  const result = replayProviderLog(provider, log, { messages: LONG_MESSAGE });
  expect(result.rejected).toEqual([]);
  return Object.fromEntries(
    result.calls.map((call) => [call.callId, call.kind === 'record' ? outcomeKey(call.record) : call.kind]),
  );
}

describe('FreeSWITCH events, as mod_amd, mod_avmd and the core raise them', () => {
  // rtckit/mod_amd mod_amd.c: the amd application is non-blocking; when it decides it sets
  // amd_result (HUMAN, MACHINE, NOTSURE) and amd_cause and fires a CUSTOM event, subclass
  // `amd::info`, carrying the channel's variables. signalwire/freeswitch
  // src/mod/applications/mod_avmd/mod_avmd.c: a beep is a CUSTOM `avmd::beep` with Beep-Status
  // DETECTED. src/switch_ivr_play_say.c: PLAYBACK_STOP carries Playback-Status `done` (or `break`
  // when interrupted). src/switch_channel.c switch_channel_perform_hangup fires CHANNEL_HANGUP as
  // soon as the hangup happens, so it precedes the PLAYBACK_STOP of a file it cut short.
  // mod_dptools.c: playback's Application-Response is FILE PLAYED also after an interruption.
  let sequence = 7000;
  const fs = (id: string, second: number, fields: Record<string, string>) => ({
    'Core-UUID': '6b7e2f0c-0000-4000-8000-00000000c0de',
    'Event-Date-Timestamp': String(Math.round((1_795_770_000 + second) * 1_000_000)),
    'Event-Sequence': String(sequence++),
    'Unique-ID': id,
    'Caller-Destination-Number': '+4930123456',
    'Call-Direction': 'outbound',
    ...fields,
  });
  const answered = (id: string) => [
    fs(id, 0, { 'Event-Name': 'CHANNEL_CREATE' }),
    fs(id, 2, { 'Event-Name': 'CHANNEL_PROGRESS' }),
    fs(id, 10, { 'Event-Name': 'CHANNEL_ANSWER' }),
    fs(id, 10.1, { 'Event-Name': 'CHANNEL_EXECUTE_COMPLETE', Application: 'amd', 'Application-Response': '_none_' }),
  ];
  const verdict = (id: string, second: number, result: string) =>
    fs(id, second, {
      'Event-Name': 'CUSTOM',
      'Event-Subclass': 'amd::info',
      variable_amd_result: result,
      variable_amd_cause: result === 'HUMAN' ? 'SILENCEAFTERGREETING' : 'LONGGREETING',
    });
  const echo = (id: string, second: number, result: string) =>
    fs(id, second, {
      'Event-Name': 'CHANNEL_EXECUTE_COMPLETE',
      Application: 'playback',
      'Application-Response': 'FILE PLAYED',
      variable_amd_result: result,
    });
  const playbackStop = (id: string, second: number, status: 'done' | 'break') =>
    fs(id, second, {
      'Event-Name': 'PLAYBACK_STOP',
      'Playback-File-Path': '/tmp/offer.wav',
      'Playback-Status': status,
    });
  const hangup = (id: string, second: number, disposition: 'send_bye' | 'recv_bye') =>
    fs(id, second, {
      'Event-Name': 'CHANNEL_HANGUP',
      'Hangup-Cause': 'NORMAL_CLEARING',
      variable_sip_hangup_disposition: disposition,
    });

  it('reads the verdict from amd::info, the beep from avmd::beep, and the end of the message from PLAYBACK_STOP', () => {
    const log = [
      // A person (amd::info at 12 s), a 20 s file played to its end, then we hang up.
      ...answered('fs-human'),
      verdict('fs-human', 12, 'HUMAN'),
      fs('fs-human', 12.1, { 'Event-Name': 'PLAYBACK_START', 'Playback-File-Path': '/tmp/offer.wav' }),
      playbackStop('fs-human', 32, 'done'),
      echo('fs-human', 32.1, 'HUMAN'),
      hangup('fs-human', 33, 'send_bye'),
      // A voicemail: verdict at 13 s, beep at 18 s, the file played to its end at 38 s. The verdict
      // is echoed on the playback's completion at 38 s: the beep came before that echo.
      ...answered('fs-voicemail'),
      verdict('fs-voicemail', 13, 'MACHINE'),
      fs('fs-voicemail', 18, { 'Event-Name': 'CUSTOM', 'Event-Subclass': 'avmd::beep', 'Beep-Status': 'DETECTED' }),
      playbackStop('fs-voicemail', 38, 'done'),
      echo('fs-voicemail', 38.1, 'MACHINE'),
      hangup('fs-voicemail', 39, 'send_bye'),
      // A voicemail that hangs up at 25 s: CHANNEL_HANGUP comes before the cut file's PLAYBACK_STOP.
      ...answered('fs-cut'),
      verdict('fs-cut', 13, 'MACHINE'),
      fs('fs-cut', 18, { 'Event-Name': 'CUSTOM', 'Event-Subclass': 'avmd::beep', 'Beep-Status': 'DETECTED' }),
      hangup('fs-cut', 25, 'recv_bye'),
      playbackStop('fs-cut', 25.001, 'done'),
    ];
    expect(outcomes('freeswitch', log)).toEqual({
      'fs-human': 'ANSWERED/COMPLETE',
      'fs-voicemail': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
      'fs-cut': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
    });
  });

  it('does not end the message on a PLAYBACK_STOP that says break', () => {
    const log = [
      ...answered('fs-break'),
      verdict('fs-break', 12, 'HUMAN'),
      playbackStop('fs-break', 20, 'break'),
      hangup('fs-break', 21, 'send_bye'),
    ];
    expect(outcomes('freeswitch', log)).toEqual({ 'fs-break': 'ANSWERED/INCOMPLETE' });
  });
});

describe('Telnyx Call Control webhooks, as the Telnyx PHP SDK types them', () => {
  // team-telnyx/telnyx-php src/Webhooks/: CallPlaybackEnded/Payload/Status.php (completed,
  // call_hangup, cancelled, cancelled_amd, file_not_found, failed, unknown), CallSpeakEnded
  // (completed, call_hangup, cancelled_amd), CallHangup/Payload.php (hangup_cause, hangup_source,
  // sip_hangup_cause, start_time), CallMachinePremiumGreetingEnded/Payload/Result.php
  // (beep_detected, no_beep_detected). Telnyx sends no ringing webhook
  // (developers.telnyx.com, call.hangup: `timeout` when timeout_secs passed without an answer).
  const webhook = (leg: string, second: number, type: string, payload: Record<string, unknown> = {}) => ({
    data: {
      record_type: 'event',
      event_type: type,
      id: `${leg}-${type}-${second}`,
      occurred_at: `2026-11-27T09:00:${String(second).padStart(2, '0')}.000000Z`,
      payload: {
        call_control_id: `v3:${leg}`,
        call_leg_id: leg,
        call_session_id: `session-${leg}`,
        connection_id: '1684641123236054244',
        from: '+13125550100',
        to: '+13125550101',
        direction: 'outgoing',
        ...payload,
      },
    },
    meta: { attempt: 1, delivered_to: 'https://example.com/webhooks' },
  });

  it('ends the message when call.playback.ended says completed, not when it says call_hangup', () => {
    const log = [
      webhook('tx-1', 0, 'call.initiated', { state: 'parked' }),
      webhook('tx-1', 9, 'call.answered'),
      webhook('tx-1', 10, 'call.playback.started', { media_url: 'https://example.com/offer.mp3' }),
      webhook('tx-1', 30, 'call.playback.ended', { status: 'completed' }),
      webhook('tx-1', 31, 'call.hangup', {
        hangup_cause: 'normal_clearing',
        hangup_source: 'caller',
        sip_hangup_cause: 'unspecified',
      }),
      webhook('tx-2', 0, 'call.initiated', { state: 'parked' }),
      webhook('tx-2', 9, 'call.answered'),
      webhook('tx-2', 10, 'call.playback.started', { media_url: 'https://example.com/offer.mp3' }),
      webhook('tx-2', 20, 'call.hangup', {
        hangup_cause: 'normal_clearing',
        hangup_source: 'callee',
        sip_hangup_cause: 'unspecified',
      }),
      webhook('tx-2', 20, 'call.playback.ended', { status: 'call_hangup' }),
    ];
    expect(outcomes('telnyx', log)).toEqual({
      'tx-1': 'ANSWERED/COMPLETE',
      'tx-2': 'ANSWERED/INCOMPLETE/HANGUP',
    });
  });

  it('reads a timeout hang-up as a ring that was not answered, placed from start_time', () => {
    // No ringing webhook ever comes. timeout_secs passing without an answer means the far end
    // neither answered nor refused for that long: ABSENT/NO_ANSWER, the ring from start_time.
    const log = [
      webhook('tx-3', 0, 'call.initiated', { state: 'parked' }),
      webhook('tx-3', 30, 'call.hangup', {
        hangup_cause: 'timeout',
        hangup_source: 'caller',
        sip_hangup_cause: '487',
        start_time: '2026-11-27T09:00:00.000000Z',
      }),
    ];
    const result = replayProviderLog('telnyx', log, { messages: LONG_MESSAGE });
    const call = result.calls[0];
    expect(call?.kind === 'record' && [outcomeKey(call.record), call.record.ringingAt, call.record.endedAt]).toEqual([
      'ABSENT/NO_ANSWER',
      0,
      30_000,
    ]);
  });

  it('knows every documented playback, speak and premium greeting value', () => {
    const read = (type: string, payload: Record<string, unknown>) => {
      const result = readCallback('telnyx', webhook('tx-4', 5, type, payload));
      return result.ok ? result.value.unmapped : result.error;
    };
    for (const status of [
      'completed',
      'call_hangup',
      'cancelled',
      'cancelled_amd',
      'file_not_found',
      'failed',
      'unknown',
    ])
      expect(read('call.playback.ended', { status })).toEqual([]);
    for (const status of ['completed', 'call_hangup', 'cancelled_amd'])
      expect(read('call.speak.ended', { status })).toEqual([]);
    for (const result of ['beep_detected', 'no_beep_detected'])
      expect(read('call.machine.premium.greeting.ended', { result })).toEqual([]);
    expect(read('call.playback.ended', { status: 'exploded' })).toEqual([
      { kind: 'unmapped', provider: 'telnyx', field: 'status', value: 'exploded' },
    ]);
  });
});
