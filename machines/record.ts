import type { CallOutcome } from './taxonomy.js';

/** One step of a call: at `at` ms the call entered `state` because of `event`. */
export interface TimelineEntry {
  readonly at: number;
  readonly state: string;
  readonly event: string;
}

/**
 * An event that did not apply where it arrived (late, duplicate or out of order). It changed
 * nothing; it is kept so that nothing a carrier said is lost.
 */
export interface IgnoredEvent {
  readonly at: number;
  /** The state the call was in when the event arrived. */
  readonly state: string;
  readonly event: string;
  readonly sipCode?: number;
  readonly q850?: number;
}

/** What a call's machine outputs when it ends, besides its outcome. */
export interface CallRecordFields {
  readonly callId: string;
  readonly to: string;
  /** Messages fully played (to a person or a voicemail). */
  readonly messagesPlayed: number;
  /** The SIP status code and Q.850 cause of the last carrier event that applied, or null. */
  readonly sipCode: number | null;
  readonly q850: number | null;
  /** When dialing began: null for a blacklisted call, which is never initiated. */
  readonly startedAt: number | null;
  readonly ringingAt: number | null;
  readonly answeredAt: number | null;
  readonly endedAt: number;
  readonly timeline: readonly TimelineEntry[];
  readonly ignoredEvents: readonly IgnoredEvent[];
}

/**
 * The record of one ended call: its outcome (a valid status, sub-status and result code) with the
 * facts that led to it. All times are ms on the call's clock (0 = start).
 */
export type CallRecord = CallOutcome & CallRecordFields;
