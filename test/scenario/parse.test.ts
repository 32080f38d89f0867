import { describe, expect, it } from 'vitest';
import { formatInputError } from '../../machines/result.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { callInput } from '../support/calls.js';

function errorOf(scenario: unknown): string {
  const result = parseScenario(scenario);
  if (result.ok) throw new Error('expected an error');
  return formatInputError(result.error);
}

describe('parseScenario', () => {
  it('fills in the call defaults', () => {
    const result = parseScenario({ call: { to: '+33612345678', messages: [{ id: 'm' }] }, events: [] });
    expect(result).toEqual({
      ok: true,
      value: {
        call: {
          callId: 'call',
          to: '+33612345678',
          messages: [{ id: 'm' }],
          blacklisted: false,
          amd: true,
          voicemail: 'leave',
          timeouts: {
            carrierMs: 32000,
            proceedingMs: 180000,
            ringMs: 30000,
            amdMs: 5000,
            beepMs: 30000,
            releaseMs: 1000,
          },
        },
        events: [],
      },
    });
  });

  it.each([
    [null, 'expected a scenario { "call": {...}, "events": [...] }, got null'],
    [{ call: callInput(), events: [], extra: 1 }, 'extra: unknown field (accepted: "call", "events")'],
    [{ events: [] }, 'call: expected an object with to and messages, got nothing'],
    [
      { call: callInput({ to: '0612345678' }) },
      'call.to: expected an E.164 number such as "+33612345678", got "0612345678"',
    ],
    [
      { call: callInput({ to: '+33 6 12' }) },
      'call.to: expected an E.164 number such as "+33612345678", got "+33 6 12"',
    ],
    [{ call: callInput({ messages: [] }) }, 'call.messages: expected a non-empty array of { id, durationMs? }, got []'],
    [
      { call: callInput({ messages: [{ id: 'a', durationMs: -5 }] }) },
      'call.messages[0].durationMs: expected a whole number of ms from 1 to 86400000, got -5',
    ],
    [
      { call: callInput({ messages: [{ durationMs: 5 }] }) },
      'call.messages[0].id: expected a non-empty string, got nothing',
    ],
    [{ call: callInput({ voicemail: 'drop' }) }, 'call.voicemail: expected "leave" or "hangup", got "drop"'],
    [{ call: callInput({ amd: 'yes' }) }, 'call.amd: expected true or false, got "yes"'],
    [
      { call: callInput({ timeouts: { ringMs: 0 } }) },
      'call.timeouts.ringMs: expected a whole number of ms from 1 to 86400000, got 0',
    ],
    [
      { call: callInput({ timeouts: { ringSecs: 30 } }) },
      'call.timeouts.ringSecs: unknown timer (accepted: carrierMs, proceedingMs, ringMs, amdMs, beepMs, releaseMs)',
    ],
    [
      { call: callInput({ colour: 'red' }) },
      'call.colour: unknown field (accepted: callId, to, messages, blacklisted, amd, voicemail, timeouts)',
    ],
    [{ call: callInput(), events: {} }, 'events: expected an array of events, got {}'],
    [
      { call: callInput(), events: [42] },
      'events[0]: expected an object such as { "at": 0, "type": "carrier.ringing" }, got 42',
    ],
    [
      {
        call: callInput(),
        events: [
          { at: 0, type: 'carrier.ringing' },
          { at: 5, type: 'carrier.answer' },
        ],
      },
      'events[1].type: unknown event "carrier.answer" (accepted: "carrier.trying", "carrier.ringing", "carrier.answered", "carrier.busy", "carrier.rejected", "carrier.unallocated", "carrier.noAnswer", "carrier.failed", "amd.human", "amd.machine", "amd.unknown", "voicemail.beep", "playback.ended", "recipient.hangup" or "platform.abort")',
    ],
    [
      { call: callInput(), events: [{ type: 'carrier.ringing' }] },
      'events[0].at: carrier.ringing: expected ms since the call started, from 0 to 86400000, got nothing',
    ],
    [
      { call: callInput(), events: [{ at: -1, type: 'carrier.ringing' }] },
      'events[0].at: carrier.ringing: expected ms since the call started, from 0 to 86400000, got -1',
    ],
    [
      { call: callInput(), events: [{ at: 'soon', type: 'carrier.ringing' }] },
      'events[0].at: carrier.ringing: expected ms since the call started, from 0 to 86400000, got "soon"',
    ],
    [
      {
        call: callInput(),
        events: [
          { at: 5000, type: 'carrier.ringing' },
          { at: 4000, type: 'carrier.busy' },
        ],
      },
      'events[1].at: carrier.busy at 4000 ms comes before the previous event (5000 ms): "at" must not decrease',
    ],
    [
      { call: callInput(), events: [{ at: 0, type: 'carrier.busy', sipCode: 999 }] },
      'events[0].sipCode: expected a SIP status code from 100 to 699, got 999',
    ],
    [
      { call: callInput(), events: [{ at: 0, type: 'carrier.busy', q850: 0 }] },
      'events[0].q850: expected a Q.850 cause from 1 to 127, got 0',
    ],
    [
      { call: callInput(), events: [{ at: 0, type: 'amd.human', sipCode: 200 }] },
      'events[0].sipCode: amd.human takes only "at" and "type", not "sipCode"',
    ],
    [
      { call: callInput(), events: [{ at: 0, type: 'playback.ended', messageId: 7 }] },
      'events[0].messageId: expected a message id (string), got 7',
    ],
  ])('rejects %j: %s', (scenario, message) => {
    expect(errorOf(scenario)).toBe(message);
  });

  it('cuts a hostile value short and keeps the message on one line', () => {
    const message = errorOf({ call: callInput({ to: `+1\n<script>alert(1)</script>${'x'.repeat(200)}` }) });
    expect(message).not.toMatch(/\n/);
    expect(message.length).toBeLessThan(160);
  });
});
