/**
 * Timer defaults, each with where its number comes from (see ../shared/reference/telephony.md §4 and
 * docs/statuses.md). Every timer is an XState delay named in `setup({ delays })`.
 */
export const TIMER_DEFAULTS = {
  /** No final response to the INVITE: SIP Timer B = 64·T1 = 32 s (RFC 3261 §17.1.1.2). */
  carrierMs: 32_000,
  /**
   * After a provisional response (100 Trying) but no ring nor final: Timer C, which RFC 3261
   * §16.6 step 11 sets above 3 minutes for an INVITE that has had a provisional response.
   */
  proceedingMs: 180_000,
  /** Ring timeout: Telnyx and Asterisk Originate default to 30 s; the FTC safe harbor asks ≥ 15 s. */
  ringMs: 30_000,
  /** Answering-machine detection: Asterisk amd.conf `total_analysis_time` = 5000 ms. */
  amdMs: 5_000,
  /** Waiting for a voicemail beep before leaving the message anyway: Twilio waits up to 30 s. */
  beepMs: 30_000,
  /** After the last message, the platform releases the line: a project assumption of 1 s. */
  releaseMs: 1_000,
} as const;

export type TimerName = keyof typeof TIMER_DEFAULTS;
export const TIMER_NAMES = Object.keys(TIMER_DEFAULTS) as TimerName[];
