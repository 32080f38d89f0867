import type { CallRecord, TimelineEntry } from './record.js';
import type { CallStatus } from './taxonomy.js';

/**
 * What an embedder can observe of a running call without reading its context: the events the
 * machine emits (`actor.on('call.ended', …)`) and the tags of its states (`snapshot.hasTag(…)`).
 * See docs/embedding.md.
 */

/** The call entered `state` at `at` ms because of `event`: the timeline entry, as it is written. */
export interface CallEnteredEmitted extends TimelineEntry {
  readonly type: 'call.entered';
}

/** The call ended: its record, equal to the actor's output. */
export interface CallEndedEmitted {
  readonly type: 'call.ended';
  readonly record: CallRecord;
}

/**
 * Every event the call machine emits, for `actor.on`.
 *
 * @example
 * actor.on('call.ended', ({ record }) => console.log(record.status)); // → ANSWERED
 */
export type CallEmitted = CallEnteredEmitted | CallEndedEmitted;

/**
 * The phases a state can be tagged with, in the order a call goes through them: a call waiting on
 * the carrier is `dialing` (with or without a 100 Trying), then `ringing`, then `connected` (a
 * voicemail is connected too, and `voicemail`), and `ended` in every final state.
 *
 * @example
 * CALL_PHASES.filter((phase) => actor.getSnapshot().hasTag(phase)); // → ['connected', 'voicemail']
 */
export const CALL_PHASES = ['dialing', 'ringing', 'connected', 'voicemail', 'ended'] as const;

/** One of `CALL_PHASES`. */
export type CallPhase = (typeof CALL_PHASES)[number];

/** A state's tags: its phase, and in a final state the outcome's status family (`ABSENT`…). */
export type CallTag = CallPhase | CallStatus;
