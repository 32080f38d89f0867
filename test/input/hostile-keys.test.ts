// Keys named after Object.prototype's members are plain data in every input: an unknown key is a
// one-line error naming it, never an internal error, never a changed prototype (issue 11).
import { describe, expect, it } from 'vitest';
import { parseCallInput } from '../../machines/input.js';
import { formatInputError } from '../../machines/result.js';
import { PROVIDER_NAMES, PROVIDERS } from '../../src/carriers/providers/index.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { parseProfile } from '../../src/simulator/profile.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** Parses like the CLI does, so `__proto__` is an own key as in a file. */
const json = (text: string): unknown => JSON.parse(text);

function errorOf(result: { ok: boolean; error?: { path: string; message: string } }): string {
  expect(result.ok).toBe(false);
  return formatInputError(result.error as { path: string; message: string });
}

describe('profiles', () => {
  it.each(PROTOTYPE_NAMES)('"%s" at the top is an unknown field', (name) => {
    expect(errorOf(parseProfile(json(`{"${name}": {"x": 1}}`), DEFAULT_PROFILE))).toBe(
      `profile.${name}: unknown field (accepted: name, call, blacklistShare, carrier, ring, amd, voicemail, hangup)`,
    );
  });

  it.each(PROTOTYPE_NAMES)('"%s" inside a section is an unknown field', (name) => {
    expect(errorOf(parseProfile(json(`{"ring": {"${name}": 1}}`), DEFAULT_PROFILE))).toBe(
      `profile.ring.${name}: unknown field (accepted: answerRate, machineShare, humanAnswerMs, machineAnswerMs)`,
    );
  });

  it.each(PROTOTYPE_NAMES)('"%s" among shares is an unknown branch', (name) => {
    expect(errorOf(parseProfile(json(`{"amd": {"human": {"${name}": 1}}}`), DEFAULT_PROFILE))).toBe(
      `profile.amd.human.${name}: unknown branch (accepted: human, machine, unknown)`,
    );
  });

  it('a shaped "constructor" is refused, not merged', () => {
    expect(errorOf(parseProfile(json('{"constructor": {"name": "x", "prototype": {}}}'), DEFAULT_PROFILE))).toMatch(
      /^profile\.constructor: unknown field/,
    );
  });

  it('leaves Object.prototype alone', () => {
    parseProfile(json('{"__proto__": {"polluted": 1}, "ring": {"__proto__": {"polluted": 1}}}'), DEFAULT_PROFILE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('call inputs and scenarios', () => {
  it.each(PROTOTYPE_NAMES)('"%s" in a call input is an unknown field', (name) => {
    const input = json(`{"to": "+33612345678", "messages": [{"id": "m"}], "${name}": 1}`);
    expect(errorOf(parseCallInput(input, 'call'))).toMatch(new RegExp(`^call\\.${name}: unknown field`));
  });

  it.each(PROTOTYPE_NAMES)('"%s" in a message is an unknown field (issue 11: unknown fields were ignored)', (name) => {
    const input = json(`{"to": "+33612345678", "messages": [{"id": "m", "${name}": 1}]}`);
    expect(errorOf(parseCallInput(input, 'call'))).toBe(
      `call.messages[0].${name}: unknown field (accepted: id, durationMs)`,
    );
  });

  it('a message with a misspelt field is refused instead of playing with no duration', () => {
    const input = { to: '+33612345678', messages: [{ id: 'm', duration: 12_000 }] };
    expect(errorOf(parseCallInput(input, 'call'))).toBe(
      'call.messages[0].duration: unknown field (accepted: id, durationMs)',
    );
  });

  it.each(PROTOTYPE_NAMES)('"%s" in a scenario or an event is refused', (name) => {
    const call = '{"to": "+33612345678", "messages": [{"id": "m"}]}';
    expect(errorOf(parseScenario(json(`{"call": ${call}, "${name}": 1}`)))).toMatch(/unknown field/);
    expect(
      errorOf(parseScenario(json(`{"call": ${call}, "events": [{"at": 0, "type": "carrier.busy", "${name}": 1}]}`))),
    ).toMatch(/takes "at", "type"/);
  });
});

describe('provider callbacks', () => {
  it.each(PROVIDER_NAMES)('%s reads prototype-named fields and values as data, never throwing', (provider) => {
    for (const name of PROTOTYPE_NAMES) {
      const payloads = [
        json(`{"${name}": "x"}`),
        { CallSid: 'CA1', CallStatus: name, [name]: name },
        { uuid: 'u', conversation_uuid: 'c', status: name },
        { data: { event_type: name, payload: { call_control_id: 'x', [name]: name } } },
        { CallUUID: 'c', CallStatus: name, HangupCause: name },
        { Event: name, Uniqueid: '1', Cause: name, 'Event-Name': name, 'Hangup-Cause': name, 'Unique-ID': 'u' },
      ];
      for (const payload of payloads) expect(() => PROVIDERS[provider].normalize(payload)).not.toThrow();
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
