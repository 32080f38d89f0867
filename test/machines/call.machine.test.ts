import { describe, expect, it } from 'vitest';
import { callInput, expectOutcome, replay, traceOf } from '../support/calls.js';

// One test per rule of the machine's semantics (issue 2, §3), each asserting the outcome and the
// whole ordered state trace through runScenario, as a user would replay it.

const ring = { at: 1000, type: 'carrier.ringing', sipCode: 180 };
const answer = { at: 4000, type: 'carrier.answered', sipCode: 200 };

describe('blacklisted calls', () => {
  it('end ERROR/BLACKLISTED at once, are never dialed, and ignore carrier events', () => {
    const record = replay(callInput({ blacklisted: true }), [ring, answer]);
    expectOutcome(record, 'ERROR/BLACKLISTED');
    expect(traceOf(record)).toEqual(['0 initiating (xstate.init)', '0 blacklisted (xstate.init)']);
    expect(record.startedAt).toBeNull();
    expect(record.endedAt).toBe(0);
    expect(record.sipCode).toBeNull();
    expect(record.ignoredEvents.map((e) => `${e.at} ${e.state} ${e.event}`)).toEqual([
      '1000 blacklisted carrier.ringing',
      '4000 blacklisted carrier.answered',
    ]);
  });
});

describe('dialing', () => {
  it.each([
    ['carrier.busy', 486, 'ABSENT/BUSY', 'busy'],
    ['carrier.rejected', 603, 'ERROR/REJECTED', 'rejected'],
    ['carrier.unallocated', 404, 'ERROR/UNALLOCATED_NUMBER', 'unallocatedNumber'],
    ['carrier.failed', 503, 'ERROR/OTHER', 'failed'],
  ])('%s ends the call as %s (final state %s)', (type, sipCode, outcome, final) => {
    const record = replay(callInput(), [{ at: 700, type, sipCode }]);
    expectOutcome(record, outcome);
    expect(traceOf(record)).toEqual([
      '0 initiating (xstate.init)',
      '0 dialing (xstate.init)',
      `700 ${final} (${type})`,
    ]);
    expect(record.sipCode).toBe(sipCode);
    expect(record.endedAt).toBe(700);
  });

  it('carrier.noAnswer before any ring is ERROR/OTHER: the recipient was never reached', () => {
    const record = replay(callInput(), [{ at: 9000, type: 'carrier.noAnswer', sipCode: 480 }]);
    expectOutcome(record, 'ERROR/OTHER');
    expect(record.ringingAt).toBeNull();
  });

  it('no carrier response within carrierMs is ERROR/OTHER at exactly carrierMs', () => {
    const record = replay(callInput({ timeouts: { carrierMs: 2500 } }), []);
    expectOutcome(record, 'ERROR/OTHER');
    expect(traceOf(record).at(-1)).toBe('2500 failed (after:carrierTimeout)');
  });

  it('carrier.trying (100 Trying) stops the carrier timer: Timer C of proceeding applies instead', () => {
    const trying = { at: 100, type: 'carrier.trying', sipCode: 100 };
    const record = replay(callInput({ timeouts: { carrierMs: 2500, proceedingMs: 9000 } }), [trying]);
    expectOutcome(record, 'ERROR/OTHER');
    expect(traceOf(record)).toEqual([
      '0 initiating (xstate.init)',
      '0 dialing (xstate.init)',
      '100 proceeding (carrier.trying)',
      '9100 failed (after:proceedingTimeout)',
    ]);
    expect(record.sipCode).toBe(100);
  });

  it('after carrier.trying, a ring past carrierMs still rings, and every dialing event keeps its meaning', () => {
    const trying = { at: 100, type: 'carrier.trying', sipCode: 100 };
    const late = replay(callInput({ amd: false, timeouts: { carrierMs: 2500 } }), [
      trying,
      { at: 5000, type: 'carrier.ringing', sipCode: 180 },
      { at: 6000, type: 'carrier.busy', sipCode: 486 },
    ]);
    expectOutcome(late, 'ABSENT/BUSY');
    expect(traceOf(late).slice(2)).toEqual([
      '100 proceeding (carrier.trying)',
      '5000 ringing (carrier.ringing)',
      '6000 busy (carrier.busy)',
    ]);
    const neverRang = replay(callInput(), [trying, { at: 900, type: 'carrier.noAnswer', sipCode: 480 }]);
    expectOutcome(neverRang, 'ERROR/OTHER');
    expectOutcome(
      replay(callInput(), [trying, { at: 900, type: 'carrier.unallocated', sipCode: 404 }]),
      'ERROR/UNALLOCATED_NUMBER',
    );
    const repeated = replay(callInput(), [
      trying,
      { at: 200, type: 'carrier.trying', sipCode: 100 },
      { at: 300, type: 'carrier.busy' },
    ]);
    expect(repeated.ignoredEvents.map((e) => `${e.at} ${e.state} ${e.event}`)).toEqual([
      '200 proceeding carrier.trying',
    ]);
  });

  it('answer without ringing is legal', () => {
    const record = replay(callInput({ amd: false }), [{ at: 800, type: 'carrier.answered' }]);
    expectOutcome(record, 'ANSWERED/COMPLETE');
    expect(record.ringingAt).toBeNull();
    expect(record.answeredAt).toBe(800);
  });

  it('platform.abort before pickup is ERROR/OTHER', () => {
    expectOutcome(replay(callInput(), [{ at: 10, type: 'platform.abort' }]), 'ERROR/OTHER');
    expectOutcome(replay(callInput(), [ring, { at: 2000, type: 'platform.abort' }]), 'ERROR/OTHER');
  });
});

describe('ringing', () => {
  it.each([
    ['carrier.busy', 'ABSENT/BUSY'],
    ['carrier.rejected', 'ERROR/REJECTED'],
    ['carrier.noAnswer', 'ABSENT/NO_ANSWER'],
    ['carrier.failed', 'ERROR/OTHER'],
    ['carrier.unallocated', 'ERROR/UNALLOCATED_NUMBER'],
  ])('%s after a ring is %s', (type, outcome) => {
    const record = replay(callInput(), [ring, { at: 3000, type }]);
    expectOutcome(record, outcome);
    expect(record.ringingAt).toBe(1000);
    expect(record.endedAt).toBe(3000);
  });

  it('ends ABSENT/NO_ANSWER ringMs after ringing began', () => {
    const record = replay(callInput({ timeouts: { ringMs: 15_000 } }), [ring]);
    expectOutcome(record, 'ABSENT/NO_ANSWER');
    expect(traceOf(record)).toEqual([
      '0 initiating (xstate.init)',
      '0 dialing (xstate.init)',
      '1000 ringing (carrier.ringing)',
      '16000 noAnswer (after:ringTimeout)',
    ]);
  });

  it('a carrier event with codes replaces both codes; one without keeps the last ones', () => {
    const causeOnly = replay(callInput(), [
      { at: 500, type: 'carrier.ringing', sipCode: 183 },
      { at: 3000, type: 'carrier.noAnswer', q850: 19 },
    ]);
    expect([causeOnly.sipCode, causeOnly.q850]).toEqual([null, 19]);
    const noCodes = replay(callInput(), [
      { at: 500, type: 'carrier.ringing', sipCode: 180, q850: 16 },
      { at: 3000, type: 'carrier.busy' },
    ]);
    expect([noCodes.sipCode, noCodes.q850]).toEqual([180, 16]);
  });

  it('a duplicate ring changes nothing and is listed as ignored', () => {
    const record = replay(callInput(), [ring, { ...ring, at: 1500 }, { at: 2000, type: 'carrier.busy' }]);
    expectOutcome(record, 'ABSENT/BUSY');
    expect(record.ringingAt).toBe(1000);
    expect(record.ignoredEvents).toEqual([{ at: 1500, state: 'ringing', event: 'carrier.ringing', sipCode: 180 }]);
  });

  it('a timer due at the same ms as an event fires first (deadlines are inclusive)', () => {
    const record = replay(callInput({ timeouts: { ringMs: 2000 } }), [ring, { at: 3000, type: 'carrier.answered' }]);
    expectOutcome(record, 'ABSENT/NO_ANSWER');
    expect(record.ignoredEvents.map((e) => e.event)).toEqual(['carrier.answered']);
  });
});

describe('answering-machine detection', () => {
  it.each(['amd.human', 'amd.unknown'])('%s plays the messages to a person', (type) => {
    const record = replay(callInput(), [ring, answer, { at: 5000, type }]);
    expectOutcome(record, 'ANSWERED/COMPLETE');
    expect(traceOf(record)).toEqual([
      '0 initiating (xstate.init)',
      '0 dialing (xstate.init)',
      '1000 ringing (carrier.ringing)',
      '4000 connected.screening (carrier.answered)',
      '4000 connected.detecting (carrier.answered)',
      `5000 connected.playing.nextMessage (${type})`,
      `5000 connected.playing.timedMessage (${type})`,
      '10000 connected.playing.nextMessage (after:messageDuration)',
      '10000 connected.playing.timedMessage (after:messageDuration)',
      '13000 connected.playing.nextMessage (after:messageDuration)',
      '13000 connected.releasing (after:messageDuration)',
      '14000 answeredComplete (after:releaseDelay)',
    ]);
    expect(record.messagesPlayed).toBe(2);
  });

  it('no verdict within amdMs plays to a person at exactly amdMs after pickup', () => {
    const record = replay(callInput(), [ring, answer]);
    expect(traceOf(record)[5]).toBe('9000 connected.playing.nextMessage (after:amdTimeout)');
    expectOutcome(record, 'ANSWERED/COMPLETE');
  });

  it('with amd: false the call goes straight to playing', () => {
    const record = replay(callInput({ amd: false }), [ring, answer]);
    expect(traceOf(record).slice(3, 5)).toEqual([
      '4000 connected.screening (carrier.answered)',
      '4000 connected.playing.nextMessage (carrier.answered)',
    ]);
  });

  it('recipient.hangup during detection is ANSWERED/INCOMPLETE + HANGUP', () => {
    expectOutcome(
      replay(callInput(), [ring, answer, { at: 4500, type: 'recipient.hangup' }]),
      'ANSWERED/INCOMPLETE/HANGUP',
    );
  });

  it('platform.abort during detection is ANSWERED/INCOMPLETE without a result code', () => {
    expectOutcome(replay(callInput(), [ring, answer, { at: 4500, type: 'platform.abort' }]), 'ANSWERED/INCOMPLETE');
  });
});

describe('playing to a person', () => {
  const human = [ring, answer, { at: 5000, type: 'amd.human' }];

  it('recipient.hangup before the last message ends is ANSWERED/INCOMPLETE + HANGUP', () => {
    const record = replay(callInput(), [...human, { at: 11_000, type: 'recipient.hangup' }]);
    expectOutcome(record, 'ANSWERED/INCOMPLETE/HANGUP');
    expect(record.messagesPlayed).toBe(1);
  });

  it('recipient.hangup inside the release window is ANSWERED/COMPLETE + HANGUP', () => {
    const record = replay(callInput(), [...human, { at: 13_500, type: 'recipient.hangup' }]);
    expectOutcome(record, 'ANSWERED/COMPLETE/HANGUP');
    expect(record.endedAt).toBe(13_500);
  });

  it('platform.abort while playing is ANSWERED/INCOMPLETE without a result code', () => {
    expectOutcome(replay(callInput(), [...human, { at: 6000, type: 'platform.abort' }]), 'ANSWERED/INCOMPLETE');
  });

  it('platform.abort after the last message is ANSWERED/COMPLETE: nothing was lost', () => {
    expectOutcome(replay(callInput(), [...human, { at: 13_200, type: 'platform.abort' }]), 'ANSWERED/COMPLETE');
  });

  it('a message without durationMs waits for playback.ended', () => {
    const call = callInput({ messages: [{ id: 'live' }] });
    const record = replay(call, [...human, { at: 20_000, type: 'playback.ended', messageId: 'live' }]);
    expectOutcome(record, 'ANSWERED/COMPLETE');
    expect(record.endedAt).toBe(21_000);
  });

  it('a playback.ended naming another message is a late duplicate and is ignored', () => {
    const call = callInput({ messages: [{ id: 'a' }, { id: 'b' }] });
    const record = replay(call, [
      ...human,
      { at: 7000, type: 'playback.ended', messageId: 'a' },
      { at: 7100, type: 'playback.ended', messageId: 'a' },
      { at: 9000, type: 'playback.ended', messageId: 'b' },
    ]);
    expectOutcome(record, 'ANSWERED/COMPLETE');
    expect(record.ignoredEvents).toEqual([
      { at: 7100, state: 'connected.playing.untimedMessage', event: 'playback.ended' },
    ]);
    expect(record.messagesPlayed).toBe(2);
  });

  it('playback.ended ends a timed message early', () => {
    const record = replay(callInput(), [...human, { at: 6000, type: 'playback.ended' }]);
    expect(traceOf(record)).toContain('6000 connected.playing.nextMessage (playback.ended)');
    expect(record.endedAt).toBe(10_000);
  });

  it('carrier events after pickup are ignored', () => {
    const record = replay(callInput(), [...human, { at: 6000, type: 'carrier.busy', sipCode: 486 }]);
    expectOutcome(record, 'ANSWERED/COMPLETE');
    expect(record.sipCode).toBe(200);
    expect(record.ignoredEvents).toEqual([
      { at: 6000, state: 'connected.playing.timedMessage', event: 'carrier.busy', sipCode: 486 },
    ]);
  });
});

describe('voicemail', () => {
  const machine = [ring, answer, { at: 6000, type: 'amd.machine' }];

  it('with voicemail: "hangup" ends ABSENT/VOICEMAIL_DETECTED without a result code at once', () => {
    const record = replay(callInput({ voicemail: 'hangup' }), machine);
    expectOutcome(record, 'ABSENT/VOICEMAIL_DETECTED');
    expect(traceOf(record).slice(-2)).toEqual([
      '6000 connected.voicemail.screening (amd.machine)',
      '6000 voicemailSkipped (amd.machine)',
    ]);
  });

  it('leaves the message after the beep: VOICEMAIL_COMPLETE when every message played', () => {
    const record = replay(callInput(), [...machine, { at: 8000, type: 'voicemail.beep' }]);
    expectOutcome(record, 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE');
    expect(traceOf(record).slice(5)).toEqual([
      '6000 connected.voicemail.screening (amd.machine)',
      '6000 connected.voicemail.awaitingBeep (amd.machine)',
      '8000 connected.voicemail.leaving.nextMessage (voicemail.beep)',
      '8000 connected.voicemail.leaving.timedMessage (voicemail.beep)',
      '13000 connected.voicemail.leaving.nextMessage (after:messageDuration)',
      '13000 connected.voicemail.leaving.timedMessage (after:messageDuration)',
      '16000 connected.voicemail.leaving.nextMessage (after:messageDuration)',
      '16000 voicemailComplete (after:messageDuration)',
    ]);
  });

  it('leaves it anyway after beepMs without a beep', () => {
    const record = replay(callInput({ timeouts: { beepMs: 4000 } }), machine);
    expect(traceOf(record)).toContain('10000 connected.voicemail.leaving.nextMessage (after:beepTimeout)');
    expectOutcome(record, 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE');
  });

  it.each([
    ['before the beep', 7000],
    ['during the message', 9000],
  ])('recipient.hangup %s is VOICEMAIL_INCOMPLETE', (_, at) => {
    const record = replay(
      callInput(),
      [...machine, { at: 8000, type: 'voicemail.beep' }]
        .filter((e) => e.at < at)
        .concat({ at, type: 'recipient.hangup' }),
    );
    expectOutcome(record, 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE');
  });

  it('platform.abort in voicemail is VOICEMAIL_INCOMPLETE', () => {
    expectOutcome(
      replay(callInput(), [...machine, { at: 6500, type: 'platform.abort' }]),
      'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
    );
  });
});

describe('after a terminal status', () => {
  it('nothing changes the outcome; late events are listed with the final state', () => {
    const record = replay(callInput(), [
      ring,
      { at: 2000, type: 'carrier.busy' },
      { at: 2500, type: 'carrier.answered' },
      { at: 3000, type: 'recipient.hangup' },
    ]);
    expectOutcome(record, 'ABSENT/BUSY');
    expect(record.endedAt).toBe(2000);
    expect(record.ignoredEvents).toEqual([
      { at: 2500, state: 'busy', event: 'carrier.answered' },
      { at: 3000, state: 'busy', event: 'recipient.hangup' },
    ]);
  });
});
