import { TIMER_DEFAULTS } from '../../machines/timers.js';
import type { Profile } from './profile.js';

/**
 * The profile `call-lifecycle simulate` uses unless given `--profile`. No public benchmark of
 * voice-broadcast outcomes exists (../shared/reference/telephony.md §4), so most numbers are
 * assumptions, and each comment says which are sourced and which are not. Override any of them
 * with a profile file (docs/simulator.md).
 *
 * @example
 * DEFAULT_PROFILE.ring.answerRate; // → 0.64
 */
export const DEFAULT_PROFILE: Profile = {
  name: 'default',
  call: {
    // Assumption: a short intro and an offer, 22 s of audio in all.
    messages: [
      { id: 'intro', durationMs: 6_000 },
      { id: 'offer', durationMs: 16_000 },
    ],
    amd: true,
    voicemail: 'leave',
    // machines/timers.ts: SIP Timer B 32 s, ring 30 s (Telnyx, Asterisk), AMD 5 s (Asterisk
    // amd.conf total_analysis_time), beep 30 s (Twilio), release 1 s (assumption).
    timeouts: { ...TIMER_DEFAULTS },
  },
  // Assumption: 2 % of a list is on the platform's do-not-call list.
  blacklistShare: 0.02,
  carrier: {
    // Assumption: most numbers ring; the SIP final responses of §2 share the rest.
    outcomes: { ringing: 0.88, busy: 0.03, rejected: 0.02, unallocated: 0.03, failed: 0.02, noResponse: 0.02 },
    // Assumption: a post-dial delay of about 2.5 s.
    responseMs: { dist: 'lognormal', medianMs: 2_500, sigma: 0.4 },
  },
  ring: {
    // Sourced (§4): ~24 % pick up unidentified numbers (Hiya 2019) and ~40 % of outbound calls
    // reach voicemail (vendor claim): 0.24 + 0.40 = 0.64 picked up, 0.40 / 0.64 = 0.625 by a machine.
    answerRate: 0.64,
    machineShare: 0.625,
    // Assumption: people pick up after a few rings.
    humanAnswerMs: { dist: 'lognormal', medianMs: 8_000, sigma: 0.5 },
    // Assumption: a voicemail picks up after 4 to 5 rings (~22 s); some only after the 30 s ring timeout.
    machineAnswerMs: { dist: 'lognormal', medianMs: 22_000, sigma: 0.15 },
  },
  amd: {
    // Sourced in part (§4): Asterisk decides on a 1.5 s greeting plus 0.8 s of silence and gives
    // up at 5 s; the spread is an assumption (~5 % of calls reach the 5 s AMD timeout).
    decisionMs: { dist: 'lognormal', medianMs: 2_800, sigma: 0.35 },
    // Sourced (§4): vendors claim 90–94 % accuracy, biased towards "human".
    human: { human: 0.93, machine: 0.03, unknown: 0.04 },
    machine: { human: 0.06, machine: 0.9, unknown: 0.04 },
  },
  voicemail: {
    // Assumption: 90 % of voicemails beep, after a greeting of about 8 s.
    beepRate: 0.9,
    beepMs: { dist: 'lognormal', medianMs: 8_000, sigma: 0.4 },
  },
  hangup: {
    // Assumption: half of the people still listening hang up within 40 s of pickup.
    humanHalfLifeMs: 40_000,
    // Assumption: a voicemail records for minutes; it rarely cuts a 22 s message.
    machineHalfLifeMs: 600_000,
  },
};
