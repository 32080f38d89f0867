import { describe, expect, it } from 'vitest';
import { FREESWITCH_Q850_NAMES, freeswitch } from '../../../src/carriers/providers/freeswitch.js';
import { checkRows, mapped, same, type Expected } from './support.js';

// From FreeSWITCH's hangup-cause table and event list, and the policies.
const INFORMATIONAL = [
  'CHANNEL_CREATE',
  'CHANNEL_OUTGOING',
  'CHANNEL_ORIGINATE',
  'CHANNEL_STATE',
  'CHANNEL_CALLSTATE',
  'CHANNEL_EXECUTE',
  'CHANNEL_DESTROY',
  'CHANNEL_PARK',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
];
const EXPECTED: Expected = {
  'Event-Name=CHANNEL_PROGRESS': same('carrier.ringing'),
  'Event-Name=CHANNEL_PROGRESS_MEDIA': same('carrier.ringing'),
  'Event-Name=CHANNEL_ANSWER': same('carrier.answered'),
  'Event-Name=CHANNEL_HANGUP': same(),
  'Event-Name=CHANNEL_HANGUP_COMPLETE': same(),
  'Event-Name=CHANNEL_EXECUTE_COMPLETE': same(),
  'Event-Name=CUSTOM': same(),
  ...Object.fromEntries(INFORMATIONAL.map((name) => [`Event-Name=${name}`, same()])),
  'Hangup-Cause=Q.850 names': { before: [], after: ['recipient.hangup'] },
  'Hangup-Cause=ORIGINATOR_CANCEL': same('platform.abort'),
  'Hangup-Cause=ALLOTTED_TIMEOUT': same('platform.abort'),
  'Hangup-Cause=MANAGER_REQUEST': same('platform.abort'),
  'Hangup-Cause=SYSTEM_SHUTDOWN': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=LOSE_RACE': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=MEDIA_TIMEOUT': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=PROGRESS_TIMEOUT': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=USER_NOT_REGISTERED': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=GATEWAY_DOWN': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'Hangup-Cause=CRASH': { before: ['carrier.failed'], after: ['recipient.hangup'] },
  'variable_sip_hangup_disposition=send_bye': { before: [], after: ['platform.abort'] },
  'variable_sip_hangup_disposition=recv_bye': { before: [], after: ['recipient.hangup'] },
  'variable_amd_result=HUMAN': same('amd.human'),
  'variable_amd_result=MACHINE': same('amd.machine'),
  'variable_amd_result=NOTSURE': same('amd.unknown'),
  // rtckit/mod_amd (amd::info), mod_avmd.c (avmd::*), switch_ivr_play_say.c (PLAYBACK_*).
  'Event-Name=PLAYBACK_START': same(),
  'Event-Name=PLAYBACK_STOP': same(),
  'Event-Subclass=amd::info': same(),
  'Event-Subclass=avmd::beep': same('voicemail.beep'),
  'Event-Subclass=avmd::start': same(),
  'Event-Subclass=avmd::stop': same(),
  'Playback-Status=done': { before: [], after: ['playback.ended'] },
  'Playback-Status=break': same(),
};

const hangup = (fields: Record<string, unknown>) => ({ 'Event-Name': 'CHANNEL_HANGUP', 'Unique-ID': 'u1', ...fields });

describe('freeswitch', () => {
  checkRows(
    freeswitch,
    EXPECTED,
    (field, value) => {
      if (field === 'Hangup-Cause') return hangup({ 'Hangup-Cause': value === 'Q.850 names' ? 'USER_BUSY' : value });
      if (field === 'variable_sip_hangup_disposition')
        return hangup({ 'Hangup-Cause': 'NORMAL_CLEARING', [field]: value });
      if (field === 'variable_amd_result')
        return { 'Event-Name': 'CUSTOM', 'Event-Subclass': 'amd::info', 'Unique-ID': 'u1', [field]: value };
      if (field === 'Event-Subclass') return { 'Event-Name': 'CUSTOM', 'Unique-ID': 'u1', [field]: value };
      if (field === 'Playback-Status') return { 'Event-Name': 'PLAYBACK_STOP', 'Unique-ID': 'u1', [field]: value };
      return { 'Event-Name': value, 'Unique-ID': 'u1' };
    },
    {
      'Event-Name=CHANNEL_HANGUP': { before: ['carrier.failed'], after: ['recipient.hangup'] },
      'Event-Name=CHANNEL_HANGUP_COMPLETE': { before: ['carrier.failed'], after: ['recipient.hangup'] },
      'Hangup-Cause=Q.850 names': { before: ['carrier.busy'], after: ['recipient.hangup'] },
      'variable_sip_hangup_disposition=send_bye': { before: ['carrier.failed'], after: ['platform.abort'] },
      'variable_sip_hangup_disposition=recv_bye': { before: ['carrier.failed'], after: ['recipient.hangup'] },
      // amd::info without a result says nothing; PLAYBACK_STOP without a status too.
      'Event-Subclass=amd::info': same(),
      'Event-Name=PLAYBACK_STOP': same(),
    },
  );

  // The numbers FreeSWITCH documents for its Q.850 names (its "Hangup Cause Code Table").
  it.each([
    ['UNALLOCATED_NUMBER', 1, 'carrier.unallocated'],
    ['NO_ROUTE_DESTINATION', 3, 'carrier.unallocated'],
    ['NORMAL_CLEARING', 16, 'carrier.failed'],
    ['USER_BUSY', 17, 'carrier.busy'],
    ['NO_USER_RESPONSE', 18, 'carrier.noAnswer'],
    ['SUBSCRIBER_ABSENT', 20, 'carrier.noAnswer'],
    ['CALL_REJECTED', 21, 'carrier.rejected'],
    ['NUMBER_CHANGED', 22, 'carrier.unallocated'],
    ['INVALID_NUMBER_FORMAT', 28, 'carrier.unallocated'],
    ['NORMAL_TEMPORARY_FAILURE', 41, 'carrier.failed'],
    ['RECOVERY_ON_TIMER_EXPIRE', 102, 'carrier.failed'],
    ['INTERWORKING', 127, 'carrier.failed'],
  ])('%s is cause %i and maps to %s before pickup', (name, cause, type) => {
    expect(FREESWITCH_Q850_NAMES[name]).toBe(cause);
    expect(mapped(freeswitch, hangup({ 'Hangup-Cause': name })).beforePickup).toEqual([{ type, q850: cause }]);
  });

  it('lets the SIP term status and the cause name combine (503 with USER_BUSY is busy)', () => {
    expect(
      mapped(freeswitch, hangup({ 'Hangup-Cause': 'USER_BUSY', variable_sip_term_status: '503' })).beforePickup,
    ).toEqual([{ type: 'carrier.busy', sipCode: 503, q850: 17 }]);
    expect(
      mapped(freeswitch, hangup({ 'Hangup-Cause': 'NO_ANSWER', variable_sip_term_status: '480' })).beforePickup,
    ).toEqual([{ type: 'carrier.ringing' }, { type: 'carrier.noAnswer', sipCode: 480, q850: 19 }]);
  });

  it('reports the ring a NO_ANSWER (cause 19, "user alerted") carries, and not for NO_USER_RESPONSE (18)', () => {
    expect(mapped(freeswitch, hangup({ 'Hangup-Cause': 'NO_ANSWER' })).beforePickup).toEqual([
      { type: 'carrier.ringing' },
      { type: 'carrier.noAnswer', q850: 19 },
    ]);
    expect(mapped(freeswitch, hangup({ 'Hangup-Cause': 'NO_USER_RESPONSE' })).beforePickup).toEqual([
      { type: 'carrier.noAnswer', q850: 18 },
    ]);
  });

  it('reads a mod_avmd beep, the µs timestamp and the sequence number', () => {
    const mapping = mapped(freeswitch, {
      'Event-Name': 'CUSTOM',
      'Event-Subclass': 'avmd::beep',
      'Unique-ID': 'u1',
      'Event-Date-Timestamp': '1795770221000000',
      'Event-Sequence': '5012',
    });
    expect([mapping.beforePickup, mapping.timeMs, mapping.sequence]).toEqual([
      [{ type: 'voicemail.beep' }],
      1_795_770_221_000,
      5012,
    ]);
  });

  it('reports an undocumented cause name', () => {
    expect(mapped(freeswitch, hangup({ 'Hangup-Cause': 'GREMLINS' })).unmapped).toEqual([
      { kind: 'unmapped', provider: 'freeswitch', field: 'Hangup-Cause', value: 'GREMLINS' },
    ]);
  });
});
