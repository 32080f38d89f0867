import type { CallConfig } from '../../machines/input.js';
import type { TimedCallEvent } from '../call/session.js';
import { sampleMs } from './distribution.js';
import { CallRandom } from './prng.js';
import { AMD_VERDICTS, CARRIER_OUTCOMES, type Profile, type Shares } from './profile.js';

/**
 * One simulated call before any engine runs it: the call's input and what the outside world
 * (carrier, recipient, detector) does to it, as a scenario's timed events in time order.
 */
export interface SampledCall {
  /** A complete, valid call input (every default filled in). */
  readonly input: CallConfig;
  readonly events: readonly TimedCallEvent[];
}

/**
 * The SIP final response and Q.850 cause sent with each carrier branch (telephony.md §2:
 * RFC 3398 §8.2.6.1 gives 486→17, 603→21, 404→1, 503→41).
 */
const CARRIER_SIGNALS = {
  busy: { type: 'carrier.busy', sipCode: 486, q850: 17 },
  rejected: { type: 'carrier.rejected', sipCode: 603, q850: 21 },
  unallocated: { type: 'carrier.unallocated', sipCode: 404, q850: 1 },
  failed: { type: 'carrier.failed', sipCode: 503, q850: 41 },
} as const;

function pick<K extends string>(shares: Shares<K>, keys: readonly K[], random: CallRandom): K {
  let u = random.next();
  for (const key of keys) {
    u -= shares[key];
    if (u < 0) return key;
  }
  // Rounding left a sliver past the last share: take the last branch with a share.
  return [...keys].reverse().find((key) => shares[key] > 0) ?? (keys[0] as K);
}

/** An exponential time with the given half-life (a constant hang-up hazard), or Infinity for never. */
function hangupDelay(halfLifeMs: number | null, random: CallRandom): number {
  if (halfLifeMs === null) return Infinity;
  // At least 1 ms: a hang-up in the same ms as the pickup would arrive before it.
  return Math.max(1, Math.round((-halfLifeMs / Math.LN2) * Math.log(1 - random.next())));
}

/** The call id of call `index` in a campaign. */
export function callIdOf(index: number): string {
  return `call-${index}`;
}

/**
 * Draws call `index` of a campaign from (seed, index, profile) alone.
 *
 * The world never answers a call the platform has already given up on: a carrier answer after
 * the carrier timeout, a pickup after the ring timeout and a hang-up after the platform's own
 * release are left out, so sampled calls carry no late events (scenarios still can).
 *
 * @example
 * const call = sampleCall(DEFAULT_PROFILE, seedHash('42'), 0, '+33612345678', false);
 * call.events[0]; // → e.g. { type: 'carrier.ringing', at: 2310, sipCode: 180 }
 */
export function sampleCall(profile: Profile, seed: number, index: number, to: string, listed: boolean): SampledCall {
  const random = new CallRandom(seed, index);
  const { call } = profile;
  const { timeouts } = call;
  const blacklisted = random.chance(profile.blacklistShare) || listed;
  const input: CallConfig = {
    callId: callIdOf(index),
    to,
    messages: call.messages,
    blacklisted,
    amd: call.amd,
    voicemail: call.voicemail,
    timeouts,
  };
  const events: TimedCallEvent[] = [];
  if (blacklisted) return { input, events };

  const responseAt = sampleMs(profile.carrier.responseMs, random);
  const outcome = pick(profile.carrier.outcomes, CARRIER_OUTCOMES, random);
  if (outcome === 'noResponse' || responseAt >= timeouts.carrierMs) return { input, events };
  if (outcome !== 'ringing') {
    events.push({ ...CARRIER_SIGNALS[outcome], at: responseAt });
    return { input, events };
  }
  events.push({ type: 'carrier.ringing', at: responseAt, sipCode: 180 });
  if (!random.chance(profile.ring.answerRate)) return { input, events };
  const machine = random.chance(profile.ring.machineShare);
  const answerAt = responseAt + sampleMs(machine ? profile.ring.machineAnswerMs : profile.ring.humanAnswerMs, random);
  if (answerAt >= responseAt + timeouts.ringMs) return { input, events };
  events.push({ type: 'carrier.answered', at: answerAt, sipCode: 200 });

  const hangupAt =
    answerAt + hangupDelay(machine ? profile.hangup.machineHalfLifeMs : profile.hangup.humanHalfLifeMs, random);
  let verdict: (typeof AMD_VERDICTS)[number] | 'none' = 'none';
  let detectedAt = answerAt;
  if (call.amd) {
    const decision = sampleMs(profile.amd.decisionMs, random);
    const said = pick(machine ? profile.amd.machine : profile.amd.human, AMD_VERDICTS, random);
    if (decision < timeouts.amdMs) {
      verdict = said;
      detectedAt = answerAt + decision;
      events.push({ type: `amd.${said}`, at: detectedAt });
    } else {
      detectedAt = answerAt + timeouts.amdMs;
    }
  }
  const audioMs = call.messages.reduce((sum, message) => sum + message.durationMs, 0);
  let releasedAt: number;
  if (verdict !== 'machine') {
    releasedAt = detectedAt + audioMs + timeouts.releaseMs;
  } else if (call.voicemail === 'hangup') {
    releasedAt = detectedAt;
  } else {
    const beeps = machine && random.chance(profile.voicemail.beepRate);
    const beepDelay = beeps ? sampleMs(profile.voicemail.beepMs, random) : timeouts.beepMs;
    if (beepDelay < timeouts.beepMs) events.push({ type: 'voicemail.beep', at: detectedAt + beepDelay });
    releasedAt = detectedAt + Math.min(beepDelay, timeouts.beepMs) + audioMs;
  }
  if (hangupAt < releasedAt) {
    // Whatever the world would have said after the hang-up never comes.
    const kept = events.filter((event) => event.at < hangupAt);
    kept.push({ type: 'recipient.hangup', at: hangupAt });
    return { input, events: kept };
  }
  return { input, events };
}
