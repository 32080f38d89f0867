import { describe, expect, it } from 'vitest';
import { formatInputError } from '../../machines/result.js';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { parseProfile } from '../../src/simulator/profile.js';

function error(input: unknown): string {
  const parsed = parseProfile(input, DEFAULT_PROFILE);
  if (parsed.ok) throw new Error('expected the profile to be rejected');
  return formatInputError(parsed.error);
}

describe('parseProfile', () => {
  it('accepts the default profile as it is, and an empty file as the default', () => {
    expect(parseProfile(DEFAULT_PROFILE, DEFAULT_PROFILE)).toEqual({ ok: true, value: DEFAULT_PROFILE });
    expect(parseProfile({}, DEFAULT_PROFILE)).toEqual({ ok: true, value: DEFAULT_PROFILE });
  });

  it('overrides field by field and keeps the rest of the default', () => {
    const parsed = parseProfile(
      { name: 'low', ring: { answerRate: 0.3 }, call: { timeouts: { ringMs: 20_000 } } },
      DEFAULT_PROFILE,
    );
    if (!parsed.ok) throw new Error(formatInputError(parsed.error));
    expect(parsed.value.name).toBe('low');
    expect(parsed.value.ring).toEqual({ ...DEFAULT_PROFILE.ring, answerRate: 0.3 });
    expect(parsed.value.call.timeouts).toEqual({ ...DEFAULT_PROFILE.call.timeouts, ringMs: 20_000 });
    expect(parsed.value.call.messages).toEqual(DEFAULT_PROFILE.call.messages);
  });

  it('replaces probability maps whole: missing branches are 0', () => {
    const parsed = parseProfile({ carrier: { outcomes: { ringing: 1 } } }, DEFAULT_PROFILE);
    expect(parsed.ok && parsed.value.carrier.outcomes).toEqual({
      ringing: 1,
      busy: 0,
      rejected: 0,
      unallocated: 0,
      failed: 0,
      noResponse: 0,
    });
  });

  it('names the field and what it accepts, on one line', () => {
    expect(error({ ring: { answerRate: 1.4 } })).toMatchInlineSnapshot(
      `"profile.ring.answerRate: expected a probability from 0 to 1, got 1.4"`,
    );
    expect(error({ ring: { answerRatio: 0.5 } })).toMatchInlineSnapshot(
      `"profile.ring.answerRatio: unknown field (accepted: answerRate, machineShare, humanAnswerMs, machineAnswerMs)"`,
    );
    expect(error({ rings: {} })).toMatchInlineSnapshot(
      `"profile.rings: unknown field (accepted: name, call, blacklistShare, carrier, ring, amd, voicemail, hangup)"`,
    );
    expect(error({ carrier: { outcomes: { ringing: 0.5, busy: 0.2 } } })).toMatchInlineSnapshot(
      `"profile.carrier.outcomes: expected probabilities that add up to 1, got 0.7 (missing branches count as 0)"`,
    );
    expect(error({ carrier: { outcomes: { ringing: 0.9, engaged: 0.1 } } })).toMatchInlineSnapshot(
      `"profile.carrier.outcomes.engaged: unknown branch (accepted: ringing, busy, rejected, unallocated, failed, noResponse)"`,
    );
    expect(error({ amd: { human: { human: '90%' } } })).toMatchInlineSnapshot(
      `"profile.amd.human.human: expected a probability from 0 to 1, got "90%""`,
    );
    expect(error({ ring: { humanAnswerMs: { dist: 'normal', meanMs: 1 } } })).toMatchInlineSnapshot(
      `"profile.ring.humanAnswerMs.dist: expected "fixed", "uniform", "lognormal" or "exponential", got "normal""`,
    );
    expect(error({ ring: { humanAnswerMs: { dist: 'uniform', minMs: 5000, maxMs: 1000 } } })).toMatchInlineSnapshot(
      `"profile.ring.humanAnswerMs.maxMs: expected at least minMs (5000), got 1000"`,
    );
    expect(error({ ring: { humanAnswerMs: { dist: 'lognormal', medianMs: 8000, sigma: -1 } } })).toMatchInlineSnapshot(
      `"profile.ring.humanAnswerMs.sigma: expected a spread from 0 to 3, got -1"`,
    );
    expect(error({ voicemail: { beepMs: { dist: 'fixed', ms: 100, extra: 1 } } })).toMatchInlineSnapshot(
      `"profile.voicemail.beepMs.extra: unknown field for a fixed distribution (accepted: dist, ms)"`,
    );
    expect(error({ hangup: { humanHalfLifeMs: 0 } })).toMatchInlineSnapshot(
      `"profile.hangup.humanHalfLifeMs: expected a half-life in ms (a positive number) or null for never, got 0"`,
    );
    expect(error({ call: { messages: [{ id: 'intro' }] } })).toMatchInlineSnapshot(
      `"profile.call.messages[0].durationMs: missing: a simulated message needs its duration"`,
    );
    expect(error({ call: { to: '+33612345678' } })).toMatchInlineSnapshot(
      `"profile.call.to: unknown field (accepted: messages, amd, voicemail, timeouts; the simulator sets to, callId and blacklisted)"`,
    );
    expect(error({ call: { voicemail: 'drop' } })).toMatchInlineSnapshot(
      `"profile.call.voicemail: expected "leave" or "hangup", got "drop""`,
    );
    expect(error({ call: { timeouts: { ringMs: -5 } } })).toMatchInlineSnapshot(
      `"profile.call.timeouts.ringMs: expected a whole number of ms from 1 to 86400000, got -5"`,
    );
    expect(error({ name: '' })).toMatchInlineSnapshot(`"profile.name: expected a name of 1 to 80 characters, got """`);
    expect(error([1, 2])).toMatchInlineSnapshot(`"profile: expected a JSON object (see docs/simulator.md), got [1,2]"`);
    expect(error({ blacklistShare: null })).toMatchInlineSnapshot(
      `"profile.blacklistShare: expected a probability from 0 to 1, got null"`,
    );
  });
});
