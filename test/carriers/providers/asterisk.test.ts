import { describe, expect, it } from 'vitest';
import { asterisk } from '../../../src/carriers/providers/asterisk.js';
import { checkRows, mapped, same, typesOf, type Expected } from './support.js';

// From Asterisk's Dial() and AMD() pages and the AMI events, and the policies.
const EXPECTED: Expected = {
  'DIALSTATUS=ANSWER': same('carrier.answered'),
  'DIALSTATUS=BUSY': same('carrier.busy'),
  'DIALSTATUS=NOANSWER': same('carrier.noAnswer'),
  'DIALSTATUS=CANCEL': same('platform.abort'),
  'DIALSTATUS=CONGESTION': same('carrier.failed'),
  'DIALSTATUS=CHANUNAVAIL': same('carrier.failed'),
  'DIALSTATUS=DONTCALL': same('carrier.rejected'),
  'DIALSTATUS=TORTURE': same('carrier.rejected'),
  'DIALSTATUS=INVALIDARGS': same('carrier.failed'),
  'HANGUPCAUSE=1–127': { before: [], after: ['recipient.hangup'] },
  'AMDSTATUS=HUMAN': same('amd.human'),
  'AMDSTATUS=MACHINE': same('amd.machine'),
  'AMDSTATUS=NOTSURE': same('amd.unknown'),
  'AMDSTATUS=HANGUP': same('recipient.hangup'),
  'Event=Newstate': same(),
  'Event=DialState': same(),
  'Event=DialEnd': same(),
  'Event=Hangup': same(),
  'Event=VarSet': same(),
  // main/dial.c, channels/chan_pjsip.c, apps/app_dial.c and apps/app_playback.c (asterisk/asterisk).
  'HANGUPCAUSE=0': { before: [], after: ['recipient.hangup'] },
  'PLAYBACKSTATUS=SUCCESS': { before: [], after: ['playback.ended'] },
  'PLAYBACKSTATUS=FAILED': { before: [], after: [] },
  'DialState.DialStatus=RINGING': { before: ['carrier.ringing'], after: [] },
  'DialState.DialStatus=PROGRESS': { before: ['carrier.ringing'], after: [] },
  'DialState.DialStatus=PROCEEDING': { before: [], after: [] },
  'Event=HangupRequest': { before: [], after: ['recipient.hangup'] },
  'Event=SoftHangupRequest': { before: [], after: ['platform.abort'] },
};

describe('asterisk', () => {
  checkRows(
    asterisk,
    EXPECTED,
    (field, value) =>
      field === 'HANGUPCAUSE' && value !== '0'
        ? { Linkedid: 'l1', HANGUPCAUSE: '17' }
        : field === 'DialState.DialStatus'
          ? { Linkedid: 'l1', Event: 'DialState', DialStatus: value }
          : field === 'Event'
            ? { Linkedid: 'l1', Event: value }
            : { Linkedid: 'l1', [field]: value },
    {
      'HANGUPCAUSE=1–127': { before: ['carrier.busy'], after: ['recipient.hangup'] },
      // A DialState event carries its ring after pickup too (an echo the machine ignores).
      'DialState.DialStatus=RINGING': same('carrier.ringing'),
      'DialState.DialStatus=PROGRESS': same('carrier.ringing'),
    },
  );

  it('reads HANGUPCAUSE through the Q.850 table and lets it refine CONGESTION', () => {
    expect(mapped(asterisk, { Linkedid: 'l1', HANGUPCAUSE: '19' }).beforePickup).toEqual([
      { type: 'carrier.ringing' },
      { type: 'carrier.noAnswer', q850: 19 },
    ]);
    expect(mapped(asterisk, { Linkedid: 'l1', HANGUPCAUSE: '18' }).beforePickup).toEqual([
      { type: 'carrier.noAnswer', q850: 18 },
    ]);
    expect(mapped(asterisk, { Linkedid: 'l1', DIALSTATUS: 'CONGESTION', HANGUPCAUSE: '1' }).beforePickup).toEqual([
      { type: 'carrier.unallocated', q850: 1 },
    ]);
  });

  it('reads AMI events: Newstate, DialState, VarSet, Hangup, and a DialEnd CONGESTION that waits for the cause', () => {
    const read = (event: Record<string, unknown>) => typesOf(mapped(asterisk, { Linkedid: 'l1', ...event })).before;
    expect(read({ Event: 'Newstate', ChannelStateDesc: 'Ringing' })).toEqual(['carrier.ringing']);
    expect(read({ Event: 'Newstate', ChannelStateDesc: 'Up' })).toEqual(['carrier.answered']);
    expect(read({ Event: 'DialState', DialStatus: 'RINGING' })).toEqual(['carrier.ringing']);
    expect(read({ Event: 'VarSet', Variable: 'AMDSTATUS', Value: 'MACHINE' })).toEqual(['amd.machine']);
    expect(read({ Event: 'Hangup', Cause: '21' })).toEqual(['carrier.rejected']);
    expect(read({ Event: 'DialEnd', DialStatus: 'CONGESTION' })).toEqual(['carrier.failed']);
    expect(mapped(asterisk, { Linkedid: 'l1', Event: 'DialEnd', DialStatus: 'CONGESTION' }).endingAwaitsCause).toBe(
      true,
    );
    expect(read({ Event: 'DialEnd', DialStatus: 'BUSY' })).toEqual(['carrier.busy']);
    expect(mapped(asterisk, { Linkedid: 'l1', Event: 'DialEnd', DialStatus: 'BUSY' }).endingAwaitsCause).toBe(
      undefined,
    );
  });

  it('reads the AMI Timestamp (epoch seconds) and reports an unknown variable value or event', () => {
    expect(mapped(asterisk, { Uniqueid: 'u1', Event: 'Newchannel', Timestamp: '1795770000.250000' }).timeMs).toBe(
      1_795_770_000_250,
    );
    expect(
      mapped(asterisk, { Linkedid: 'l1', DIALSTATUS: 'MAYBE', HANGUPCAUSE: '999' }).unmapped.map((item) => item.field),
    ).toEqual(['HANGUPCAUSE', 'DIALSTATUS']);
    expect(mapped(asterisk, { Linkedid: 'l1', Event: 'Teleport' }).unmapped).toEqual([
      { kind: 'unmapped', provider: 'asterisk', field: 'Event', value: 'Teleport' },
    ]);
  });
});
